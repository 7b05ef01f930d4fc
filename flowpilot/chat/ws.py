"""The chat socket: sign-in and Origin checks, then a JSON-in/JSON-out loop."""
from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, request
from flask_login import current_user

from .. import session_store
from ..extensions import db, sock
from .turn import TurnContext, error, handle

bp = Blueprint("chat", __name__)
log = logging.getLogger(__name__)
POLICY_VIOLATION = 1008


def same_origin(origin: str | None, host: str) -> bool:
    """True when the page that opened the socket was served by this host (blocks CSWSH)."""
    if not origin:
        return False
    return urlsplit(origin).netloc.lower() == host.lower()


@sock.route("/ws/sessions/<int:session_id>", bp=bp)
def session_socket(ws, session_id: int):
    # flask-sock has upgraded already and ignores return values, so refuse by closing.
    if not same_origin(request.headers.get("Origin"), request.host):
        ws.send(json.dumps(error("This connection was refused (wrong origin).")))
        ws.close(POLICY_VIOLATION, "origin")
        return
    if not current_user.is_authenticated:
        ws.send(json.dumps(error("Please sign in again.")))
        ws.close(POLICY_VIOLATION, "auth")
        return
    if session_store.get_session(current_user.account_id, session_id) is None:
        ws.send(json.dumps(error("Session not found.")))
        ws.close(POLICY_VIOLATION, "not found")
        return
    ctx = TurnContext(
        account_id=current_user.account_id, session_id=session_id,
        provider=current_app.extensions.get("flowpilot.provider"),
        history_limit=current_app.config["CHAT_HISTORY_LIMIT"],
    )
    while True:
        raw = ws.receive()
        if raw is None:
            break
        try:
            for event in handle(raw, ctx):
                ws.send(json.dumps(event))
        except Exception:  # keep the socket open; the engineer gets one line
            log.exception("chat turn failed in session %s", session_id)
            db.session.rollback()
            ws.send(json.dumps(error("Something went wrong on our side; your message is saved.")))
