"""Users and accounts: creation, sign-in checks with throttling, server-side sign-in sessions. No request globals."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Optional, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from .errors import AccountError
from .extensions import db
from .models import Account, LoginSession, LoginThrottle, User, utcnow

# Checked against when the email is unknown, so both paths cost one hash.
_DUMMY_HASH = generate_password_hash("flowpilot-timing-equaliser")


@dataclass
class LoginResult:
    """What a sign-in attempt came to: a user, or a message to show."""

    user: Optional[User]
    message: str = ""


def find_user(email: str) -> Optional[User]:
    """The user with this email, ignoring case."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(
    email: str, password: str, name: str, account_name: str = "My MSP", admin: bool = False, full_name: str = ""
) -> User:
    """Create a user, and their account if it is new."""
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError("The email address is not valid.")
    if len(password) < 8:
        raise AccountError("The password must be at least 8 characters.")
    if find_user(email):
        raise AccountError(f"A user with the email {email} already exists.")
    account = db.session.scalar(select(Account).where(Account.name == account_name))
    if account is None:
        account = Account(name=account_name, communication_templates={}, psa_settings={})
        db.session.add(account)
    user = User(
        account=account,
        email=email,
        display_name=name.split()[0] if name else email,
        full_name=full_name or name,
        password_hash=generate_password_hash(password),
        role="admin" if admin else "engineer",
    )
    db.session.add(user)
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    """Replace a user's password and sign them out everywhere."""
    user.password_hash = generate_password_hash(password)
    db.session.commit()
    revoke_all(user.id)


def check_login(
    email: str, password: str, client: str, max_failures: int, max_block_minutes: int, now: Optional[datetime] = None
) -> LoginResult:
    """Check a sign-in from one client address. Attempts per (email, address) are counted before the
    password is looked at, atomically, so a burst of parallel guesses gets no more than its share.
    Known and unknown emails take the same path, answer and time."""
    now = now or utcnow()
    key = f"{email.strip().lower()}|{client}"
    if not _reserve(key, max_failures, now):
        return LoginResult(None, THROTTLED)
    user = find_user(email)
    if user is None or not check_password_hash(user.password_hash if user else _DUMMY_HASH, password):
        if user is None:
            check_password_hash(_DUMMY_HASH, password)  # the same cost as a wrong password
        _failed(key, max_failures, max_block_minutes, now)
        return LoginResult(None, "Email or password is incorrect.")
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
    db.session.commit()
    return LoginResult(user)


THROTTLED = "Too many failed sign-ins from here; wait a few minutes and try again."


def _reserve(key: str, max_failures: int, now: datetime) -> bool:
    """Take one attempt for this key, or False when its attempts are used up or it is blocked."""
    try:
        db.session.add(LoginThrottle(key=key, attempts=0, strikes=0, updated_at=now))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    open_window = (LoginThrottle.blocked_until.is_(None)) | (LoginThrottle.blocked_until <= now)
    taken = db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key, LoginThrottle.attempts < max_failures, open_window)
        .values(attempts=LoginThrottle.attempts + 1, updated_at=now)
    )
    if cast(CursorResult[Any], taken).rowcount == 1:
        db.session.commit()
        return True
    # A block that has run out starts a new window (the strikes stay, so the next block is longer).
    renewed = db.session.execute(
        update(LoginThrottle)
        .where(
            LoginThrottle.key == key,
            LoginThrottle.attempts >= max_failures,
            LoginThrottle.blocked_until.is_not(None),
            LoginThrottle.blocked_until <= now,
        )
        .values(attempts=1, blocked_until=None, updated_at=now)
    )
    db.session.commit()
    return cast(CursorResult[Any], renewed).rowcount == 1


def _failed(key: str, max_failures: int, max_block_minutes: int, now: datetime) -> None:
    """After the last attempt of a window fails, block the key: 1, 2, 4… minutes, at most max_block_minutes."""
    row = db.session.get(LoginThrottle, key)
    if row is None or row.attempts < max_failures or (row.blocked_until and row.blocked_until > now):
        return
    minutes = min(max_block_minutes, 2**row.strikes)
    db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key, LoginThrottle.blocked_until.is_(None))
        .values(blocked_until=now + timedelta(minutes=minutes), strikes=LoginThrottle.strikes + 1)
    )
    db.session.commit()


def start_session(user: User) -> str:
    """A new server-side sign-in for this browser; its id goes into the signed cookie."""
    sid = secrets.token_urlsafe(32)
    db.session.add(LoginSession(id=sid, user_id=user.id))
    db.session.commit()
    return sid


def session_valid(sid: Any, user_id: int) -> bool:
    """True while this sign-in exists and has not been revoked."""
    if not isinstance(sid, str) or not sid:
        return False
    row = db.session.get(LoginSession, sid)
    return row is not None and row.user_id == user_id and row.revoked_at is None


def revoke(sid: Any) -> None:
    """End one sign-in (sign out)."""
    if isinstance(sid, str):
        db.session.execute(update(LoginSession).where(LoginSession.id == sid).values(revoked_at=utcnow()))
        db.session.commit()


def revoke_all(user_id: int) -> None:
    """Sign a user out everywhere."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    db.session.commit()
