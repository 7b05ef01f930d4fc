"""FlowPilot: a troubleshooting chat that writes the status updates for you."""
from __future__ import annotations

import os
from typing import Any, Optional

from flask import Flask

from . import config as config_module
from .extensions import csrf, db, login_manager, sock


def create_app(test_config: Optional[dict[str, Any]] = None) -> Flask:
    """Build the app: config, extensions, blueprints."""
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_mapping(config_module.defaults())
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(config_module.from_environ(os.environ))
    if test_config:
        app.config.update(test_config)
    config_module.finalise(app.config, app.instance_path)

    if app.config["PROXY_COUNT"]:
        # Behind nginx/Caddy: take scheme, host and client address from the trusted proxy headers,
        # so the socket Origin check and secure cookies see what the browser saw.
        from werkzeug.middleware.proxy_fix import ProxyFix
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    db.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    sock.init_app(app)

    from . import auth, cli, error_pages, notifications, sessions, settings
    from .chat.hub import Hub
    from .reminders import ReminderLoop
    from .chat import ws
    from .intents import IntentDetector
    from .providers import build_provider
    from .ratelimit import SlidingWindowLimiter

    app.extensions["flowpilot.provider"] = build_provider(app.config)
    app.extensions["flowpilot.intents"] = IntentDetector()
    app.extensions["flowpilot.update_limiter"] = SlidingWindowLimiter(app.config["UPDATE_RATE_PER_MINUTE"], 60)
    app.extensions["flowpilot.hub"] = Hub()
    app.extensions["flowpilot.reminders"] = ReminderLoop(app, app.extensions["flowpilot.hub"], app.config["CLOCK"],
                                                         app.config["REMINDER_INTERVAL"])
    app.register_blueprint(auth.bp)
    app.register_blueprint(error_pages.bp)
    app.register_blueprint(sessions.bp)
    app.register_blueprint(settings.bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(ws.bp)
    cli.register(app)
    return app
