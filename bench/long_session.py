"""A long session: appending a message, writing an update and loading the page, at 100 and at N messages.

Usage: .venv/bin/python -m bench.long_session [--messages 5000] [--repeat 5]

The 100-message session is the baseline from the same run. Targets (5,000 messages): an update in
≤ 300 ms, detailed notes bounded to what a ticket can hold, appending in constant time, and a page that
shows the latest messages with "load earlier".
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flowpilot import accounts, create_app, session_store
from flowpilot.chat.events import TurnContext
from flowpilot.chat.turn import handle
from flowpilot.cli import init_db
from flowpilot.extensions import db
from flowpilot.models import Session, User, utcnow
from flowpilot.services import Services
from flowpilot.updates.pipeline import UpdateRequest, write_update

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-1"


def build_session(user, messages: int) -> Session:
    """A session whose chat repeats the demo transcript's troubleshooting with varied numbers."""
    demo = json.loads((ROOT / "flowpilot/data/demo_session.json").read_text())["messages"]
    started = utcnow() - timedelta(minutes=messages)
    session = session_store.create_session(
        user,
        client_name="Acme Medical Group",
        contact_name="Dana Whitfield",
        issue="External email not arriving",
        started_at=started,
    )
    rows = []
    for i in range(messages):
        source = demo[i % len(demo)]
        text = source["text"] if i < len(demo) else f"{source['text']} (pass {i // len(demo)}, box WS-{i % 97})"
        rows.append(
            {
                "session_id": session.id,
                "step_type": "message",
                "role": source["role"],
                "content": {"text": text},
                "created_at": started + timedelta(minutes=i),
            }
        )
    from flowpilot.models import Step

    db.session.execute(Step.__table__.insert(), rows)
    db.session.commit()
    return session


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(app, user_id: int, messages: int, repeat: int) -> dict[str, float]:
    """Median milliseconds (and sizes) for one session of this many messages."""
    with app.app_context():
        user = db.session.get(User, user_id)
        session = build_session(user, messages)
        sid, services = session.id, Services()
        ctx = TurnContext(account_id=user.account_id, session_id=sid, user_id=user.id)
        append = timed(
            lambda: list(handle('{"type": "message", "text": "checked the queue again"}', ctx, services)), repeat
        )
        notes = {}

        def update(audience):
            db.session.expire_all()
            done = list(write_update(db.session.get(Session, sid), UpdateRequest(audience, "detailed"), services))[-1]
            notes[audience] = done["content"]

        notes_ms = timed(lambda: update("ticket_notes"), repeat)
        client_ms = timed(lambda: update("client_update"), repeat)
    client = app.test_client()
    token = client.get("/login").get_data(as_text=True).split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"email": user_email, "password": PASSWORD, "csrf_token": token})
    page_bytes = [0]

    def load():
        page_bytes[0] = len(client.get(f"/sessions/{sid}").get_data())

    page_ms = timed(load, repeat)
    return {
        "append_ms": append,
        "notes_ms": notes_ms,
        "client_ms": client_ms,
        "page_ms": page_ms,
        "page_kb": page_bytes[0] / 1024,
        "notes_kb": len(notes["ticket_notes"].encode()) / 1024,
    }


user_email = "bench@flowpilot.local"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "INSTANCE_PATH": tmp,
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
                "LLM_BASE_URL": None,
                "REMINDERS_ENABLED": False,
                "UPDATE_RATE_PER_MINUTE": 10_000,
            }
        )
        with app.app_context():
            init_db()
            user_id = accounts.create_user(user_email, PASSWORD, "Bench Engineer", "Bench MSP").id
        print(f"{'':28}{'100 messages (baseline)':>26}{f'{args.messages} messages':>20}")
        small, large = measure(app, user_id, 100, args.repeat), measure(app, user_id, args.messages, args.repeat)
        for key, label in (
            ("append_ms", "append a message (ms)"),
            ("notes_ms", "detailed ticket notes (ms)"),
            ("client_ms", "detailed client update (ms)"),
            ("page_ms", "session page (ms)"),
            ("page_kb", "session page (KB)"),
            ("notes_kb", "detailed notes (KB)"),
        ):
            print(f"{label:28}{small[key]:>26.1f}{large[key]:>20.1f}")
        print("targets at 5,000: update <= 300 ms; notes bounded; append constant; page shows the latest only")


if __name__ == "__main__":
    main()
