// FlowPilot "Post to Ticket" dialog: shows exactly what will be posted (the note kind, an optional time
// entry, an optional status change), posts it in one click over the socket, and on a partial failure says
// which part failed and retries just that part. Plain JS; every text goes in with textContent.
(function () {
  "use strict";
  const root = document.getElementById("session");
  const dialog = document.getElementById("post-dialog");
  if (!root || !dialog || !window.FlowPilot) return;
  const fp = window.FlowPilot;
  const $ = (id) => document.getElementById(id);
  const logTime = $("post-log-time");
  const minutes = $("post-minutes");
  const billable = $("post-billable");
  const workType = $("post-work-type");
  const status = $("post-status");
  const error = $("post-error");
  const submit = $("post-submit");
  let stepId = null;

  function option(value, text) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }
  function showError(text) {
    error.textContent = text || "";
    error.hidden = !text;
  }
  function syncTime() {
    [minutes, billable, workType].forEach((f) => { f.disabled = !logTime.checked; });
  }
  logTime.addEventListener("change", syncTime);

  function fill(options) {
    $("post-kind").textContent = `Posts as: ${options.kind_label}` +
      (options.customer_visible ? " (the client can see it)." : " (your team only).");
    logTime.checked = options.log_time;
    minutes.value = options.minutes;
    billable.replaceChildren(...options.billable_options.map((b) => option(b.value, b.label)));
    billable.value = options.billable;
    workType.value = options.work_type || "";
    const current = options.statuses.find((s) => s.id === options.current_status_id);
    status.replaceChildren(option("", `Leave as it is${current ? ` (${current.name})` : ""}`),
      ...options.statuses.map((s) => option(String(s.id), s.closed ? `${s.name} (closes the ticket)` : s.name)));
    status.value = options.status_id ? String(options.status_id) : "";
    status.disabled = !options.statuses.length;
    const findings = options.confirm_findings || [];
    $("post-confirm").hidden = !findings.length;
    $("post-confirm-box").checked = false;
    $("post-confirm-list").replaceChildren(...findings.map((f) => { const li = document.createElement("li"); li.textContent = f; return li; }));
    showError(options.status_error);
    syncTime();
    submit.disabled = false;
    submit.textContent = "Post";
  }

  async function open(id) {
    stepId = Number(id);
    showError("");
    submit.disabled = true;
    submit.textContent = "Loading…";
    if (!dialog.open) dialog.showModal();
    try {
      const response = await fetch(`/sessions/${root.dataset.sessionId}/updates/${stepId}/post-options`,
        { headers: { Accept: "application/json" } });
      const data = await response.json();
      if (stepId !== Number(id)) return; // the dialog was opened for another update meanwhile
      if (!response.ok) { showError(data.error || "The post options could not be loaded."); return; }
      fill(data);
      if (data.posted.status === "partial") retryable(data.posted); // reopened after a part failed
    } catch (e) {
      showError("The post options could not be loaded; check your connection and try again.");
    }
  }
  document.addEventListener("flowpilot:post", (e) => open(e.detail.stepId));

  $("post-cancel").addEventListener("click", () => dialog.close());
  $("post-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const frame = { type: "action", name: "post_to_ticket", step_id: stepId };
    if (logTime.checked) {
      const value = Number(minutes.value);
      if (!Number.isInteger(value) || value < 1 || value > 1440) {
        showError("Time must be a whole number of minutes from 1 to 1440.");
        minutes.focus();
        return;
      }
      Object.assign(frame, { minutes: value, billable: billable.value, work_type: workType.value.trim() });
    }
    if (status.value) frame.status_id = Number(status.value);
    if (!$("post-confirm").hidden) {
      if (!$("post-confirm-box").checked) {
        showError("Tick the box to confirm the flagged terms are fine for the client, or edit the update first.");
        return;
      }
      frame.confirm = true;
    }
    showError("");
    submit.disabled = true;
    submit.textContent = "Posting…";
    fp.send(frame);
  });

  fp.on("update.delivery", (ev) => {
    const push = ev.psa_push_status;
    if (!push || !dialog.open || ev.step_id !== stepId) return;
    if (push.status === "posted") { dialog.close(); return; }
    retryable(push);
  });
  function retryable(push) { // partial or failed: say why, and let the engineer retry what is missing
    submit.disabled = false;
    const failed = (push.failed_parts || [])[0];
    submit.textContent = push.status === "partial" && failed ? `Retry ${fp.vocabulary.post_parts[failed]}` : "Post";
    showError(push.reason);
  }
  fp.on("error", (ev) => {
    if (!dialog.open || submit.textContent !== "Posting…") return;
    submit.disabled = false;
    submit.textContent = "Post";
    showError(ev.message);
  });
})();
