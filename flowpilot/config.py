"""Configuration: defaults → instance/config.py → FLOWPILOT_* environment → test config."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import utcnow


@dataclass(frozen=True)
class Setting:
    """One FLOWPILOT_* setting: config key, default, parser, and what it is for."""

    key: str
    default: Any
    parse: Callable[[str], Any]
    help: str


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


# The README's settings table lists exactly these; tests check that it does.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        None,
        str,
        "SQLAlchemy database URL. Default: SQLite file `instance/flowpilot.sqlite` (WAL mode).",
    ),
    Setting(
        "SECRET_KEY",
        None,
        str,
        "Signs sessions and CSRF tokens. Default: generated once and kept in `instance/secret_key`.",
    ),
    Setting(
        "LLM_BASE_URL",
        None,
        str,
        "OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1` for Ollama. Unset: no LLM.",
    ),
    Setting("LLM_API_KEY", None, str, "API key for the LLM endpoint (local servers accept any value)."),
    Setting("LLM_MODEL", "gpt-4o-mini", str, "Model name sent to the LLM endpoint."),
    Setting("LLM_TIMEOUT", 30.0, float, "Seconds to wait for the LLM before giving up."),
    Setting("LOGIN_MAX_FAILURES", 5, int, "Failed sign-ins for one email from one address before it must wait."),
    Setting("LOGIN_LOCKOUT_MINUTES", 15, int, "The longest such wait, in minutes (1, 2, 4… up to this)."),
    Setting(
        "UPDATE_RATE_PER_MINUTE",
        20,
        int,
        "Status updates one user may request per minute (REST and chat), across all processes.",
    ),
    Setting("REMINDER_INTERVAL", 5.0, float, "Seconds between checks for due follow-up reminders."),
    Setting("REMINDERS_ENABLED", True, _bool, "Run the reminder loop in this process (off for one-off commands)."),
    Setting("MAX_SOCKETS_PER_USER", 10, int, "Open pages (sockets) one user may hold per process; the oldest closes."),
    Setting("PROXY_COUNT", 0, int, "Reverse proxies in front of the app whose X-Forwarded-* headers to trust."),
    Setting("SESSION_COOKIE_SECURE", False, _bool, "Send cookies only over https; turn on when served behind TLS."),
)


def defaults() -> dict[str, Any]:
    """The built-in configuration before any file or environment is read."""
    config = {s.key: s.default for s in SETTINGS}
    config.update(
        SQLALCHEMY_TRACK_MODIFICATIONS=False,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=None,  # a token lives as long as the login session
        CHAT_HISTORY_LIMIT=40,
        CLOCK=utcnow,  # tests inject a fake or fast clock
        # A frame over 64 KiB is refused while it arrives (1009), before it is held in memory; pings find dead peers.
        SOCK_SERVER_OPTIONS={"max_message_size": 64 * 1024, "ping_interval": 25},
    )
    return config


def from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read FLOWPILOT_<KEY> variables for every known setting."""
    found = {}
    for setting in SETTINGS:
        raw = environ.get(f"FLOWPILOT_{setting.key}")
        if raw not in (None, ""):
            found[setting.key] = setting.parse(raw)
    return found


def load_or_create_secret(instance_path: str) -> str:
    """Return the secret kept in the instance folder, creating it once if missing."""
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: if two processes start together, exactly one writes the key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_hex(32)
        handle.write(key)
    return key


def finalise(config: dict[str, Any], instance_path: str) -> None:
    """Derive the settings that depend on others (database URI, secret)."""
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = load_or_create_secret(instance_path)
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'flowpilot.sqlite'}"
    config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
    config["REMEMBER_COOKIE_SECURE"] = config.get("SESSION_COOKIE_SECURE", False)  # both or neither over https
    if config["DATABASE_URL"].startswith("sqlite"):
        # Wait for a busy writer instead of failing at once.
        config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 15}})
