"""Database models: Account, User, Session, Step, PendingUpdate, PostClaim, PostChoice, Notification."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Optional

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import Base, db

# Flask-SQLAlchemy builds db.Model at run time; type checkers see the declarative base it extends.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model

ROLES = ("admin", "engineer")
DIAGNOSIS_STATES = ("investigating", "identified", "implementing", "resolved", "escalated")


def utcnow() -> datetime:
    """Timezone-naive UTC now; SQLite keeps no zone, so we store UTC everywhere."""
    return datetime.now(UTC).replace(tzinfo=None)


class Account(Model):
    """A team (an MSP) that owns users and sessions."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    communication_templates: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    psa_settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="account")


class User(UserMixin, Model):
    """An engineer or admin who signs in."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="engineer")
    psa_member_id: Mapped[Optional[str]] = mapped_column(String(100))
    # Unused since sign-in throttling moved to LoginThrottle; kept so existing databases still accept new users.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[Optional[datetime]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship(back_populates="users")

    @property
    def is_admin(self) -> bool:
        """True for account administrators."""
        return self.role == "admin"


class Session(Model):
    """One troubleshooting session for a ticket."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    client_name: Mapped[str] = mapped_column(String(200))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    ticket_number: Mapped[str] = mapped_column(String(50), default="")
    psa_ticket_id: Mapped[Optional[int]]
    issue: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    diagnosis_state: Mapped[str] = mapped_column(String(20), default="investigating")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[Optional[datetime]]
    resolution_summary: Mapped[Optional[str]] = mapped_column(Text)
    escalation_reason: Mapped[Optional[str]] = mapped_column(Text)

    engineer: Mapped[User] = relationship()
    account: Mapped[Account] = relationship()
    steps: Mapped[list[Step]] = relationship(back_populates="session", order_by="Step.id", cascade="all, delete-orphan")


class Step(Model):
    """One event in a session: a message, a status change, an update, a reminder."""

    __tablename__ = "steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    step_type: Mapped[str] = mapped_column(String(30), index=True)
    role: Mapped[str] = mapped_column(String(20))
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[Session] = relationship(back_populates="steps")


class LoginThrottle(Model):
    """Failed sign-ins for one email from one client address: counted atomically, then backed off."""

    __tablename__ = "login_throttles"
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)  # attempts in the current window, in flight included
    strikes: Mapped[int] = mapped_column(default=0)  # how many windows ended in a block (the backoff grows)
    blocked_until: Mapped[Optional[datetime]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoginSession(Model):
    """One signed-in browser; revoked at sign-out or when the password changes, so a copied cookie dies too."""

    __tablename__ = "login_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[Optional[datetime]]


class RateKey(Model):
    """One rate-limited key (a user's update requests); updating its row serialises that key's hits."""

    __tablename__ = "rate_keys"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    touched_at: Mapped[datetime] = mapped_column(default=utcnow)


class RateHit(Model):
    """One allowed hit of a rate-limited key, kept for the length of its window."""

    __tablename__ = "rate_hits"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class PendingUpdate(Model):
    """An update request still waiting for its audience or length; kept per session so a reload or a
    second tab can finish it."""

    __tablename__ = "pending_updates"
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), primary_key=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PostClaim(Model):
    """One part of a Post to Ticket (the note) claimed for one update: the primary key makes it happen once."""

    __tablename__ = "post_claims"
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id"), primary_key=True)
    part: Mapped[str] = mapped_column(String(20), primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PostChoice(Model):
    """An engineer's last Post to Ticket choices for one audience (log time, billing, work type, status name)."""

    __tablename__ = "post_choices"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    audience: Mapped[str] = mapped_column(String(30), primary_key=True)
    choices: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(Model):
    """Something FlowPilot tells one user (a due reminder), shown live and in their list."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[Optional[datetime]]
