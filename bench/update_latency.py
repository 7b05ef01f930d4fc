"""Status update latency over a live chat socket.

Prints, for N requests: time from sending the request to the first `update.delta` and to
`update.done`, for the grounded composer; and for the LLM path against a fake OpenAI-compatible
server with a fixed time to first token, the overhead the app adds on top of that provider's own
time to its first sentence (measured directly with the openai client in the same run: the baseline).

Usage: .venv/bin/python -m bench.update_latency [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

from flowpilot import create_app
from flowpilot.cli import init_db, seed_demo
from flowpilot.providers.openai_compat import OpenAICompatProvider
from tests.fakes.openai_server import FakeOpenAIServer
from tests.live import open_socket, send, sign_in

ROOT = Path(__file__).resolve().parent.parent


def serve(config: dict) -> tuple[str, str, str]:
    """Start the app on a free port in a thread; return base URL and the demo login."""
    app = create_app(config)
    with app.app_context():
        init_db()
        email, password = seed_demo()
    server = make_server("localhost", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://localhost:{server.server_port}", email, password


def measure(base: str, email: str, password: str, runs: int) -> tuple[list[float], list[float]]:
    http = sign_in(base, email, password)
    first, done = [], []
    with open_socket(base, 1, http) as ws:
        for i in range(runs + 2):
            start = time.perf_counter()
            send(ws, type="action", name="share_update", audience="client_update", length="detailed")
            got_first = None
            while True:
                event = json.loads(ws.recv(timeout=30))
                if event["type"] == "update.delta" and got_first is None:
                    got_first = time.perf_counter() - start
                if event["type"] in ("update.done", "error"):
                    break
            if i >= 2:  # the first two warm caches
                first.append(got_first * 1000)
                done.append((time.perf_counter() - start) * 1000)
    return first, done


def provider_first_sentence(fake: FakeOpenAIServer, runs: int) -> list[float]:
    """The fake provider's own time to its first sentence, through the same openai client."""
    provider = OpenAICompatProvider(fake.url, "k", "fake", timeout=10)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _chunk in provider.stream_chat([{"role": "user", "content": "hi"}]):
            samples.append((time.perf_counter() - start) * 1000)
            break
    return samples


def line(label: str, values: list[float]) -> str:
    values = sorted(values)
    return (
        f"{label:44} median {statistics.median(values):7.1f} ms   "
        f"p99 {values[max(0, int(len(values) * 0.99) - 1)]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    base_config = {
        "SECRET_KEY": "bench",
        "INSTANCE_PATH": str(tmp / "inst"),
        "LLM_BASE_URL": None,
        "DATABASE_URL": f"sqlite:///{tmp / 'grounded.sqlite'}",
        "UPDATE_RATE_PER_MINUTE": 100_000,  # one user asks 30 times in a row here
    }
    first, done = measure(*serve(base_config), args.runs)
    print(f"grounded composer, client update (detailed), {args.runs} runs over a live socket")
    print(line("  request -> first update.delta", first))
    print(line("  request -> update.done", done))
    print("  target: first chunk <= 50 ms")

    fake = FakeOpenAIServer().start()
    fake.mode, fake.delay = "slow", 0.2  # the provider's own time to first token
    fake.chunks = [
        "Hi Acme Medical Group, we have found the cause. ",
        "We need your approval to fix it. ",
        "Best regards, Marcus",
    ]
    llm_config = {
        **base_config,
        "DATABASE_URL": f"sqlite:///{tmp / 'llm.sqlite'}",
        "LLM_BASE_URL": fake.url,
        "LLM_MODEL": "fake",
        "LLM_API_KEY": "k",
    }
    baseline = provider_first_sentence(fake, args.runs)
    first, done = measure(*serve(llm_config), args.runs)
    overhead = statistics.median(first) - statistics.median(baseline)
    print(f"\nLLM path against a fake provider with {fake.delay * 1000:.0f} ms to first token")
    print(line("  baseline: provider's first sentence (openai)", baseline))
    print(line("  request -> first update.delta (socket)", first))
    print(line("  request -> update.done (socket)", done))
    print(f"  app overhead on first chunk (median - median): {overhead:.1f} ms   target <= 10 ms")
    fake.stop()


if __name__ == "__main__":
    main()
