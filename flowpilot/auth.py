"""Sign in and sign out."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from . import accounts
from .extensions import db, login_manager
from .models import User

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired(message="Enter your email.")])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password.")])


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the user in the signed cookie, while its server-side sign-in is still valid."""
    if not user_id.isdigit() or len(user_id) > 18:
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and accounts.session_valid(session.get("sid"), user.id) else None


def _safe_next(target: str | None) -> str:
    # Only plain same-site paths, so ?next= can't bounce a user to another site. Browsers drop tabs
    # and newlines and read "\\" as "/", so "/\t/evil.com" or "/\\evil.com" would be "//evil.com".
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(ord(c) < 33 or ord(c) == 127 for c in target)
    ):
        return target
    return url_for("sessions.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("sessions.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        result = accounts.check_login(
            form.email.data,
            form.password.data,
            request.remote_addr or "unknown",
            current_app.config["LOGIN_MAX_FAILURES"],
            current_app.config["LOGIN_LOCKOUT_MINUTES"],
        )
        if result.user:
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # a fresh session on sign-in defeats session fixation
            session["sid"] = accounts.start_session(result.user)
            login_user(result.user)
            return redirect(next_url)
        flash(result.message, "error")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    if request.form.get("everywhere"):
        accounts.revoke_all(current_user.id)
    accounts.revoke(session.get("sid"))  # the cookie stops working even if someone copied it
    logout_user()
    session.clear()
    flash("You are signed out everywhere." if request.form.get("everywhere") else "You are signed out.", "info")
    return redirect(url_for("auth.login"))
