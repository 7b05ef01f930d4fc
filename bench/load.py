"""Load: N engineers connected at once to one real gunicorn process, each chatting and asking for updates.

Prints connections held, p50/p99 time from request to first `update.delta` and to `update.done`,
errors, and the server's RSS; the baseline is one engineer alone, measured first in the same run.
Bounded: it stops itself after --deadline seconds and always stops the server.

Usage: .venv/bin/python -m bench.load [--engineers 300] [--rounds 2] [--spread 30] [--threads 400]
Default: each of 300 engineers sends a message and asks for an update twice, each round spread over 30 s
(about 10 messages and 10 updates a second). Use a smaller --spread to find where one process saturates.
Bench users get a cheap password hash (pbkdf2, 1 000 rounds) so 300 sign-ins don't measure scrypt.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from websockets.asyncio.client import connect
from werkzeug.security import generate_password_hash

ROOT = Path(__file__).resolve().parent.parent

PASSWORD = "load-test-password"


def seed(database_url: str, instance: Path, engineers: int) -> list[str]:
    """N engineers, each with the demo session; returns their emails."""
    from flowpilot import create_app, transcripts
    from flowpilot.cli import init_db
    from flowpilot.extensions import db
    from flowpilot.models import Account, User

    app = create_app(
        {"SECRET_KEY": "load", "INSTANCE_PATH": str(instance), "DATABASE_URL": database_url, "REMINDERS_ENABLED": False}
    )
    demo = json.loads((ROOT / "flowpilot/data/demo_session.json").read_text())
    emails = []
    with app.app_context():
        init_db()
        account = Account(name="Load MSP", communication_templates={}, psa_settings={})
        db.session.add(account)
        cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        for i in range(engineers):
            user = User(
                account=account,
                email=f"eng{i}@load.test",
                display_name=f"Eng{i}",
                full_name=f"Engineer {i}",
                password_hash=cheap,
                role="engineer",
            )
            db.session.add(user)
            db.session.flush()
            emails.append(user.email)
        db.session.commit()
        for user in db.session.query(User).all():
            transcripts.import_session(demo, user)
    return emails


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(base: str, email: str) -> tuple[str, str, int]:
    http = requests.Session()
    page = http.get(f"{base}/login", timeout=30).text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    http.post(
        f"{base}/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        timeout=30,
        allow_redirects=False,
    )
    listing = http.get(f"{base}/", timeout=30).text
    session_id = int(re.search(r'href="/sessions/(\d+)"', listing).group(1))
    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    return cookie, http.headers["User-Agent"], session_id


async def engineer(
    base: str,
    login: tuple[str, str, int],
    rounds: int,
    spread: float,
    ready: asyncio.Event,
    connected: list,
    results: list,
    errors: list,
) -> None:
    cookie, agent, session_id = login
    url = base.replace("http://", "ws://") + f"/ws/sessions/{session_id}"
    try:
        async with connect(
            url,
            origin=base,
            additional_headers={"Cookie": cookie},
            user_agent_header=agent,
            open_timeout=60,
            close_timeout=2,
            max_queue=None,
        ) as ws:
            connected.append(1)
            await ready.wait()
            for _ in range(rounds):
                await asyncio.sleep(random.uniform(0, spread))
                await ws.send(json.dumps({"type": "message", "text": "checked the connector, MX ok"}))
                while True:  # the engineer's echo, then the assistant's reply
                    event = json.loads(await ws.recv())
                    if event["type"] == "message" and event.get("role") == "assistant":
                        break
                start = time.perf_counter()
                await ws.send(
                    json.dumps(
                        {"type": "action", "name": "share_update", "audience": "client_update", "length": "quick"}
                    )
                )
                first = None
                while True:
                    event = json.loads(await asyncio.wait_for(ws.recv(), 60))
                    if event["type"] == "update.delta" and first is None:
                        first = time.perf_counter() - start
                    if event["type"] in ("update.done", "error"):
                        if event["type"] == "error":
                            errors.append(event["message"])
                        else:
                            results.append((first * 1000, (time.perf_counter() - start) * 1000))
                        break
    except Exception as exc:  # noqa: BLE001 — every failure is counted, the run goes on
        errors.append(f"{type(exc).__name__}: {exc}")


def rss_mb(master: int) -> float:
    """Resident memory of the gunicorn master and its workers."""
    total = 0
    pids = [master] + [
        int(p) for p in subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    ]
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(q * len(values))) - 1))]


async def run(base: str, logins: list, rounds: int, spread: float, deadline: float) -> tuple:
    ready, connected, results, errors = asyncio.Event(), [], [], []
    tasks = [
        asyncio.create_task(engineer(base, lg, rounds, spread, ready, connected, results, errors)) for lg in logins
    ]
    until = time.monotonic() + 60
    while len(connected) + len(errors) < len(logins) and time.monotonic() < until:
        await asyncio.sleep(0.2)
    held = len(connected)
    ready.set()
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    errors += ["timed out"] * len(pending)
    return held, results, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engineers", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--spread", type=float, default=30.0, help="seconds over which each round of requests is spread"
    )
    parser.add_argument("--threads", type=int, default=400)
    parser.add_argument("--deadline", type=float, default=180.0)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    database_url = f"sqlite:///{tmp / 'load.sqlite'}"
    started = time.perf_counter()
    emails = seed(database_url, tmp / "instance", args.engineers + 1)
    print(f"seeded {len(emails)} engineers in {time.perf_counter() - started:.1f} s")
    port = free_port()
    env = {
        **os.environ,
        "FLOWPILOT_DATABASE_URL": database_url,
        "FLOWPILOT_SECRET_KEY": "load",
        "FLOWPILOT_LLM_BASE_URL": "",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--worker-class",
            "gthread",
            "--workers",
            "1",
            "--threads",
            str(args.threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "app:app",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        with ThreadPoolExecutor(16) as pool:
            logins = list(pool.map(lambda e: sign_in(base, e), emails))
        alone = asyncio.run(run(base, logins[:1], 5, 0.0, 60))[1]
        held, results, errors = asyncio.run(run(base, logins[1:], args.rounds, args.spread, args.deadline))
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    firsts, dones = [r[0] for r in results], [r[1] for r in results]
    print(
        f"baseline, one engineer alone: first chunk p50 {statistics.median(r[0] for r in alone):.1f} ms, "
        f"done p50 {statistics.median(r[1] for r in alone):.1f} ms"
    )
    print(f"engineers: {args.engineers}  connections held: {held}  updates: {len(results)}  errors: {len(errors)}")
    if results:
        print(f"first update.delta  p50 {pct(firsts, 0.5):7.1f} ms   p99 {pct(firsts, 0.99):7.1f} ms")
        print(f"update.done         p50 {pct(dones, 0.5):7.1f} ms   p99 {pct(dones, 0.99):7.1f} ms")
    print(f"server RSS (master + worker): {memory:.0f} MB")
    print("target: 300 connected, p99 first chunk <= 250 ms, zero errors")
    for message in sorted(set(errors))[:5]:
        print("  error:", message)


if __name__ == "__main__":
    main()
