"""FakeOpenAIServer: the other side of the wire, speaking OpenAI's chat-completions SSE over real HTTP."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAIServer:
    """A tiny OpenAI-compatible server; set `mode` to choose how it answers.

    Modes: ok, slow (sleeps before answering), cut (stops mid-stream), empty, 500, 429, 401, 404.
    """

    def __init__(self) -> None:
        self.mode = "ok"
        self.chunks = ["Check the ", "transport rules ", "in EAC next."]
        self.delay = 3.0
        self.chunk_delay = 0.0  # seconds between chunks ("drip")
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                try:
                    fake.answer(self, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away mid-stream, as some tests intend

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL to give the openai client."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAIServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        self.mode = "ok"
        self.chunk_delay = 0.0
        self.chunks = ["Check the ", "transport rules ", "in EAC next."]
        self.requests.clear()
        self.headers.clear()

    def answer(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        status = {"500": 500, "429": 429, "401": 401, "404": 404}.get(self.mode)
        if status:
            self._json(handler, status, {"error": {"message": f"fake {status}", "type": "fake"}})
            return
        if self.mode == "slow":
            time.sleep(self.delay)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunks = [] if self.mode == "empty" else self.chunks
        for i, text in enumerate(chunks):
            if self.chunk_delay:
                time.sleep(self.chunk_delay)
            self._event(handler, body, {"content": text}, None)
            if self.mode == "cut" and i == 0:
                handler.wfile.flush()
                return  # connection closes with no finish_reason and no [DONE]
        self._event(handler, body, {}, "stop")
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()

    @staticmethod
    def _event(
        handler: BaseHTTPRequestHandler, body: dict[str, Any], delta: dict[str, str], finish: str | None
    ) -> None:
        chunk = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        handler.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        handler.wfile.flush()

    @staticmethod
    def _json(handler: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
