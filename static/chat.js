// FlowPilot session page: the chat socket, the composer and the action bar. Plain JS.
(function () {
  "use strict";
  const root = document.getElementById("session");
  if (!root) return;
  const sessionId = root.dataset.sessionId;
  const vocabulary = JSON.parse(document.getElementById("vocabulary").textContent); // the product's words and limits
  const stream = document.getElementById("stream");
  const composer = document.getElementById("composer");
  const input = document.getElementById("composer-text");
  const conn = document.getElementById("conn");
  const dialog = document.getElementById("action-dialog");
  const dialogText = document.getElementById("action-text");
  const dialogError = document.getElementById("action-error");
  let socket = null;
  let retry = 0;
  let streaming = null; // the assistant message being streamed
  let pendingAction = null;
  const listeners = {}; // share.js and others subscribe to socket events here

  // Times are stored in UTC; show them in the engineer's own time zone.
  function clock(date) { return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false }); }
  stream.querySelectorAll("time[datetime]").forEach((t) => { t.textContent = clock(new Date(t.dateTime)); });

  function scrollDown() { stream.scrollTop = stream.scrollHeight; }

  // Every text goes in with textContent; only server-sanitised html uses innerHTML.
  function addMessage(role, text, stepId, html) {
    const li = document.createElement("li");
    li.className = "msg " + role;
    if (stepId) li.dataset.stepId = stepId;
    const body = document.createElement("div");
    body.className = "body";
    if (html) body.innerHTML = html; else body.textContent = text;
    const time = document.createElement("time");
    time.textContent = clock(new Date());
    li.append(body, time);
    stream.append(li);
    scrollDown();
    return li;
  }

  function setStatus(status) {
    root.dataset.status = status;
    const badge = document.getElementById("status-badge");
    badge.textContent = status;
    badge.className = "badge " + status;
    document.getElementById("status-text").textContent = status;
    document.getElementById("pause-button").textContent = status === "paused" ? "Resume" : "Pause";
    const closed = !vocabulary.open_statuses.includes(status); // closed: Reopen instead of Resolve, Escalate, Pause
    document.getElementById("action-bar").classList.toggle("closed", closed);
    document.getElementById("closed-note").textContent =
      `This session is ${closed ? status : "closed"}. Share Update and the chat stay available for documentation.`;
  }

  const handlers = {
    "message.delta": (ev) => {
      if (!streaming) streaming = addMessage("assistant streaming", "");
      streaming.querySelector(".body").textContent += ev.text;
      scrollDown();
    },
    "message": (ev) => {
      if (ev.role === "assistant") {
        const li = streaming || addMessage("assistant", "");
        li.className = "msg assistant";
        li.dataset.stepId = ev.step_id;
        li.querySelector(".body").innerHTML = ev.html;
        streaming = null;
        return;
      }
      if (ev.role === "engineer" && input.value.trim() === ev.text.trim()) input.value = "";
      addMessage(ev.role, ev.text, ev.step_id);
    },
    "choices": (ev) => {
      const li = addMessage("system choices", ev.prompt);
      const row = document.createElement("div");
      row.className = "options";
      ev.options.forEach((option) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button option";
        const label = document.createElement("strong");
        label.textContent = option.label;
        const description = document.createElement("span");
        description.textContent = option.description;
        button.append(label, description);
        button.addEventListener("click", () => {
          if (send({ type: "action", name: "choose", slot: ev.slot, value: option.value })) {
            row.querySelectorAll("button").forEach((b) => { b.disabled = true; });
            button.classList.add("chosen");
          }
        });
        row.append(button);
      });
      li.insertBefore(row, li.querySelector("time"));
      row.querySelector("button").focus();
      scrollDown();
    },
    "session": (ev) => {
      setStatus(ev.status);
      if (pendingAction) { pendingAction = null; dialog.close(); }
    },
    "error": (ev) => {
      if (streaming) { streaming.remove(); streaming = null; }
      if (pendingAction && dialog.open) {
        dialogError.textContent = ev.message;
        dialogError.hidden = false;
        return;
      }
      addMessage("error", ev.message).setAttribute("role", "alert");
    },
  };

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/sessions/${sessionId}`);
    socket.addEventListener("open", () => { retry = 0; conn.textContent = ""; root.dataset.connected = "yes"; });
    socket.addEventListener("message", (msg) => {
      let ev;
      try { ev = JSON.parse(msg.data); } catch (e) { return; }
      (handlers[ev.type] || (() => {}))(ev);
      (listeners[ev.type] || []).forEach((fn) => fn(ev));
    });
    let opened = false;
    socket.addEventListener("open", () => { opened = true; });
    socket.addEventListener("close", async () => {
      root.dataset.connected = "no";
      if (!opened) {
        // The server refuses the handshake when signed out or the session is gone: ask the page why.
        const page = await fetch(location.href, { credentials: "same-origin" }).catch(() => null);
        if (page && page.redirected) { location.href = page.url; return; }
        if (page && page.status === 404) { conn.textContent = "This session is no longer available."; return; }
      }
      retry = Math.min(retry + 1, 6);
      conn.textContent = "Connection lost — reconnecting… (what you type stays in the box)";
      setTimeout(connect, 500 * 2 ** retry);
    });
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      conn.textContent = "Not connected yet — your text is kept; try again in a moment.";
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  composer.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    const limit = vocabulary.max_message_chars;
    if (text.length > limit) {
      addMessage("error", `That message is too long (${limit.toLocaleString("en")} characters at most); it is still in the box.`).setAttribute("role", "alert");
      return;
    }
    send({ type: "message", text });
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); composer.requestSubmit(); }
  });

  const prompts = {
    resolve: { title: "Resolve session", label: "What fixed it? (summary for the ticket)", submit: "Resolve", field: "summary" },
    escalate: { title: "Escalate session", label: "Why are you escalating, and to whom?", submit: "Escalate", field: "reason" },
  };
  document.getElementById("action-bar").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const name = button.dataset.action;
    if (!prompts[name]) { send({ type: "action", name }); return; }
    pendingAction = name;
    document.getElementById("action-dialog-title").textContent = prompts[name].title;
    document.getElementById("action-label").textContent = prompts[name].label;
    document.getElementById("action-submit").textContent = prompts[name].submit;
    dialogError.hidden = true;
    dialog.showModal();
    dialogText.focus();
  });
  document.getElementById("action-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const p = prompts[pendingAction];
    send({ type: "action", name: pendingAction, [p.field]: dialogText.value });
  });
  document.getElementById("action-cancel").addEventListener("click", () => { pendingAction = null; dialog.close(); });
  dialog.addEventListener("close", () => { pendingAction = null; });

  // A long session shows its latest messages; earlier ones load on request, above, keeping the view in place.
  const earlierButton = document.getElementById("load-earlier");
  async function loadEarlier() {
    earlierButton.disabled = true;
    const url = `/sessions/${sessionId}/steps?before=${earlierButton.dataset.before}`;
    const response = await fetch(url, { credentials: "same-origin" }).catch(() => null);
    if (!response || !response.ok) {
      earlierButton.disabled = false;
      earlierButton.textContent = "Could not load earlier messages; try again";
      return;
    }
    const data = await response.json();
    const holder = document.createElement("template");
    holder.innerHTML = data.html; // rendered and escaped on the server, like the page itself
    const items = [...holder.content.children];
    const height = stream.scrollHeight;
    document.getElementById("earlier").after(...items);
    items.forEach((li) => li.querySelectorAll("time[datetime]").forEach((t) => { t.textContent = clock(new Date(t.dateTime)); }));
    document.dispatchEvent(new CustomEvent("flowpilot:steps", { detail: items }));
    stream.scrollTop += stream.scrollHeight - height;
    if (data.more) {
      earlierButton.dataset.before = data.first;
      earlierButton.disabled = false;
      earlierButton.textContent = "Load earlier messages";
    } else {
      document.getElementById("earlier").remove();
    }
  }
  if (earlierButton) earlierButton.addEventListener("click", loadEarlier);

  // An update request still being set up (in this tab before a reload, or in another tab): ask again.
  const pendingChoice = JSON.parse(document.getElementById("pending-choice").textContent);
  if (pendingChoice) handlers.choices(pendingChoice);

  // An element with a class and text (never html): the one way the page scripts build their pieces.
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A small API for share.js and the others: send frames, hear events, add chat messages, build elements.
  window.FlowPilot = {
    send, addMessage, scrollDown, clock, vocabulary, el,
    on(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
  };
  scrollDown();
  connect();
})();
