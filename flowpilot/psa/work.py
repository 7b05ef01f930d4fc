"""ConnectWise calls for logging work: a ticket's board statuses, a time entry, a status change
(facts: docs/connectwise-work.md). Each goes through ConnectWiseClient.call, so timeouts, 429s and
error sentences are the same as for notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Optional

from ..errors import PSAError
from .connectwise import MALFORMED, ConnectWiseClient, Unsure

CW_TIME = "%Y-%m-%dT%H:%M:%SZ"  # UTC, as every public client sends it
# What an entry for internal work says where the client may read it (an invoice); the note is on the ticket.
INTERNAL_WORK = "Technical work on this ticket (details in the ticket's internal notes)."


@dataclass(frozen=True)
class BoardStatus:
    """One status of a ticket's board."""

    id: int
    name: str
    closed: bool


@dataclass(frozen=True)
class TimeEntry:
    """A time entry as ConnectWise stored it."""

    id: int
    start: str
    end: str

    @property
    def minutes(self) -> int:
        """Its length in whole minutes (0 when ConnectWise sent no usable times)."""
        try:
            span = datetime.strptime(self.end, CW_TIME) - datetime.strptime(self.start, CW_TIME)
            return round(span.total_seconds() / 60)
        except ValueError:
            return 0


def board_statuses(client: ConnectWiseClient, ticket_id: int) -> tuple[Optional[int], list[BoardStatus]]:
    """The ticket's current status id and its board's active statuses, in board order."""
    ticket = client.call(
        "GET", f"/service/tickets/{int(ticket_id)}", ticket=ticket_id, params={"fields": "id,board,status"}
    )
    if not isinstance(ticket, dict):
        raise PSAError(MALFORMED)
    board, status = ticket.get("board"), ticket.get("status")
    if not isinstance(board, dict) or not _is_id(board.get("id")):
        raise PSAError(f"Ticket {ticket_id} has no service board in ConnectWise, so its status can't be changed here.")
    rows = client.call(
        "GET",
        f"/service/boards/{int(board['id'])}/statuses",
        what="request for the board's statuses",
        params={"conditions": "inactive=false", "orderBy": "sortOrder asc", "pageSize": 100},
    )
    if not isinstance(rows, list):
        raise PSAError(MALFORMED)
    statuses = [
        BoardStatus(int(r["id"]), str(r.get("name") or ""), bool(r.get("closedStatus")))
        for r in rows
        if isinstance(r, dict) and _is_id(r.get("id")) and not r.get("inactive")  # inactive ones are never offered
    ]
    current = int(status["id"]) if isinstance(status, dict) and _is_id(status.get("id")) else None
    return current, statuses


def add_time_entry(
    client: ConnectWiseClient,
    ticket_id: int,
    end: datetime,
    minutes: int,
    notes: str,
    billable: str,
    work_type: str = "",
    member_identifier: Optional[str] = None,
    internal: bool = False,
) -> TimeEntry:
    """Log time on the ticket. Its notes are shown on the entry only (every addTo… flag off): the note itself
    is already on the ticket. An internal note's text goes in internalNotes, since an entry's notes can reach
    the client's invoice. After a timeout, look before logging again: time is never logged twice."""
    start = end - timedelta(minutes=minutes)
    body: dict[str, Any] = {
        "chargeToId": int(ticket_id),
        "chargeToType": "ServiceTicket",
        "timeStart": start.strftime(CW_TIME),
        "timeEnd": end.strftime(CW_TIME),
        "billableOption": billable,
        "notes": INTERNAL_WORK if internal else notes,
        "addToDetailDescriptionFlag": False,
        "addToInternalAnalysisFlag": False,
        "addToResolutionFlag": False,
        "emailResourceFlag": False,
        "emailContactFlag": False,
        "emailCcFlag": False,
    }
    if internal:
        body["internalNotes"] = notes
    if member_identifier:
        body["member"] = {"identifier": member_identifier}
    if work_type:
        body["workType"] = {"name": work_type}
    for attempt in range(2):
        try:
            row = client.call("POST", "/time/entries", unsure=True, what="time entry", json=body)
            return _entry(row)
        except Unsure:
            existing = _logged(client, ticket_id, body)
            if existing:
                return existing
            if attempt:
                break
    raise PSAError("ConnectWise did not confirm the time entry in time and it is not on the ticket; try again.")


def set_status(client: ConnectWiseClient, ticket_id: int, status_id: int) -> None:
    """Move the ticket to a status of its board (a JSON Patch by id, never by name)."""
    client.call(
        "PATCH",
        f"/service/tickets/{int(ticket_id)}",
        ticket=ticket_id,
        what="status change",
        json=[{"op": "replace", "path": "status", "value": {"id": int(status_id)}}],
    )


def entry_with_text(client: ConnectWiseClient, ticket_id: int, text: str) -> Optional[TimeEntry]:
    """A time entry on the ticket carrying this note's text (in its notes or internal notes), if any."""
    for row in _entries(client, ticket_id):
        if text in (row.get("notes"), row.get("internalNotes")):
            return _entry(row)
    return None


def _entries(client: ConnectWiseClient, ticket_id: int) -> list[dict[str, Any]]:
    rows = client.call(
        "GET",
        "/time/entries",
        what="time entry lookup",
        params={"conditions": f'chargeToType="ServiceTicket" AND chargeToId={int(ticket_id)}', "pageSize": 100},
    )
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _logged(client: ConnectWiseClient, ticket_id: int, body: dict[str, Any]) -> Optional[TimeEntry]:
    """The entry we meant to log, if it reached ConnectWise before the answer was lost."""
    for row in _entries(client, ticket_id):
        if all(row.get(k) == body.get(k) for k in ("timeStart", "notes", "internalNotes")):
            return _entry(row)
    return None


def _entry(row: Any) -> TimeEntry:
    if not isinstance(row, dict) or not _is_id(row.get("id")):
        raise PSAError(MALFORMED)
    return TimeEntry(int(row["id"]), str(row.get("timeStart") or ""), str(row.get("timeEnd") or ""))


def _is_id(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, str)) and str(value).isdigit()
