"""Account settings (admins only): the ConnectWise connection and engineers' member identifiers."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from .errors import PSAError
from .extensions import db
from .models import User
from .psa import account as psa_account

bp = Blueprint("settings", __name__, url_prefix="/settings")


class PSAForm(FlaskForm):
    """The ConnectWise connection. Keys are never filled back in; blank keeps the saved one."""

    site = StringField("Site", validators=[DataRequired(message="Site is required, e.g. api-na.myconnectwise.net."),
                                           Length(max=200, message="Site must be 200 characters or fewer.")])
    codebase = StringField("Codebase", validators=[Optional(), Length(max=50, message="Codebase is too long."),
                                                   Regexp(r"^[\w.\-/]*$", message="Codebase looks like v4_6_release/.")])
    company_id = StringField("Company ID", validators=[DataRequired(message="Company ID is required."),
                                                       Length(max=100, message="Company ID is too long.")])
    public_key = PasswordField("Public key", validators=[Length(max=200, message="Public key is too long.")])
    private_key = PasswordField("Private key", validators=[Length(max=200, message="Private key is too long.")])
    client_id = StringField("Client ID", validators=[DataRequired(message="Client ID is required (developer.connectwise.com)."),
                                                     Length(max=100, message="Client ID is too long.")])


def admin_required(view):
    """Admins of the account only; engineers get a page that says so."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            return render_template("errors.html", title="Admins only",
                                   message="Only account admins can change these settings."), 403
        return view(*args, **kwargs)
    return wrapper


@bp.route("/psa", methods=["GET", "POST"])
@admin_required
def psa():
    account = current_user.account
    form = PSAForm(data=account.psa_settings or {})
    users = list(db.session.scalars(select(User).where(User.account_id == account.id).order_by(User.display_name)))
    saved = psa_account.saved_keys(account)
    if request.method == "POST":
        valid = form.validate()
        missing = [f for f in psa_account.SECRET_FIELDS if not saved[f] and not getattr(form, f).data]
        for field in missing:
            getattr(form, field).errors = [f"{getattr(form, field).label.text} is required."]
        if valid and not missing:
            account.psa_settings = psa_account.updated_settings(account.psa_settings or {}, form.data,
                                                                 current_app.config["SECRET_KEY"])
            for user in users:
                value = (request.form.get(f"member_{user.id}") or "").strip()[:100]
                user.psa_member_id = value or None
            db.session.commit()
            flash("ConnectWise settings saved.", "info")
            return redirect(url_for("settings.psa"))
    status = 422 if form.errors else 200
    return render_template("settings/psa.html", form=form, saved=saved, users=users,
                           configured=psa_account.is_configured(account)), status


@bp.post("/psa/test")
@admin_required
def test_psa():
    try:
        client = psa_account.client_for(current_user.account, current_app.config["SECRET_KEY"], timeout=10)
        if client is None:
            flash("Save the ConnectWise settings first.", "error")
        else:
            info = client.system_info()
            flash(f"Connected to ConnectWise (version {info.get('version', 'unknown')}).", "info")
    except PSAError as exc:
        flash(str(exc), "error")
    return redirect(url_for("settings.psa"))
