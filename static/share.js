// FlowPilot "Share Update": the action-bar button, the modal, update messages in the chat with
// their actions, the firewall report and the updates sidebar. Plain JS; every text goes in with
// textContent, and only server-sanitised html uses innerHTML.
(function () {
  "use strict";
  const root = document.getElementById("session");
  if (!root || !window.FlowPilot) return;
  const fp = window.FlowPilot;
  const features = JSON.parse(document.getElementById("features").textContent);
  const vocabulary = fp.vocabulary;
  const audienceLabel = (a) => (vocabulary.audiences[a] || { label: "Update" }).label;
  const lengthLabel = (l) => (vocabulary.lengths[l] || { label: "" }).label;
  const COOLDOWN_MS = 3000;
  const button = document.getElementById("share-update");
  const tip = document.getElementById("share-tip");
  const why = document.getElementById("share-why");
  const modal = document.getElementById("share-modal");
  const panes = modal.querySelectorAll("[data-pane]");
  const stream = document.getElementById("stream");
  const updates = {}; // step_id -> {content, firewall, audience, length}
  let cooling = false;
  let streaming = null; // the chat message of the update being written
  let awaiting = false; // the modal asked for an update and waits for it
  let chosenAudience = null;
  let lastStepId = null;

  const el = fp.el;
  const label = (u) => (vocabulary.one_length.includes(u.audience) ? audienceLabel(u.audience) // as vocabulary.update_label
    : `${audienceLabel(u.audience)} · ${lengthLabel(u.length)}`);

  // --- the Share Update button ---------------------------------------------------------------
  function refreshButton() {
    const ready = root.dataset.canUpdate === "yes";
    button.disabled = !ready || cooling;
    const reason = !ready ? `Share Update unlocks after ${vocabulary.min_exchanges} exchanges with FlowPilot: add what you checked or found first.`
      : cooling ? "An update was just written: you can share again in a moment." : "";
    tip.title = reason;
    why.textContent = reason;
  }
  function coolDown() {
    cooling = true;
    refreshButton();
    setTimeout(() => { cooling = false; refreshButton(); }, COOLDOWN_MS);
  }
  fp.on("message", (ev) => {
    if (ev.role === "assistant" && ev.exchanges >= vocabulary.min_exchanges) { root.dataset.canUpdate = "yes"; refreshButton(); }
  });
  fp.on("session", (ev) => {
    if (!vocabulary.open_statuses.includes(ev.status)) { root.dataset.canUpdate = "yes"; refreshButton(); }
  });

  // --- toast and copy ------------------------------------------------------------------------
  let toastTimer = null;
  function toast(text) {
    const box = document.getElementById("toast");
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 2500);
  }
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) { // no clipboard API (e.g. plain http on another host): the old way
      const area = el("textarea");
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
  }
  async function copyUpdate(stepId) {
    const data = updates[stepId];
    if (!data) return;
    await copyText(data.content);
    toast("Copied to clipboard");
    fp.send({ type: "action", name: "copy", step_id: Number(stepId) });
  }

  function setReminder(stepId, minutes) {
    fp.send({ type: "action", name: "set_reminder", step_id: Number(stepId), minutes });
  }
  fp.on("reminder.set", (ev) => {
    toast(`Reminder set for ${fp.clock(new Date(ev.remind_at))}`);
    const entry = document.querySelector(`#updates-list li[data-step-id="${ev.update_step_id}"]`);
    if (entry && !entry.querySelector(".cancel-reminder")) entry.append(cancelButton(ev.update_step_id));
  });
  fp.on("reminder.cancelled", (ev) => {
    ev.update_step_ids.forEach((id) => {
      document.querySelectorAll(`#updates-list li[data-step-id="${id}"] .cancel-reminder`).forEach((b) => b.remove());
    });
    toast(ev.update_step_ids.length === 1 ? "Reminder cancelled" : "Reminders cancelled");
  });
  function cancelButton(updateStepId) {
    const b = el("button", "cancel-reminder", "Cancel reminder");
    b.type = "button";
    b.addEventListener("click", () => fp.send({ type: "action", name: "cancel_reminder", step_id: Number(updateStepId) }));
    return b;
  }
  document.querySelectorAll("#updates-list li").forEach((li) => {
    if (li.querySelector(".delivery").textContent.trim() === "Pending reminder") li.append(cancelButton(li.dataset.stepId));
  });

  // A reminder fired (notifications.js): it is no longer pending.
  document.addEventListener("flowpilot:notification", (e) => {
    const entry = document.querySelector(`#updates-list li[data-step-id="${e.detail.update_step_id}"]`);
    if (!entry) return;
    entry.querySelector(".delivery").textContent = "";
    entry.querySelectorAll(".cancel-reminder").forEach((b) => b.remove());
  });

  // --- pieces shared by chat messages and the modal -------------------------------------------
  function firewallReport(report) {
    if (!report || !report.count) return null;
    const box = el("details", "firewall");
    box.append(el("summary", "", report.summary));
    const list = el("ul");
    [...(report.rewritten || []), ...(report.removed || [])].forEach((item) => {
      const line = item.to ? `${item.term} → ${item.to}` : `${item.term} (removed)`;
      list.append(el("li", "", line));
    });
    box.append(list);
    return box;
  }
  function actionRow(stepId, inModal) {
    const row = el("div", "update-actions");
    const act = (text, handler, extra) => {
      const b = el("button", `button small ${extra || ""}`, text);
      b.type = "button";
      b.addEventListener("click", handler);
      row.append(b);
      return b;
    };
    act("Copy", () => copyUpdate(stepId), "primary");
    act("Edit", () => document.dispatchEvent(new CustomEvent("flowpilot:edit", // edit.js: in place
      { detail: { stepId: Number(stepId), inModal, text: (updates[stepId] || {}).content || "" } })), "slot-edit");
    act("Regenerate", () => request({ name: "regenerate", step_id: Number(stepId) }, inModal));
    const oneLength = vocabulary.one_length.includes((updates[stepId] || {}).audience);
    act("Switch Audience", () => {
      if (inModal) { showPane("audience"); return; }
      fp.send({ type: "action", name: "switch_audience", step_id: Number(stepId) });
    });
    if (!oneLength) act("Switch Length", () => request({ name: "switch_length", step_id: Number(stepId) }, inModal));
    // Slots for later features, shown only when they are available.
    const kind = (updates[stepId] || {}).post_kind || "note";
    const post = act(`Post to Ticket (${kind})`, () => { // post.js shows what will be posted, then posts it
      document.dispatchEvent(new CustomEvent("flowpilot:post", { detail: { stepId: Number(stepId) } }));
    }, "slot-post");
    post.dataset.label = `Post to Ticket (${kind})`;
    post.dataset.stepId = stepId;
    if ((updates[stepId] || {}).posted) { post.disabled = true; post.textContent = "Posted to ticket"; }
    post.title = `Posts this text to the linked ConnectWise ticket as a ${kind}.`;
    post.hidden = !features.post_to_ticket;
    const remind = act("Set Reminder", () => { menu.hidden = !menu.hidden; }, "slot-reminder");
    remind.hidden = !features.reminders;
    remind.setAttribute("aria-haspopup", "true");
    const menu = el("div", "reminder-menu");
    menu.hidden = true;
    [[15, "15 min"], [30, "30 min"], [60, "1 hour"]].forEach(([minutes, text]) => {
      const b = el("button", "button small", text);
      b.type = "button";
      b.addEventListener("click", () => { setReminder(stepId, minutes); menu.hidden = true; });
      menu.append(b);
    });
    const custom = el("input");
    custom.type = "number";
    custom.min = "1";
    custom.placeholder = "minutes";
    custom.setAttribute("aria-label", "Custom reminder in minutes");
    const go = el("button", "button small", "Set");
    go.type = "button";
    go.addEventListener("click", () => { setReminder(stepId, Number(custom.value)); menu.hidden = true; });
    custom.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go.click(); } });
    menu.append(custom, go);
    // review.js adds Refine and the ratings; the row's reminder menu stays last.
    document.dispatchEvent(new CustomEvent("flowpilot:actions",
      { detail: { row, act, stepId: Number(stepId), data: updates[stepId] || {} } }));
    row.append(menu);
    row.dataset.stepId = stepId;
    return row;
  }
  function finishMessage(li, data) {
    li.className = "msg update";
    li.dataset.stepId = data.step_id;
    li.dataset.audience = data.audience;
    let head = li.querySelector(".update-head");
    if (!head) { head = el("div", "update-head"); li.prepend(head); }
    head.textContent = label(data);
    const report = firewallReport(data.firewall);
    const time = li.querySelector("time");
    if (report) li.insertBefore(report, time);
    li.insertBefore(actionRow(data.step_id, false), time);
    shown(li.querySelector(".body"), data);
  }
  function shown(body, data) { // sources.js ties each sentence to the chat messages it came from
    document.dispatchEvent(new CustomEvent("flowpilot:shown", { detail: { body, data } }));
  }

  // --- live events ---------------------------------------------------------------------------
  fp.on("update.start", (ev) => {
    streaming = fp.addMessage("update streaming", "");
    streaming.prepend(el("div", "update-head", `${label(ev)} — writing…`));
    if (ev.purpose && ev.purpose.startsWith("share_")) openForShare(ev.purpose);
    if (awaiting) {
      modal.querySelector("#share-result-head").textContent = label(ev);
      modal.querySelector("#share-body").textContent = "";
    }
  });
  fp.on("update.delta", (ev) => {
    if (streaming) streaming.querySelector(".body").textContent += ev.text;
    if (awaiting) modal.querySelector("#share-body").textContent += ev.text;
    fp.scrollDown();
  });
  fp.on("update.fallback", (ev) => {
    if (streaming) {
      streaming.querySelector(".body").textContent = "";
      const note = el("p", "update-notice", ev.message);
      streaming.insertBefore(note, streaming.querySelector(".body"));
    }
    if (awaiting) {
      const notice = modal.querySelector("#share-notice");
      notice.textContent = ev.message;
      notice.hidden = false;
      modal.querySelector("#share-body").textContent = "";
    }
  });
  fp.on("update.done", (ev) => {
    updates[ev.step_id] = { content: ev.content, firewall: ev.firewall, audience: ev.audience, length: ev.length,
                            post_kind: ev.post_kind, posted: false, sources: ev.sources, engine: ev.engine };
    const li = streaming || fp.addMessage("update", "");
    streaming = null;
    li.querySelector(".body").innerHTML = ev.html; // sanitised on the server
    finishMessage(li, ev);
    addToSidebar(ev);
    lastStepId = ev.step_id;
    if (awaiting && ev.purpose !== "documentation") showResult(ev);
    coolDown();
    fp.scrollDown();
  });
  // An edit saved: the current version everywhere it shows (Copy and Post use updates[…].content).
  fp.toast = toast; // for review.js
  fp.on("update.edited", (ev) => {
    const data = updates[ev.step_id] || {};
    Object.assign(data, { content: ev.content, firewall: ev.firewall, sources: [], edited: true });
    const li = stream.querySelector(`li.msg.update[data-step-id="${ev.step_id}"]`);
    const bodies = [li && li.querySelector(".body"),
      Number(modal.dataset.stepId) === ev.step_id && modal.querySelector("#share-body")].filter(Boolean);
    Object.assign(data, { sources: ev.sources, engine: ev.engine, edited: !ev.sources.length });
    bodies.forEach((body) => { body.innerHTML = ev.html; shown(body, data); }); // sanitised on the server
    if (li) li.querySelector(".update-head").textContent = ev.label; // a refined version may change its length
    if (Number(modal.dataset.stepId) === ev.step_id) modal.querySelector("#share-result-head").textContent = ev.label;
    const entry = document.querySelector(`#updates-list li[data-step-id="${ev.step_id}"]`);
    if (entry) {
      entry.querySelector(".first-line").textContent = ev.first_line;
      entry.querySelector(".ulabel").textContent = ev.label;
      entry.querySelector(".update-text").textContent = ev.content;
      entry.querySelector(".delivery").textContent = ev.delivery;
    }
    toast(ev.note || "Edit saved");
  });
  fp.on("update.delivery", (ev) => {
    const entry = document.querySelector(`#updates-list li[data-step-id="${ev.step_id}"] .delivery`);
    if (entry) entry.textContent = ev.delivery;
    const push = ev.psa_push_status;
    if (!push) return;
    if (push.status === "posted" && updates[ev.step_id]) updates[ev.step_id].posted = true;
    document.querySelectorAll(`.slot-post[data-step-id="${ev.step_id}"]`).forEach((b) => {
      b.disabled = push.status === "posted"; // posted once: a second note is never offered
      b.textContent = push.status === "posted" ? "Posted to ticket" : b.dataset.label;
    });
    const extras = ev.delivery.startsWith("Posted · ") ? ev.delivery.slice("Posted".length) : "";
    toast(push.status === "posted" ? `Posted to ticket #${push.ticket_id} as ${updates[ev.step_id]?.post_kind || "a note"}${extras}`
      : push.status === "partial" ? "The note is posted, but part of the post failed: see the dialog to retry it."
      : "Could not post to the ticket: the text is still here to copy.");
  });
  fp.on("error", (ev) => {
    if (!awaiting) return;
    awaiting = false;
    modal.querySelector("#share-generating").textContent = ev.message;
  });
  fp.on("message", (ev) => { // "too early" explanations arrive as an assistant message
    if (awaiting && ev.role === "assistant" && !ev.step_id) {
      awaiting = false;
      modal.querySelector("#share-generating").textContent = ev.text;
    }
  });

  // --- sidebar -------------------------------------------------------------------------------
  function addToSidebar(ev) {
    const list = document.getElementById("updates-list");
    const template = modal.querySelector(`.card[data-audience="${ev.audience}"] svg`);
    const li = el("li");
    li.dataset.stepId = ev.step_id;
    const box = el("details");
    const summary = el("summary");
    const ic = el("span", "ic");
    ic.setAttribute("aria-hidden", "true");
    if (template) ic.append(template.cloneNode(true));
    summary.append(ic, el("span", "ulabel", ev.label), el("time", "", fp.clock(new Date())),
      el("span", "delivery", ""), el("span", "first-line", ev.first_line));
    box.append(summary, el("div", "update-text", ev.content));
    li.append(box);
    list.prepend(li);
    document.getElementById("updates-count").textContent = list.children.length;
    document.getElementById("updates-empty").hidden = true;
  }

  // --- the modal -----------------------------------------------------------------------------
  function showPane(name) {
    panes.forEach((pane) => { pane.hidden = pane.dataset.pane !== name; });
    const first = modal.querySelector(`[data-pane="${name}"] .card.default, [data-pane="${name}"] button`);
    if (first) first.focus();
  }
  function open(title) {
    modal.querySelector("#share-title").textContent = title || "Share Status Update";
    if (!modal.open) modal.showModal();
  }
  function request(frame, inModal) {
    if (inModal) startWaiting();
    fp.send({ type: "action", ...frame });
  }
  function startWaiting() {
    awaiting = true;
    showPane("result");
    modal.querySelector("#share-generating").textContent = "Generating update…";
    modal.querySelector("#share-generating").hidden = false;
    modal.querySelector("#share-notice").hidden = true;
    modal.querySelector("#share-body").textContent = "";
    modal.querySelector("#share-body").classList.add("streaming");
    modal.querySelector("#share-result-head").textContent = "";
    modal.querySelector("#share-firewall").replaceChildren();
    modal.querySelector("#share-actions").replaceChildren();
  }
  function showResult(ev) {
    awaiting = false;
    modal.querySelector("#share-generating").hidden = true;
    modal.querySelector("#share-result-head").textContent = label(ev);
    modal.querySelector("#share-body").innerHTML = ev.html;
    modal.dataset.stepId = ev.step_id;
    shown(modal.querySelector("#share-body"), ev);
    modal.querySelector("#share-body").classList.remove("streaming");
    const report = firewallReport(ev.firewall);
    modal.querySelector("#share-firewall").replaceChildren(...(report ? [report] : []));
    modal.querySelector("#share-actions").replaceChildren(actionRow(ev.step_id, true));
    modal.querySelector("#share-actions .button").focus();
  }
  function openForShare(purpose) {
    open(purpose === "share_resolution" ? "Share Resolution" : "Share Escalation");
    startWaiting();
  }

  button.addEventListener("click", () => {
    chosenAudience = null;
    open("Share Status Update");
    showPane("audience");
  });
  modal.querySelectorAll(".card[data-audience]").forEach((card) => card.addEventListener("click", () => {
    chosenAudience = card.dataset.audience;
    const def = root.dataset.defaultLength;
    modal.querySelectorAll(".card[data-length]").forEach((c) => {
      c.classList.toggle("default", c.dataset.length === def);
      c.setAttribute("aria-pressed", String(c.dataset.length === def));
    });
    // Switching audience from a result keeps its length and makes a new update.
    if (modal.dataset.from === "result" && lastStepId) {
      delete modal.dataset.from;
      request({ name: "switch_audience", audience: chosenAudience, step_id: Number(lastStepId) }, true);
      return;
    }
    if (vocabulary.one_length.includes(chosenAudience)) { // Ask the Client has one length: no question about it
      request({ name: "share_update", audience: chosenAudience, length: "quick" }, true);
      return;
    }
    showPane("length");
  }));
  modal.querySelectorAll(".card[data-length]").forEach((card) => card.addEventListener("click", () => {
    request({ name: "share_update", audience: chosenAudience, length: card.dataset.length }, true);
  }));
  modal.querySelector("#share-back").addEventListener("click", () => showPane("audience"));
  modal.querySelector("#share-close").addEventListener("click", () => modal.close());
  modal.addEventListener("close", () => { awaiting = false; delete modal.dataset.from; });
  // "Switch Audience" inside the modal goes back to the cards and remembers where it came from.
  modal.addEventListener("click", (e) => {
    const target = e.target.closest(".update-actions .button");
    if (target && target.textContent === "Switch Audience") modal.dataset.from = "result";
  }, true);

  // --- updates already on the page -----------------------------------------------------------
  function adopt(li, newest) {
    const data = JSON.parse(li.querySelector(".update-data").textContent);
    updates[data.step_id] = data;
    if (newest) lastStepId = data.step_id;
    li.querySelector(".update-head").remove();
    finishMessage(li, data);
  }
  stream.querySelectorAll("li.msg.update").forEach((li) => adopt(li, true));
  // Older updates fetched with "Load earlier" get their actions too.
  document.addEventListener("flowpilot:steps", (e) => {
    e.detail.filter((li) => li.matches("li.msg.update")).forEach((li) => adopt(li, false));
  });
  refreshButton();

  // Opened from a reminder: the Share Update modal, preloaded for that audience.
  const wanted = new URLSearchParams(location.search).get("share");
  if (wanted && vocabulary.audiences[wanted] && root.dataset.canUpdate === "yes") {
    const card = modal.querySelector(`.card[data-audience="${wanted}"]`);
    open("Share Status Update");
    card.click();
  }
})();
