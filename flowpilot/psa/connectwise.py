"""ConnectWise Manage REST client: ticket lookup, notes, connection test. Facts: docs/connectwise.md."""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Optional

import requests

from ..errors import PSAError, PSANotFound
from ..text import clean_tree

log = logging.getLogger(__name__)
ACCEPT = "application/vnd.connectwise.com+json; version=2025.8"  # pin the model version
# Each kind of note (flowpilot.vocabulary.NOTE_KINDS) as ConnectWise's display flags.
NOTE_FLAGS: dict[str, dict[str, bool]] = {
    "internal": {
        "internalAnalysisFlag": True,
        "detailDescriptionFlag": False,
        "resolutionFlag": False,
        "processNotifications": False,
    },
    "discussion": {
        "internalAnalysisFlag": False,
        "detailDescriptionFlag": True,
        "resolutionFlag": False,
        "processNotifications": True,
    },
    "resolution": {
        "internalAnalysisFlag": False,
        "detailDescriptionFlag": False,
        "resolutionFlag": True,
        "processNotifications": True,
    },
}


@dataclass(frozen=True)
class Ticket:
    """The parts of a ConnectWise ticket FlowPilot uses."""

    id: int
    summary: str
    company_name: str
    contact_name: str


@dataclass(frozen=True)
class Note:
    """A note on a ticket."""

    id: int
    text: str
    kind: str


class ConnectWiseClient:
    """One account's ConnectWise connection. Every call has a timeout; every failure is a PSAError."""

    def __init__(
        self,
        site: str,
        company_id: str,
        public_key: str,
        private_key: str,
        client_id: str,
        codebase: str = "v4_6_release/",
        timeout: float = 10.0,
        max_wait: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        session: Optional[requests.Session] = None,
    ) -> None:
        host = site.strip().rstrip("/")
        if not host.startswith(("http://", "https://")):
            host = f"https://{host}"
        self.base = f"{host}/{codebase.strip('/')}/apis/3.0"
        token = base64.b64encode(f"{company_id}+{public_key}:{private_key}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "clientId": client_id,
            "Accept": ACCEPT,
            "Content-Type": "application/json",
            "Cache-Control": "no-cache",
        }
        self.timeout, self.max_wait, self.sleep = timeout, max_wait, sleep
        self.http = session or requests.Session()

    def __repr__(self) -> str:  # never show keys, even in a debugger or a log
        return f"ConnectWiseClient({self.base!r})"

    # --- calls ---------------------------------------------------------------------------------
    def system_info(self) -> dict[str, Any]:
        """GET /system/info: the cheap check that the keys work."""
        return _record(self.call("GET", "/system/info"))

    def get_ticket(self, ticket_id: int) -> Ticket:
        """The ticket's summary, company name and contact."""
        data = self.call(
            "GET",
            f"/service/tickets/{int(ticket_id)}",
            ticket=ticket_id,
            params={"fields": "id,summary,company,contact,contactName,status"},
        )
        data = _record(data)
        contact = _name_of(data.get("contact")) or _field(data, "contactName")
        company = _name_of(data.get("company"))
        return Ticket(_id(data), _field(data, "summary"), company, contact)

    def list_notes(self, ticket_id: int) -> list[Note]:
        """The ticket's most recent notes, newest first."""
        rows = self.call(
            "GET",
            f"/service/tickets/{int(ticket_id)}/notes",
            ticket=ticket_id,
            params={"orderBy": "id desc", "pageSize": 100},
        )
        if not isinstance(rows, list):
            raise PSAError(MALFORMED)
        return [Note(_id(r), _field(r, "text"), _kind_of(r)) for r in map(_record, rows)]

    def post_note(self, ticket_id: int, text: str, kind: str, member_identifier: Optional[str] = None) -> Note:
        """Post a note of this kind. After a timeout, look before posting again: a note is never posted twice."""
        flags = NOTE_FLAGS[kind]
        body: dict[str, Any] = {"text": text, "customerUpdatedFlag": False, **flags}
        if member_identifier:
            body["member"] = {"identifier": member_identifier}
        for attempt in range(2):
            try:
                row = self.call(
                    "POST", f"/service/tickets/{int(ticket_id)}/notes", ticket=ticket_id, json=body, unsure=True
                )
                row = _record(row)
                return Note(_id(row), _field(row, "text") or text, kind)
            except Unsure:
                existing = next((n for n in self.list_notes(ticket_id) if n.text == text and n.kind == kind), None)
                if existing:
                    return existing
                if attempt:
                    break
        raise PSAError("ConnectWise did not confirm the note in time and it is not on the ticket; try again.")

    # --- plumbing --------------------------------------------------------------------------------
    def call(
        self,
        method: str,
        path: str,
        ticket: Optional[int] = None,
        unsure: bool = False,
        what: str = "note",
        **kwargs: Any,
    ) -> Any:
        """One API call with the timeout, the 429 back-off and the errors a person understands."""
        waited = 0.0
        while True:
            try:
                response = self.http.request(
                    method, self.base + path, headers=self.headers, timeout=self.timeout, **kwargs
                )
            except requests.Timeout as exc:
                log.warning("ConnectWise %s %s timed out", method, path)
                if unsure:
                    raise Unsure() from exc
                raise PSAError("ConnectWise did not answer in time; try again in a moment.") from exc
            except requests.RequestException as exc:
                log.warning("ConnectWise %s %s failed: %s", method, path, type(exc).__name__)
                if unsure:
                    raise Unsure() from exc  # the note may have been sent: look before retrying
                raise PSAError("Could not reach ConnectWise; check the site name in Settings → PSA.") from exc
            if response.status_code == 429:
                wait = _retry_after(response)
                if waited + wait > self.max_wait:
                    raise PSAError(f"ConnectWise is busy; try again in {int(wait)} seconds.")
                log.info("ConnectWise asked us to wait %ss", wait)
                self.sleep(wait)
                waited += wait
                continue
            return _result(response, ticket, what)


