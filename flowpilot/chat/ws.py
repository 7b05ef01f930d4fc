"""The chat socket: sign-in, Origin and account checks, then a JSON-in/JSON-out loop."""

from __future__ import annotations

import json
import logging
import socket
from typing import Optional
from urllib.parse import urlsplit

from flask import Blueprint, jsonify, request
from flask import session as flask_session
from flask_login import current_user
from simple_websocket import ConnectionClosed
from sqlalchemy.exc import OperationalError

from .. import accounts, session_store
from .. import services as services_module
from ..extensions import db, sock
from ..services import Services
from ..wire import Event, error
from .events import TurnContext
from .turn import handle

bp = Blueprint("chat", __name__)
BUSY = "FlowPilot's database is busy and could not save that; your text is still in the box, send it again."
log = logging.getLogger(__name__)
RECEIVE_SLICE = 2.0  # seconds


def same_origin(origin: Optional[str], host: str, scheme: str = "http") -> bool:
    """True when the page that opened the socket was served by this scheme and host (blocks CSWSH)."""
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme.lower() == scheme.lower() and parts.netloc.lower() == host.lower()


def refusal(session_id: int) -> Optional[tuple[int, str]]:
    """Why this socket request must be refused (status, sentence), or None to accept it."""
    if not same_origin(request.headers.get("Origin"), request.host, request.scheme):
        return 403, "This connection was refused (wrong origin)."
    if not current_user.is_authenticated:
        return 401, "Please sign in again."
    if session_store.get_session(current_user.account_id, session_id) is None:
        return 404, "Session not found."
    return None


@bp.before_request
def refuse_before_upgrade():
    # flask-sock upgrades before the view runs and ignores what it returns, and a
    # server-side close on werkzeug is followed by a stray HTTP response on the same
    # socket; so refuse the handshake itself, as RFC 6455 §4.2.2 allows.
    if request.endpoint == "chat.session_socket":
        refused = refusal((request.view_args or {})["session_id"])
        if refused:
            status, message = refused
            return jsonify(error(message)), status
    return None


@sock.route("/ws/sessions/<id:session_id>", bp=bp)
def session_socket(ws, session_id: int):
    refused = refusal(session_id)  # defence in depth: never serve a socket the hook did not vet
    if refused:
        ws.close(1008, refused[1])
        return
    _no_delay(ws)
    ctx = TurnContext(account_id=current_user.account_id, session_id=session_id, user_id=current_user.id)
    services = services_module.current()
    sid = flask_session.get("sid")
    if services.hub is not None:
        services.hub.add(current_user.id, ws, listens=False)
    try:
        _serve(ws, ctx, services, sid)
    finally:
        if services.hub is not None:
            services.hub.remove(current_user.id, ws)


def _serve(ws, ctx: TurnContext, services: Services, sid: object) -> None:
    """The socket's life: one turn per frame, until the browser goes or the sign-in ends."""
    while True:
        # A socket lives for hours: give its database connection back to the pool between turns,
        # or a few dozen open chat pages exhaust the pool and new ones hang.
        db.session.remove()
        raw = receive(ws)
        if raw is None:
            break
        if not accounts.session_valid(sid, ctx.user_id or 0):  # signed out (here or everywhere) meanwhile
            _try_send(ws, error("You were signed out; sign in again to continue."))
            break
        if not run_turn(ws, raw, ctx, services):
            break


def receive(ws) -> Optional[str]:
    """The next frame, or None once the socket is closed.

    Waits in short slices: simple_websocket can close a socket (a frame too big, or closed from another
    thread when a user opens too many) without waking a reader blocked forever, which would hold a worker
    thread and the TCP connection."""
    while True:
        frame = ws.receive(timeout=RECEIVE_SLICE)
        if frame is not None or not ws.connected:
            return frame


def _no_delay(ws) -> None:
    # Streamed deltas are small writes; without TCP_NODELAY, Nagle's algorithm and delayed
    # ACKs hold each one back ~40 ms.
    try:
        ws.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (AttributeError, OSError):
        pass


def run_turn(ws, raw: str, ctx: TurnContext, services: Services) -> bool:
    """Send every event of one turn; False once the browser has gone.

    The turn is always run to its end, even after a disconnect, so an update being
    streamed is still stored and shows on reload.
    """
    alive = True
    try:
        for event in handle(raw, ctx, services):
            if alive:
                try:
                    ws.send(json.dumps(event))
                except (ConnectionClosed, OSError):  # closed cleanly, or reset mid-stream
                    alive = False
    except OperationalError:  # e.g. the database stayed locked longer than our busy timeout
        log.warning("database busy in session %s", ctx.session_id)
        db.session.rollback()
        alive = alive and _try_send(ws, error(BUSY))
    except Exception:  # keep the socket open; the engineer gets one line
        log.exception("chat turn failed in session %s", ctx.session_id)
        db.session.rollback()
        alive = alive and _try_send(ws, error("Something went wrong on our side; anything already shown was saved."))
    return alive


def _try_send(ws, event: Event) -> bool:
    try:
        ws.send(json.dumps(event))
        return True
    except (ConnectionClosed, OSError):
        return False
