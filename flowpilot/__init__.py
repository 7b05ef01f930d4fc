"""FlowPilot: a troubleshooting chat that writes the status updates for you."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from flask import Flask

from . import config as config_module
from . import secret_detector
from .extensions import csrf, db, login_manager, sock

# The layout puts templates/ and static/ beside app.py and flowpilot/, at the top of the checkout.
ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Optional[dict[str, Any]] = None) -> Flask:
    """Build the app: config, extensions, blueprints."""
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(config_module.defaults())
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(config_module.from_environ(os.environ))
    if test_config:
        app.config.update(test_config)
    config_module.finalise(app.config, app.instance_path)
    secret_detector.install_log_redaction()

    if app.config["PROXY_COUNT"]:
        # Behind nginx/Caddy: take scheme, host and client address from the trusted proxy headers,
        # so the socket Origin check and secure cookies see what the browser saw.
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)  # type: ignore[method-assign]
    from .text import IdConverter, clean_request_form

    app.url_map.converters["id"] = IdConverter
    app.before_request(clean_request_form)
    from . import headers

    headers.init_app(app)
    db.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    sock.init_app(app)

    from . import auth, cli, error_pages, notifications, services, sessions, settings, team, vocabulary
    from .chat import ws

    app.extensions[services.KEY] = services.build(app, app.config)
    app.jinja_env.globals["vocabulary"] = vocabulary
    app.register_blueprint(auth.bp)
    app.register_blueprint(error_pages.bp)
    app.register_blueprint(sessions.bp)
    app.register_blueprint(settings.bp)
    app.register_blueprint(team.bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(ws.bp)
    cli.register(app)
    return app
