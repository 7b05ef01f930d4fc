"""The team page (admins): how the last 30 days of updates were used, per audience and engine, and the brief's
own success measures. It shows where the writer needs work."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timedelta
from typing import Any, Optional

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from . import services
from .extensions import db
from .models import Session, Step
from .settings import admin_required
from .vocabulary import AUDIENCES

bp = Blueprint("team", __name__)
DAYS = 30
SESSION_MINUTES = 10  # the brief: sessions over ten minutes should see Share Update used (30 %+)


@bp.get("/team")
@admin_required
def page():
    return render_template("team.html", stats=team_stats(current_user.account_id, services.current().clock()))


def team_stats(account_id: int, now: datetime) -> dict[str, Any]:
    """Rows per audience and engine, the commonest firewall removals, and the brief's two measures."""
    since = now - timedelta(days=DAYS)
    rows = db.session.execute(
        select(Step, Session)
        .join(Session, Step.session_id == Session.id)
        .where(Session.account_id == account_id, Step.step_type == "status_update", Step.created_at >= since)
    ).all()
    groups: dict[tuple[str, str], list[Step]] = {}
    removals: Counter[str] = Counter()
    to_post: list[float] = []
    for step, _ in rows:
        content = step.content
        groups.setdefault((str(content.get("audience")), str(content.get("engine") or "grounded")), []).append(step)
        firewall = content.get("firewall") or {}
        removals.update(_term(item) for item in [*firewall.get("removed", []), *firewall.get("rewritten", [])])
        posted = _posted_at(content)
        if posted is not None:
            to_post.append((posted - step.created_at).total_seconds())
    table = [_row(audience, engine, steps) for (audience, engine), steps in sorted(groups.items())]
    sessions = db.session.scalars(
        select(Session).where(Session.account_id == account_id, Session.started_at >= since)
    ).all()
    long = [s for s in sessions if ((s.ended_at or now) - s.started_at) > timedelta(minutes=SESSION_MINUTES)]
    shared = {step.session_id for step, _ in rows}
    used = sum(1 for s in long if s.id in shared)
    return {
        "days": DAYS,
        "rows": table,
        "removals": removals.most_common(5),
        "long_sessions": len(long),
        "share_used": used,
        "share_used_pct": _pct(used, len(long)),
        "median_to_post": round(statistics.median(to_post), 1) if to_post else None,
    }


def _row(audience: str, engine: str, steps: list[Step]) -> dict[str, Any]:
    """One audience × engine: written, edited, refined, copied, posted, thumbs down."""
    count = len(steps)
    contents = [s.content for s in steps]
    edited = sum(1 for c in contents if c.get("edited"))
    down = sum(1 for c in contents if (c.get("feedback") or {}).get("rating") == "down")
    return {
        "audience": AUDIENCES.get(audience, {}).get("label", audience),
        "engine": "LLM" if engine == "llm" else "Built-in",
        "written": count,
        "edited_pct": _pct(edited, count),
        "refined": sum(
            1 for c in contents if any(str(v.get("how", "")).startswith("refine") for v in c.get("versions", []))
        ),
        "copied": sum(1 for c in contents if any(d.get("status") == "copied" for d in c.get("delivery", []))),
        "posted": sum(1 for c in contents if (c.get("psa_push_status") or {}).get("status") in ("posted", "partial")),
        "down": down,
        "down_pct": _pct(down, count),
        "reasons": [
            str((c.get("feedback") or {}).get("reason")) for c in contents if (c.get("feedback") or {}).get("reason")
        ][:3],
    }


def _term(item: dict[str, Any]) -> str:
    """'jargon: SPF' or 'a server or computer name'; never a secret's value (the firewall never keeps one)."""
    kind, term = str(item.get("kind", "")), str(item.get("term", ""))
    return term if kind in ("secret", "instruction", "other_client", "blame") else f"{kind}: {term}"


def _posted_at(content: dict[str, Any]) -> Optional[datetime]:
    """When the update's note reached the ticket, if it did."""
    push = content.get("psa_push_status") or {}
    note = (push.get("parts") or {}).get("note") or {}
    stamp = note.get("at") or (push.get("at") if push.get("status") == "posted" else None)
    try:
        return datetime.fromisoformat(str(stamp).rstrip("Z")) if stamp else None
    except ValueError:
        return None


def _pct(part: int, whole: int) -> Optional[int]:
    return round(100 * part / whole) if whole else None
