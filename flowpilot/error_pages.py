"""Friendly pages for 400/404/500 and a failed CSRF check."""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify, render_template, request
from flask_wtf.csrf import CSRFError

bp = Blueprint("error_pages", __name__)
log = logging.getLogger(__name__)


def _page(title: str, message: str, status: int):
    return render_template("errors.html", title=title, message=message), status


def _wants_json() -> bool:
    return request.path.startswith("/ai-sessions/") or request.is_json


@bp.get("/healthz")
def health():
    """For monitoring: 200 when the app can reach its database, 503 when it can't. No sign-in, no details."""
    from sqlalchemy import text

    from .extensions import db

    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        log.exception("health check: database unreachable")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.app_errorhandler(CSRFError)
def csrf_failed(exc):
    if _wants_json():
        return jsonify(error="Missing or expired CSRF token: send the page's csrf-token in X-CSRFToken."), 400
    return _page(
        "Form expired", "This form was out of date or came from another site. Reload the page and try again.", 400
    )


@bp.app_errorhandler(404)
def not_found(exc):
    if _wants_json():
        return jsonify(error="Not found."), 404
    return _page("Not found", "There is nothing here, or it belongs to another team.", 404)


@bp.app_errorhandler(500)
def server_error(exc):
    log.error("unhandled error: %s", exc)
    if _wants_json():
        return jsonify(error="Something went wrong on our side; try again in a moment."), 500
    return _page(
        "Something went wrong",
        "Something went wrong on our side; nothing you typed was lost. Try again in a moment.",
        500,
    )
