// FlowPilot "Edit": change an update's text in place, in the chat or the Share modal. Saving stores it as
// the update's current version (share.js shows it everywhere); for client text, what the firewall would
// change is shown first, and the engineer may keep the text as typed, for Copy. Plain JS, textContent only.
(function () {
  "use strict";
  if (!window.FlowPilot) return;
  const fp = window.FlowPilot;
  const open = {}; // step_id -> the editor being shown for it

  const el = fp.el;
  function button(text, extra, handler) {
    const b = el("button", `button small ${extra || ""}`, text);
    b.type = "button";
    b.addEventListener("click", handler);
    return b;
  }

  function start(detail) {
    const { stepId, inModal, text } = detail;
    const host = inModal ? document.getElementById("share-body")
      : document.querySelector(`li.msg.update[data-step-id="${stepId}"] .body`);
    if (!host || open[stepId]) return;
    const editor = el("div", "editor");
    const area = el("textarea", "edit-text");
    area.value = text;
    area.rows = Math.min(18, Math.max(6, text.split("\n").length + 1));
    area.setAttribute("aria-label", "Edit the update");
    const check = el("div", "edit-check");
    check.hidden = true;
    const error = el("p", "field-error");
    error.hidden = true;
    const save = button("Save", "primary", () => send(stepId, false));
    const row = el("div", "edit-buttons");
    row.append(save, button("Cancel", "", () => finish(stepId)));
    editor.append(area, check, error, row);
    host.hidden = true;
    host.after(editor);
    const actions = host.parentElement.querySelector(".update-actions");
    if (actions) actions.hidden = true;
    open[stepId] = { editor, area, check, error, save, host, actions };
    area.focus();
  }
  function send(stepId, keep) {
    const e = open[stepId];
    e.error.hidden = true;
    e.save.disabled = true;
    fp.send({ type: "action", name: "edit_update", step_id: stepId, text: e.area.value, keep });
  }
  function finish(stepId) {
    const e = open[stepId];
    if (!e) return;
    e.editor.remove();
    e.host.hidden = false;
    if (e.actions) e.actions.hidden = false;
    delete open[stepId];
  }

  document.addEventListener("flowpilot:edit", (ev) => start(ev.detail));
  fp.on("update.check", (ev) => { // client text: what the firewall would change, before anything is saved
    const e = open[ev.step_id];
    if (!e) return;
    e.save.disabled = false;
    const list = el("ul");
    ev.findings.forEach((f) => list.append(el("li", "", f)));
    e.check.replaceChildren(
      el("p", "", "This text is for the client, and the firewall would change it: your edit"), list,
      button("Keep as typed (for Copy)", "warn", () => send(ev.step_id, true)),
      button("Back to editing", "", () => { e.check.hidden = true; e.area.focus(); }),
    );
    e.check.hidden = false;
    e.check.scrollIntoView({ block: "nearest" });
  });
  fp.on("update.edited", (ev) => finish(ev.step_id));
  fp.on("error", (ev) => { // a refused edit (empty, too long): say so in the editor, keep the text
    const e = Object.values(open).find((x) => x.save.disabled);
    if (!e) return;
    e.save.disabled = false;
    e.error.textContent = ev.message;
    e.error.hidden = false;
  });
})();
