"""Account settings (admins only): the ConnectWise connection and engineers' member identifiers."""

from __future__ import annotations

import json
from functools import wraps
from importlib import resources

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from . import ledger, services
from .errors import PSAError, TemplateError
from .extensions import db
from .models import User
from .psa import account as psa_account
from .psa import choices as psa_choices
from .updates.pipeline import compose_update
from .updates.template import Template
from .vocabulary import TONES

bp = Blueprint("settings", __name__, url_prefix="/settings")


class PSAForm(FlaskForm):
    """The ConnectWise connection. Keys are never filled back in; blank keeps the saved one."""

    site = StringField(
        "Site",
        validators=[
            DataRequired(message="Site is required, e.g. api-na.myconnectwise.net."),
            Length(max=200, message="Site must be 200 characters or fewer."),
        ],
    )
    codebase = StringField(
        "Codebase",
        validators=[
            Optional(),
            Length(max=50, message="Codebase is too long."),
            Regexp(r"^[\w.\-/]*$", message="Codebase looks like v4_6_release/."),
        ],
    )
    company_id = StringField(
        "Company ID",
        validators=[
            DataRequired(message="Company ID is required."),
            Length(max=100, message="Company ID is too long."),
        ],
    )
    public_key = PasswordField("Public key", validators=[Length(max=200, message="Public key is too long.")])
    private_key = PasswordField("Private key", validators=[Length(max=200, message="Private key is too long.")])
    client_id = StringField(
        "Client ID",
        validators=[
            DataRequired(message="Client ID is required (developer.connectwise.com)."),
            Length(max=100, message="Client ID is too long."),
        ],
    )


def admin_required(view):
    """Admins of the account only; engineers get a page that says so."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            return render_template(
                "errors.html", title="Admins only", message="Only account admins can change these settings."
            ), 403
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
            account.psa_settings = psa_account.updated_settings(
                account.psa_settings or {}, form.data, current_app.config["SECRET_KEY"]
            ) | {"post_defaults": psa_choices.updated_defaults(request.form.to_dict())}
            for user in users:
                value = (request.form.get(f"member_{user.id}") or "").strip()[:100]
                user.psa_member_id = value or None
            db.session.commit()
            flash("ConnectWise settings saved.", "info")
            return redirect(url_for("settings.psa"))
    status = 422 if form.errors else 200
    return render_template(
        "settings/psa.html",
        form=form,
        saved=saved,
        users=users,
        configured=psa_account.is_configured(account),
        defaults=psa_choices.team_defaults(account),
    ), status


@bp.post("/psa/test")
@admin_required
def test_psa():
    try:
        client = services.current().psa_clients(current_user.account)
        if client is None:
            flash("Save the ConnectWise settings first.", "error")
        else:
            info = client.system_info()
            flash(f"Connected to ConnectWise (version {info.get('version', 'unknown')}).", "info")
    except PSAError as exc:
        flash(str(exc), "error")
    return redirect(url_for("settings.psa"))


SAMPLE = "data/demo_session.json"


def template_from_form(form) -> Template:
    """A Template from the settings form; TemplateError names a bad field."""
    custom = (form.get("client_signoff") or "").strip()
    signoff = custom if form.get("signoff_mode") == "custom" else "auto"
    if form.get("signoff_mode") == "custom" and not custom:
        raise TemplateError("client_signoff: enter the custom sign-off text, or choose Auto.")
    include = form.get("include_company_in_signoff", "true")
    if include not in ("true", "false"):
        raise TemplateError("include_company_in_signoff must be true or false.")
    return Template.from_dict(
        {
            "client_tone": form.get("client_tone"),
            "client_signoff": signoff,
            "include_company_in_signoff": include == "true",
            "ticket_notes_format": form.get("ticket_notes_format"),
            "default_length": form.get("default_length"),
        }
    )


def preview_text(template: Template, company: str) -> str:
    """A sample client email in this style, from the demo transcript."""
    data = json.loads(resources.files("flowpilot").joinpath(SAMPLE).read_text())
    return compose_update(ledger.build(data), "email_draft", template.default_length, "progress", template, company)[
        "content"
    ]


@bp.route("/templates", methods=["GET", "POST"])
@login_required
def templates():
    account = current_user.account
    error, status = None, 200
    try:
        template = Template.from_dict(account.communication_templates)
    except TemplateError:
        template = Template()
    if request.method == "POST":
        if not current_user.is_admin:
            return render_template(
                "errors.html", title="Admins only", message="Only account admins can change these settings."
            ), 403
        try:
            template = template_from_form(request.form)
            account.communication_templates = template.as_dict()
            db.session.commit()
            flash("Communication templates saved.", "info")
            return redirect(url_for("settings.templates"))
        except TemplateError as exc:
            error, status = str(exc), 422
    return render_template(
        "settings/templates.html",
        values=template.as_dict(),
        tones=TONES,
        editable=current_user.is_admin,
        error=error,
        preview=preview_text(template, account.name),
    ), status


@bp.post("/templates/preview")
@login_required
def template_preview():
    try:
        template = template_from_form(request.form)
    except TemplateError as exc:
        return jsonify(error=str(exc)), 422
    return jsonify(preview=preview_text(template, current_user.account.name))