class Unsure(Exception):
    """A POST whose outcome we do not know (timed out after sending)."""


def _retry_after(response: requests.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "5")))
    except ValueError:
        return 5.0


MALFORMED = (
    "ConnectWise answered in a shape FlowPilot does not understand; check the site and codebase in Settings → PSA."
)


def _record(value: Any) -> dict[str, Any]:
    """A JSON object from ConnectWise, or a PSAError (a list, a string or null is not a record)."""
    if not isinstance(value, dict):
        raise PSAError(MALFORMED)
    return value


def _id(row: dict[str, Any]) -> int:
    """A record's numeric id, or a PSAError."""
    value = row.get("id")
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
        raise PSAError(MALFORMED)
    return int(value)


def _name_of(reference: Any) -> str:
    """A reference's name ({"id": …, "name": …}); '' when it is missing or not an object."""
    return _field(reference, "name") if isinstance(reference, dict) else ""


def _field(row: dict[str, Any], name: str) -> str:
    """A text field, '' when missing or not text."""
    value = row.get(name)
    return value if isinstance(value, str) else ""


def _kind_of(row: dict[str, Any]) -> str:
    if row.get("resolutionFlag"):
        return "resolution"
    return "internal" if row.get("internalAnalysisFlag") else "discussion"


def _result(response: requests.Response, ticket: Optional[int], what: str = "note") -> Any:
    """The JSON body of a success, or a PSAError a person understands."""
    status = response.status_code
    if status in (200, 201):
        try:
            return clean_tree(response.json())
        except ValueError as exc:  # e.g. a wrong site answering with a web page
            raise PSAError(
                "ConnectWise answered with something that is not its API; check the site and "
                "codebase in Settings → PSA."
            ) from exc
    log.warning("ConnectWise answered %s", status)
    try:
        detail = response.json()
    except ValueError:
        detail = {}
    if not isinstance(detail, dict):
        detail = {}
    if status == 401:
        raise PSAError(
            "ConnectWise refused the API keys (or the API member's role is too limited); "
            "check the company ID, public and private key in Settings → PSA."
        )
    if status == 403:
        raise PSAError("The ConnectWise API member is not allowed to do this; check its security role.")
    if status == 404 and ticket is not None:
        raise PSANotFound(f"Ticket {ticket} was not found in ConnectWise.")
    if status == 404:  # on cloud a wrong site or codebase also answers 404
        raise PSAError("ConnectWise did not find that; check the site and codebase in Settings → PSA.")
    if status == 400:
        reasons = [e.get("message") for e in detail.get("errors", []) if e.get("message")] or [detail.get("message")]
        raise PSAError(f"ConnectWise refused the {what}: " + "; ".join(r for r in reasons if r).rstrip(".") + ".")
    raise PSAError("ConnectWise had a problem on its side; try again in a moment.")
