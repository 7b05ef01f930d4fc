"""Users and accounts: creation and password checks with lockout. No Flask request globals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .errors import AccountError
from .extensions import db
from .models import Account, User, utcnow

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
    """Replace a user's password and clear any lockout."""
    user.password_hash = generate_password_hash(password)
    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()


def check_login(
    email: str, password: str, max_failures: int, lockout_minutes: int, now: Optional[datetime] = None
) -> LoginResult:
    """Check a sign-in; count failures and lock the user out after too many in a row."""
    now = now or utcnow()
    wrong = LoginResult(None, "Email or password is incorrect.")
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return wrong
    if user.locked_until and user.locked_until > now:
        minutes = max(1, round((user.locked_until - now).total_seconds() / 60))
        return LoginResult(None, f"Too many failed sign-ins; try again in {minutes} minutes.")
    if not check_password_hash(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= max_failures:
            user.locked_until = now + timedelta(minutes=lockout_minutes)
            user.failed_logins = 0
            db.session.commit()
            return LoginResult(None, f"Too many failed sign-ins; try again in {lockout_minutes} minutes.")
        db.session.commit()
        return wrong
    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()
    return LoginResult(user)
