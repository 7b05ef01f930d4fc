"""Pages: the session list, the intake form and the session page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional, Regexp, ValidationError

from . import services, session_store, vocabulary, wire
from .errors import NothingNew, PSAError, PSANotFound, TooEarly
from .extensions import csrf
from .psa import account as psa_account
from .psa import choices as psa_choices
from .psa import service as psa_service
from .render import step_view, update_view
from .text import clean_tree, valid_id
from .updates import service
from .updates.pipeline import UpdateRequest, result_json, write_update

bp = Blueprint("sessions", __name__)


class IntakeForm(FlaskForm):
    """What the engineer knows when a ticket lands (a ConnectWise ticket can fill the rest)."""

    psa_ticket = StringField(
        "ConnectWise ticket #",
        validators=[
            Optional(),
            Regexp(r"^\s*#?\d{1,10}\s*$", message="ConnectWise ticket # must be the ticket's number."),
        ],
    )
    client_name = StringField(
        "Client name", validators=[Length(max=200, message="Client name must be 200 characters or fewer.")]
    )
    contact_name = StringField(
        "Contact name",
        validators=[Optional(), Length(max=200, message="Contact name must be 200 characters or fewer.")],
    )
    ticket_number = StringField(
        "Ticket number",
        validators=[
            Optional(),
            Length(max=50, message="Ticket number must be 50 characters or fewer."),
            Regexp(
                r"^[A-Za-z0-9#][A-Za-z0-9#._ -]*$",
                message="Ticket number may contain only letters, digits, spaces and # . _ -",
            ),
        ],
    )
    issue = TextAreaField("Issue", validators=[Length(max=4000, message="Issue must be 4,000 characters or fewer.")])

    def validate_client_name(self, field):
        if not (field.data or "").strip() and not (self.psa_ticket.data or "").strip():
            raise ValidationError("Client name is required.")

    def validate_issue(self, field):
        if not (field.data or "").strip() and not (self.psa_ticket.data or "").strip():
            raise ValidationError("Describe the issue.")


@bp.get("/")
@login_required
def index():
    status = request.args.get("status") or None
    if status not in (None, *vocabulary.STATUSES):
        status = None
    mine = request.args.get("scope") != "team"
    rows = session_store.list_sessions(current_user, status=status, mine=mine)
    return render_template("sessions/index.html", sessions=rows, status=status, statuses=vocabulary.STATUSES, mine=mine)


@bp.route("/sessions/new", methods=["GET", "POST"])
@login_required
def new():
    form = IntakeForm()
    if form.validate_on_submit():
        ticket = None
        ticket_id = psa_service.parse_ticket_id(form.psa_ticket.data)
        if ticket_id is not None:
            try:
                ticket = psa_service.lookup_ticket(services.current(), current_user.account, ticket_id)
            except PSAError as exc:
                form.psa_ticket.errors = [str(exc)]
        if not form.psa_ticket.errors:
            session = session_store.create_session(
                current_user,
                client_name=form.client_name.data or "",
                issue=form.issue.data or "",
                contact_name=form.contact_name.data or "",
                ticket_number=form.ticket_number.data or "",
            )
            if ticket:
                psa_service.link(session, ticket)
            return redirect(url_for("sessions.show", session_id=session.id))
    if request.method == "POST":
        flash("Please fix the highlighted fields.", "error")
    return render_template(
        "sessions/new.html", form=form, psa_connected=psa_account.is_configured(current_user.account)
    ), 422 if form.errors else 200


def own_session_or_404(session_id: int):
    """The session if it belongs to the signed-in user's account; otherwise a 404, never a 403."""
    session = session_store.get_session(current_user.account_id, session_id)
    if session is None:
        abort(404)
    return session


@bp.get("/sessions/<id:session_id>")
@login_required
def show(session_id: int):
    session = own_session_or_404(session_id)
    latest, earlier = session_store.recent_steps(session, PAGE_STEPS)
    steps = [step_view(step) for step in latest]
    stored = session_store.status_updates(session)
    pending = session_store.pending_request(session)
    slot = next((s for s in ("audience", "length") if pending and not pending.get(s)), None)
    return render_template(
        "sessions/show.html",
        session=session,
        steps=steps,
        earlier=earlier,
        updates=[update_view(step) for step in reversed(stored)],
        can_update=service.can_update(session),
        psa_connected=psa_account.is_configured(session.account),
        default_length=service.template_for(session).default_length,
        pending_choice=wire.choices(slot) if slot else None,
        features={
            "post_to_ticket": psa_service.can_post(session),
            "reminders": session.status in vocabulary.OPEN_STATUSES,
        },
    )


