"""Helpers for tests against the live server: sign in over HTTP, open the chat socket."""

from __future__ import annotations

import json
import re
from typing import Any

import requests
from websockets.sync.client import ClientConnection, connect

from tests.conftest import PASSWORD


def sign_in(base_url: str, email: str, password: str = PASSWORD) -> requests.Session:
    """A requests session signed in through the real login form."""
    http = requests.Session()
    page = http.get(f"{base_url}/login", timeout=10).text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    response = http.post(
        f"{base_url}/login",
        timeout=10,
        allow_redirects=False,
        data={"email": email, "password": password, "csrf_token": token},
    )
    assert response.status_code == 302, response.text
    return http


def open_socket(
    base_url: str, session_id: int, http: requests.Session | None = None, origin: str | None = None
) -> ClientConnection:
    """Open /ws/sessions/<id> the way a browser would: Origin and Cookie headers."""
    ws_url = base_url.replace("http://", "ws://") + f"/ws/sessions/{session_id}"
    cookies = "; ".join(f"{c.name}={c.value}" for c in http.cookies) if http else ""
    headers = {"Cookie": cookies} if cookies else {}
    # close_timeout: werkzeug's dev server may keep the TCP connection after the closing
    # handshake; the close frame has arrived by then, so don't wait the default 10 s.
    # Same User-Agent as the HTTP session, as a browser would: Flask-Login's "strong"
    # session protection drops a session whose client fingerprint changes.
    agent = http.headers["User-Agent"] if http else None
    return connect(
        ws_url,
        origin=origin or base_url,
        additional_headers=headers,
        user_agent_header=agent,
        open_timeout=10,
        close_timeout=1,
    )


def send(ws: ClientConnection, **frame: Any) -> None:
    ws.send(json.dumps(frame))


def events_until(ws: ClientConnection, done, timeout: float = 10) -> list[dict[str, Any]]:
    """Read events until `done(event)` is true; return them all."""
    events = []
    while True:
        event = json.loads(ws.recv(timeout=timeout))
        events.append(event)
        if done(event):
            return events


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(database_url: str, port: int | None = None, **env_extra: str):
    """A real gunicorn gthread process of the app on a free port; returns (process, base URL).

    Started in its own process group so a test can SIGKILL the master and its worker together."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    import pytest

    port = port or free_port()
    env = {
        **os.environ,
        "FLOWPILOT_DATABASE_URL": database_url,
        "FLOWPILOT_SECRET_KEY": "test-secret",
        "FLOWPILOT_LLM_BASE_URL": "",
        **env_extra,
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--worker-class",
            "gthread",
            "--threads",
            "8",
            "--workers",
            "1",
            "--bind",
            f"localhost:{port}",
            "app:app",
        ],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://localhost:{port}"
    for _ in range(100):
        try:
            requests.get(f"{base}/healthz", timeout=1)  # the first request also starts its reminder loop
            return proc, base
        except requests.RequestException:
            time.sleep(0.1)
    os.killpg(proc.pid, 9)
    pytest.fail("gunicorn did not start")
