"""Notifications: the per-user socket every page opens, the list, and starting the reminder loop."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select

from . import services
from .chat.ws import receive, same_origin
from .extensions import db, sock
from .models import Notification, utcnow
from .reminders import notification_event

bp = Blueprint("notifications", __name__)


@bp.before_app_request
def start_reminder_loop():
    # Once per process, on its first request: forked and pre-forked workers each start their own.
    if current_app.config["REMINDERS_ENABLED"]:
        loop = services.current().reminders
        if loop is not None:
            loop.ensure_running()


@bp.before_request
def refuse_foreign_sockets():
    if request.endpoint == "notifications.socket":
        if not same_origin(request.headers.get("Origin"), request.host, request.scheme):
            return jsonify(error="This connection was refused (wrong origin)."), 403
        if not current_user.is_authenticated:
            return jsonify(error="Please sign in again."), 401
    return None


@sock.route("/ws/notifications", bp=bp)
def socket(ws):
    if not current_user.is_authenticated:  # defence in depth: the hook above refused already
        ws.close(1008, "auth")
        return
    hub, user_id = services.current().hub, current_user.id
    if hub is None:
        ws.close(1011, "no hub")
        return
    db.session.remove()  # this socket never needs the database again; don't hold a connection for hours
    hub.add(user_id, ws)
    try:
        while receive(ws) is not None:
            pass  # this socket only listens; anything sent to it is ignored
    finally:
        hub.remove(user_id, ws)


def unread_for(user_id: int, limit: int = 20) -> list[Notification]:
    """A user's unread notifications, newest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    )


@bp.get("/notifications")
@login_required
def index():
    return jsonify(notifications=[notification_event(n) for n in unread_for(current_user.id)])


@bp.post("/notifications/<id:note_id>/read")
@login_required
def mark_read(note_id: int):
    note = db.session.scalar(
        select(Notification).where(Notification.id == note_id, Notification.user_id == current_user.id)
    )
    if note is None:
        return jsonify(error="Not found."), 404
    note.read_at = utcnow()
    db.session.commit()
    return jsonify(ok=True)


@bp.app_context_processor
def unread_count():
    if not current_user.is_authenticated:
        return {}
    return {"unread_notifications": [notification_event(n) for n in unread_for(current_user.id)]}
