"""Pages: the session list, the intake form and the session page."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from . import session_store
from .models import STATUSES
from .render import step_view, update_view
from .updates import service
from .updates.template import AUDIENCES, CONTEXTS, LENGTHS

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
    updates = [update_view(step) for step in reversed(session.steps) if step.step_type == "status_update"]
    return render_template("sessions/show.html", session=session, steps=steps, updates=updates,
                           can_update=service.can_update(session),
                           default_length=service.template_for(session).default_length,
                           features={"post_to_ticket": False, "reminders": False})


@bp.post("/ai-sessions/<int:session_id>/status-update")
def status_update(session_id: int):
    if not current_user.is_authenticated:
        return jsonify(error="Please sign in first."), 401
    session = session_store.get_session(current_user.account_id, session_id)
    if session is None:
        return jsonify(error="Session not found."), 404
    limiter = current_app.extensions["flowpilot.update_limiter"]
    if not limiter.hit(current_user.id):
        wait = limiter.retry_after(current_user.id)
        response = jsonify(error=f"Too many update requests; try again in {wait} seconds.")
        response.headers["Retry-After"] = str(wait)
        return response, 429
    body, problem = parse_update_request(request.get_json(silent=True))
    if problem:
        return jsonify(error=problem[1], field=problem[0]), 422
    early = service.too_early(session)
    if early:
        return jsonify(error=early, field="session"), 422
    events = list(service.generate_status_update(
        session, body["audience"], body.get("length"), body.get("context"),
        provider=current_app.extensions.get("flowpilot.provider")))
    done = events[-1]
    fallback = next((e["message"] for e in events if e["type"] == "update.fallback"), None)
    return jsonify({k: done[k] for k in API_FIELDS} | {"fallback": fallback})


API_FIELDS = ("content", "audience", "length", "context", "session_status", "steps_completed",
              "time_spent_minutes", "generated_at", "firewall", "step_id", "engine", "model")
REQUEST_FIELDS = {"audience": (AUDIENCES, True), "length": (LENGTHS, False), "context": (CONTEXTS, False)}


def parse_update_request(body: Any) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Check the JSON body; return it, or (field, message) naming what is wrong."""
    if not isinstance(body, dict):
        return {}, ("body", "Send a JSON object such as {\"audience\": \"client_update\"}.")
    for name, (allowed, required) in REQUEST_FIELDS.items():
        value = body.get(name)
        if value is None and not required:
            continue
        if value not in allowed:
            return {}, (name, f"{name} must be one of: {', '.join(allowed)}.")
    return body, None