PAGE_STEPS = 200  # a long session shows its latest steps; "Load earlier" fetches the rest


@bp.get("/sessions/<id:session_id>/steps")
@login_required
def earlier_steps(session_id: int):
    session = own_session_or_404(session_id)
    before = request.args.get("before", type=int)
    if before is None or not valid_id(before):
        return jsonify(error="before must be a step id.", field="before"), 422
    rows, more = session_store.recent_steps(session, PAGE_STEPS, before=before)
    html = render_template("sessions/_steps.html", steps=[step_view(step) for step in rows])
    return jsonify(html=html, more=more, first=rows[0].id if rows else None)


@bp.post("/sessions/<id:session_id>/link-ticket")
@login_required
def link_ticket(session_id: int):
    session = own_session_or_404(session_id)
    ticket_id = psa_service.parse_ticket_id(request.form.get("ticket"))
    if ticket_id is None:
        flash("Enter the ConnectWise ticket number (digits only).", "error")
        return redirect(url_for("sessions.show", session_id=session_id))
    try:
        psa_service.link(session, psa_service.lookup_ticket(services.current(), session.account, ticket_id))
        flash(f"Linked to ConnectWise ticket #{ticket_id}.", "info")
    except PSAError as exc:
        flash(str(exc), "error")
    return redirect(url_for("sessions.show", session_id=session_id))


@bp.get("/sessions/<id:session_id>/updates/<id:step_id>/post-options")
@login_required
def post_options(session_id: int, step_id: int):
    """What the Post to Ticket dialog offers for this update (statuses fetched from ConnectWise)."""
    session = own_session_or_404(session_id)
    step = session_store.update_step(session, step_id)
    if step is None:
        return jsonify(error="That update could not be found."), 404
    if not psa_service.can_post(session):
        return jsonify(error="Link this session to a ConnectWise ticket first."), 409
    return jsonify(psa_choices.options(session, step, current_user, services.current()))


@bp.get("/psa/tickets/<id:ticket_id>")
@login_required
def lookup_ticket(ticket_id: int):
    try:
        ticket = psa_service.lookup_ticket(services.current(), current_user.account, ticket_id)
    except PSAError as exc:
        return jsonify(error=str(exc)), 404 if isinstance(exc, PSANotFound) else 502
    return jsonify(
        id=ticket.id, summary=ticket.summary, company_name=ticket.company_name, contact_name=ticket.contact_name
    )


@bp.post("/ai-sessions/<id:session_id>/status-update")
@csrf.exempt  # checked below, after sign-in, so a signed-out caller gets 401 as the contract says
def status_update(session_id: int):
    if not current_user.is_authenticated:
        return jsonify(error="Please sign in first."), 401
    csrf.protect()
    session = session_store.get_session(current_user.account_id, session_id)
    if session is None:
        return jsonify(error="Session not found."), 404
    running = services.current()
    limiter = running.limiter
    if not limiter.hit(current_user.id):
        wait = limiter.retry_after(current_user.id)
        response = jsonify(error=f"Too many update requests; try again in {wait} seconds.")
        response.headers["Retry-After"] = str(wait)
        return response, 429
    body, problem = parse_update_request(clean_tree(request.get_json(silent=True)))
    if problem:
        return jsonify(error=problem[1], field=problem[0]), 422
    try:
        request_ = UpdateRequest(
            body["audience"], body.get("length"), body.get("context"), force=body.get("force") is True
        )
        events = list(write_update(session, request_, running))
    except TooEarly as exc:
        return jsonify(error=str(exc), field="session"), 422
    except NothingNew as exc:  # send {"force": true} to write one anyway
        return jsonify(error=str(exc), field="force"), 409
    done = events[-1]
    fallback = next((e["message"] for e in events if e["type"] == "update.fallback"), None)
    return jsonify(result_json(done) | {k: done[k] for k in ("step_id", "engine", "model")} | {"fallback": fallback})


REQUEST_FIELDS = {
    "audience": (vocabulary.AUDIENCES, True),
    "length": (vocabulary.LENGTHS, False),
    "context": (vocabulary.CONTEXTS, False),
}


def parse_update_request(body: Any) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Check the JSON body; return it, or (field, message) naming what is wrong."""
    if not isinstance(body, dict):
        return {}, ("body", 'Send a JSON object such as {"audience": "client_update"}.')
    for name, (allowed, required) in REQUEST_FIELDS.items():
        value = body.get(name)
        if value is None and not required:
            continue
        if not isinstance(value, str) or value not in allowed:
            return {}, (name, f"{name} must be one of: {', '.join(allowed)}.")
    return body, None
