// FlowPilot review actions under each update: Refine (a new version: shorter, more detail, plainer,
// friendlier, more formal) and the ratings (a thumbs down asks, optionally, why; the Team page shows them).
// share.js builds the action row and asks this file to add its buttons. Plain JS, textContent only.
(function () {
  "use strict";
  if (!window.FlowPilot) return;
  const fp = window.FlowPilot;
  const vocabulary = fp.vocabulary;
  const LENGTHY = ["shorter", "more_detail"]; // Ask the Client has one length
  const ratings = {}; // step_id -> "up" | "down", as rated in this page

  const el = fp.el;

  function refineMenu(row, act, stepId, data) {
    const menu = el("div", "refine-menu");
    menu.hidden = true;
    const toggle = act("Refine", () => { menu.hidden = !menu.hidden; }, "slot-refine");
    toggle.setAttribute("aria-haspopup", "true");
    const notes = data.audience === "ticket_notes";
    const oneLength = vocabulary.one_length.includes(data.audience);
    vocabulary.refines.filter((r) => !(notes && r.client_only) && !(oneLength && LENGTHY.includes(r.value))).forEach((r) => {
      const b = el("button", "button small", r.label);
      b.type = "button";
      b.addEventListener("click", () => {
        menu.hidden = true;
        fp.send({ type: "action", name: "refine_update", step_id: stepId, how: r.value });
      });
      menu.append(b);
    });
    row.append(menu);
  }

  function thumbs(row, act, stepId, data) {
    const rated = ratings[stepId] || data.rating;
    [["up", "✓ Good", "Good update"], ["down", "✗ Needs work", "Needs work"]].forEach(([rating, face, title]) => {
      const b = act(face, () => rate(stepId, rating, row), `thumb thumb-${rating}`);
      b.title = title;
      b.setAttribute("aria-label", title);
      b.setAttribute("aria-pressed", String(rated === rating));
    });
  }
  function rate(stepId, rating, row) {
    if (rating === "up") { fp.send({ type: "action", name: "rate_update", step_id: stepId, rating }); return; }
    if (row.querySelector(".why-down")) return;
    const box = el("div", "why-down");
    const input = el("input");
    input.placeholder = "What was wrong? (optional)";
    input.maxLength = 500;
    input.setAttribute("aria-label", "What was wrong with this update (optional)");
    const send = el("button", "button small", "Send");
    send.type = "button";
    send.addEventListener("click", () => {
      fp.send({ type: "action", name: "rate_update", step_id: stepId, rating, reason: input.value });
      box.remove();
    });
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); send.click(); } });
    box.append(input, send);
    row.append(box);
    input.focus();
  }

  document.addEventListener("flowpilot:actions", (e) => {
    const { row, act, stepId, data } = e.detail;
    refineMenu(row, act, stepId, data);
    thumbs(row, act, stepId, data);
  });
  fp.on("update.rated", (ev) => {
    ratings[ev.step_id] = ev.rating;
    document.querySelectorAll(`.update-actions[data-step-id="${ev.step_id}"] .thumb`).forEach((b) => {
      b.setAttribute("aria-pressed", String(b.classList.contains(`thumb-${ev.rating}`)));
    });
    if (fp.toast) fp.toast(ev.rating === "up" ? "Thanks: marked as a good update" : "Thanks: your team lead will see this");
  });
})();
