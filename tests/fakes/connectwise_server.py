"""FakeConnectWise: the other side of the wire, behaving as docs/connectwise.md and psa-more.md describe:
tickets, notes, board statuses, status PATCH and time entries, with their field checks."""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PREFIX = "/v4_6_release/apis/3.0"


class FakeConnectWise:
    """Tickets and notes in memory; `mode` makes it misbehave: 429 (first `busy` calls), 500, hang_post."""

    def __init__(
        self,
        company: str = "acmemsp",
        public: str = "pub123",
        private: str = "priv-SECRET-456",
        client_id: str = "11111111-2222-3333-4444-555555555555",
    ) -> None:
        self.company, self.public, self.private, self.client_id = company, public, private, client_id
        self.mode = "ok"
        self.busy = 1
        self.retry_after = 1
        self.hang_seconds = 2.0
        self.post_delay = 0.0  # seconds a note POST takes (widens races between two posters)
        self.tickets: dict[int, dict[str, Any]] = {}
        self.notes: dict[int, list[dict[str, Any]]] = {}
        self.requests: list[dict[str, Any]] = []
        self._next_note = 5512000
        self.time_entries: list[dict[str, Any]] = []
        self.closed_period = False  # the member's time sheet for that week is closed: time entries are refused
        self.hang_time = False  # the next time entry is saved, but the answer never comes in time
        # One service board; "Closed" closes tickets and forbids time, "Old status" is inactive.
        self.statuses = [
            {"id": 1, "name": "New", "closedStatus": False, "timeEntryNotAllowed": False, "inactive": False},
            {"id": 2, "name": "In Progress", "closedStatus": False, "timeEntryNotAllowed": False, "inactive": False},
            {
                "id": 3,
                "name": "Waiting on client",
                "closedStatus": False,
                "timeEntryNotAllowed": False,
                "inactive": False,
            },
            {"id": 4, "name": "Old status", "closedStatus": False, "timeEntryNotAllowed": False, "inactive": True},
            {"id": 5, "name": "Closed", "closedStatus": True, "timeEntryNotAllowed": True, "inactive": False},
        ]
        self._next_time = 9100
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.handle(self, "GET")

            def do_POST(self) -> None:
                fake.handle(self, "POST")

            def do_PATCH(self) -> None:
                fake.handle(self, "PATCH")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.add_ticket(884213, "External email not arriving", "Acme Medical Group", "Dana Whitfield")

    @property
    def site(self) -> str:
        """What an admin types as the site in our settings (scheme included for a local fake)."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def add_ticket(self, ticket_id: int, summary: str, company: str, contact: str) -> None:
        self.tickets[ticket_id] = {
            "id": ticket_id,
            "summary": summary,
            "company": {"id": 250, "identifier": "Acme", "name": company},
            "contact": {"id": 31, "name": contact},
            "contactName": contact,
            "status": {"id": 2, "name": "In Progress"},
            "board": {"id": 7, "name": "Help Desk"},
        }
        self.notes.setdefault(ticket_id, [])

    # --- request handling -------------------------------------------------------------------------
    def handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length) or b"null") if length else None
        self.requests.append({"method": method, "path": handler.path, "headers": dict(handler.headers), "body": body})
        expected = "Basic " + base64.b64encode(f"{self.company}+{self.public}:{self.private}".encode()).decode()
        if handler.headers.get("Authorization") != expected or handler.headers.get("clientId") != self.client_id:
            return self._reply(handler, 401, {"code": "Unauthorized", "message": "Authentication failed."})
        if self.mode == "429" and self.busy > 0:
            self.busy -= 1
            return self._reply(
                handler,
                429,
                {"code": "TooManyRequests", "message": "Slow down"},
                {"Retry-After": str(self.retry_after)},
            )
        if self.mode == "html":  # a wrong site: some web page, not the API
            data = b"<html><body>Sign in to the portal</body></html>"
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return None
        if self.mode == "500":
            return self._reply(handler, 500, {"code": "ConnectWiseApi", "message": "Object reference not set"})
        path = handler.path.split("?", 1)[0]
        if not path.startswith(PREFIX):
            return self._reply(handler, 404, {"code": "NotFound", "message": "Unknown codebase"})
        path = path[len(PREFIX) :]
        if method == "GET" and path == "/system/info":
            return self._reply(handler, 200, {"version": "v2025.8.12345", "isCloud": True, "serverTimeZone": "UTC"})
        if path == "/service/boards/7/statuses" and method == "GET":
            return self._reply(handler, 200, [{**s, "board": {"id": 7}} for s in self.statuses])
        if path == "/time/entries":
            return self._time(handler, method, body)
        match = re.fullmatch(r"/service/tickets/(\d+)(/notes)?", path)
        if not match:
            return self._reply(handler, 404, {"code": "NotFound", "message": f"Route {path} not found"})
        ticket_id = int(match.group(1))
        if ticket_id not in self.tickets:
            return self._reply(handler, 404, {"code": "NotFound", "message": f"Ticket {ticket_id} not found"})
        if not match.group(2) and method == "PATCH":
            return self._patch(handler, ticket_id, body)
        if not match.group(2):
            return self._reply(handler, 200, self.tickets[ticket_id])
        if method == "GET":
            return self._reply(handler, 200, list(reversed(self.notes[ticket_id])))
        return self._post_note(handler, ticket_id, body or {})

    def _post_note(self, handler: BaseHTTPRequestHandler, ticket_id: int, body: dict[str, Any]) -> None:
        if not any(body.get(f) for f in ("detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag")):
            return self._reply(
                handler,
                400,
                {
                    "code": "InvalidObject",
                    "message": "serviceNote object is invalid",
                    "errors": [
                        {
                            "code": "InvalidObject",
                            "message": "Please choose where to display the notes in order to save this record.",
                            "resource": "serviceNote",
                            "field": "flags",
                        }
                    ],
                },
            )
        time.sleep(self.post_delay)
        with self._lock:
            self._next_note += 1
            note = {**body, "id": self._next_note, "ticketId": ticket_id, "dateCreated": "2026-11-24T10:00:00Z"}
            self.notes[ticket_id].append(note)
        if self.mode == "hang_post":
            self.mode = "ok"  # the note is saved, but the answer never comes in time
            time.sleep(self.hang_seconds)
        self._reply(handler, 201, note)

    def _patch(self, handler: BaseHTTPRequestHandler, ticket_id: int, body: Any) -> None:
        """A JSON Patch array; a status must be an active one of the ticket's board (we check, as CW barely does)."""
        ops = body if isinstance(body, list) else None
        if not ops or not all(isinstance(o, dict) and o.get("op") in ("replace", "add") for o in ops):
            return self._invalid(handler, "operations", "Patch must be a JSON Patch array.")
        for op in ops:
            value = op.get("value")
            if op.get("path") != "status" or not isinstance(value, dict) or not isinstance(value.get("id"), int):
                return self._invalid(handler, str(op.get("path")), "Only status {id} is patched here.")
            status = next((s for s in self.statuses if s["id"] == value["id"] and not s["inactive"]), None)
            if status is None:
                return self._invalid(handler, "status", "The status is not valid for this board.")
            self.tickets[ticket_id]["status"] = {"id": status["id"], "name": status["name"]}
        return self._reply(handler, 200, self.tickets[ticket_id])

    def _time(self, handler: BaseHTTPRequestHandler, method: str, body: Any) -> None:
        """POST a time entry (fields checked as the facts file says); GET them by ticket."""
        if method == "GET":
            conditions = parse_qs(urlsplit(handler.path).query).get("conditions", [""])[0]
            wanted = re.search(r"chargeToId=(\d+)", conditions)
            rows = [t for t in self.time_entries if wanted and t["chargeToId"] == int(wanted.group(1))]
            return self._reply(handler, 200, rows)
        body = body if isinstance(body, dict) else {}
        stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
        if body.get("chargeToType") not in ("ServiceTicket", "ProjectTicket", "ChargeCode", "Activity"):
            return self._invalid(handler, "chargeToType", "chargeToType is invalid.")
        if not isinstance(body.get("chargeToId"), int) or body["chargeToId"] not in self.tickets:
            return self._invalid(handler, "chargeToId", "The ticket to charge was not found.")
        for field in ("timeStart", "timeEnd"):
            if not isinstance(body.get(field), str) or not stamp.match(body[field]):
                return self._reply(handler, 400, {"code": "UnsupportedFormat", "message": f"{field} is not a date."})
        if body.get("billableOption") not in ("Billable", "DoNotBill", "NoCharge", "NoDefault"):
            return self._invalid(handler, "billableOption", "billableOption is invalid.")
        if "member" in body and not (isinstance(body["member"], dict) and body["member"].get("identifier")):
            return self._invalid(handler, "member", "member must be a reference.")
        if not isinstance(body.get("notes", ""), str):
            return self._invalid(handler, "notes", "notes must be text.")
        status_id = self.tickets[body["chargeToId"]]["status"]["id"]
        if any(s["id"] == status_id and s["timeEntryNotAllowed"] for s in self.statuses):
            return self._invalid(handler, "status", "Time entries are not allowed in this ticket status.")
        if self.closed_period:
            return self._invalid(handler, "timeSheet", "The time sheet for this period is closed.")
        with self._lock:
            self._next_time += 1
            entry = {**body, "id": self._next_time, "actualHours": 0, "status": "Open"}
            self.time_entries.append(entry)
        if self.hang_time:
            self.hang_time = False
            time.sleep(self.hang_seconds)
        return self._reply(handler, 201, entry)

    def _invalid(self, handler: BaseHTTPRequestHandler, field: str, message: str) -> None:
        error = {"code": "InvalidObject", "message": message, "resource": "object", "field": field}
        return self._reply(handler, 400, {"code": "InvalidObject", "message": "object is invalid", "errors": [error]})

    @staticmethod
    def _reply(
        handler: BaseHTTPRequestHandler, status: int, payload: Any, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                handler.send_header(key, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the hang tests)
