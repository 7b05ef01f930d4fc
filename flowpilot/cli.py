"""App commands: init-db, create-user, demo, import-session."""

from __future__ import annotations

import json
import secrets
import sys
from importlib import resources
from pathlib import Path
from typing import NoReturn

import click
import sqlite_utils
from flask import Flask, current_app
from sqlalchemy import select

from . import accounts, demo, transcripts
from .errors import FlowPilotError
from .extensions import db
from .models import Session

DEMO_EMAIL = "demo@flowpilot.local"
DEMO_ACCOUNT = "Demo MSP"


def init_db() -> None:
    """Create missing tables; on SQLite, switch the file to WAL mode."""
    db.create_all()
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # WAL lets the chat write while pages read; it is a property of the file, set once.
        sqlite_utils.Database(Path(url.database)).enable_wal()


def seed_demo() -> tuple[str, str]:
    """Create (or refresh) the demo account, admin user and session; return the login."""
    init_db()
    password = secrets.token_urlsafe(9)
    user = accounts.find_user(DEMO_EMAIL)
    if user is None:
        user = accounts.create_user(
            DEMO_EMAIL, password, "Marcus Reyes", DEMO_ACCOUNT, admin=True, full_name="Marcus Reyes"
        )
    else:
        accounts.set_password(user, password)
    has_session = db.session.scalar(select(Session.id).where(Session.engineer_id == user.id).limit(1))
    if not has_session:
        text = resources.files("flowpilot").joinpath("data/demo_session.json").read_text()
        session = transcripts.import_session(json.loads(text), user)
        demo.add_demo_updates(session, user)  # Edit, Refine, sources and thumbs are there to try at once
    return DEMO_EMAIL, password


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def register(app: Flask) -> None:
    """Attach the commands to `flask --app app`."""

    @app.cli.command("init-db")
    def init_db_command():
        """Create the database tables."""
        init_db()
        click.echo(f"Database ready: {current_app.config['DATABASE_URL'].split('///')[-1]}")

    @app.cli.command("create-user")
    @click.option("--email", required=True)
    @click.option("--password", required=True)
    @click.option("--name", required=True)
    @click.option("--account", "account_name", default="My MSP", show_default=True)
    @click.option("--admin", is_flag=True, help="Make the user an account administrator.")
    def create_user_command(email, password, name, account_name, admin):
        """Create a user (and the account, if new)."""
        init_db()
        try:
            user = accounts.create_user(email, password, name, account_name, admin=admin)
        except FlowPilotError as exc:
            _fail(str(exc))
        click.echo(f"Created {user.role} {user.email} in account '{user.account.name}'.")

    @app.cli.command("demo")
    def demo_command():
        """Seed the demo account and print its login."""
        email, password = seed_demo()
        click.echo(f"email: {email}")
        click.echo(f"password: {password}")

    @app.cli.command("import-session")
    @click.argument("file", type=click.File("r"))
    @click.option("--email", required=True, help="The engineer who owns the session.")
    def import_session_command(file, email):
        """Load a transcript JSON file as a session; print its id."""
        init_db()
        user = accounts.find_user(email)
        if user is None:
            _fail(f"No user with the email {email}.")
        try:
            session = transcripts.import_session(transcripts.read(file), user)
        except FlowPilotError as exc:
            _fail(str(exc))
        click.echo(session.id)
