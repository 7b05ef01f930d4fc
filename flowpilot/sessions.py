"""Pages: the session list, the intake form and the session page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from . import session_store
from .models import STATUSES
from .render import step_view

bp = Blueprint("sessions", __name__)


class IntakeForm(FlaskForm):
    """What the engineer knows when a ticket lands."""

    client_name = StringField("Client name", validators=[
        DataRequired(message="Client name is required."),
        Length(max=200, message="Client name must be 200 characters or fewer.")])
    contact_name = StringField("Contact name", validators=[
        Optional(), Length(max=200, message="Contact name must be 200 characters or fewer.")])
    ticket_number = StringField("Ticket number", validators=[
        Optional(), Length(max=50, message="Ticket number must be 50 characters or fewer."),
        Regexp(r"^[A-Za-z0-9#][A-Za-z0-9#._ -]*$",
               message="Ticket number may contain only letters, digits, spaces and # . _ -")])
    issue = TextAreaField("Issue", validators=[
        DataRequired(message="Describe the issue."),
        Length(max=4000, message="Issue must be 4,000 characters or fewer.")])


@bp.get("/")
@login_required
def index():
    status = request.args.get("status") or None
    if status not in (None, *STATUSES):
        status = None
    mine = request.args.get("scope") != "team"
    rows = session_store.list_sessions(current_user, status=status, mine=mine)
    return render_template("sessions/index.html", sessions=rows, status=status,
                           statuses=STATUSES, mine=mine)


@bp.route("/sessions/new", methods=["GET", "POST"])
@login_required
def new():
    form = IntakeForm()
    if form.validate_on_submit():
        session = session_store.create_session(
            current_user, client_name=form.client_name.data, issue=form.issue.data,
            contact_name=form.contact_name.data or "", ticket_number=form.ticket_number.data or "")
        return redirect(url_for("sessions.show", session_id=session.id))
    if request.method == "POST":
        flash("Please fix the highlighted fields.", "error")
    return render_template("sessions/new.html", form=form), 422 if form.errors else 200


@bp.get("/sessions/<int:session_id>")
@login_required
def show(session_id: int):
    session = session_store.get_session(current_user.account_id, session_id)
    if session is None:
        abort(404)
    steps = [step_view(step) for step in session.steps]
    return render_template("sessions/show.html", session=session, steps=steps)
