// Notifications on every page: a live socket for reminders, the bell and its list.
(function () {
  "use strict";
  const bell = document.getElementById("bell");
  if (!bell) return;
  const count = document.getElementById("bell-count");
  const list = document.getElementById("bell-list");
  const banner = document.getElementById("banner");
  const token = document.querySelector('meta[name="csrf-token"]').content;
  let retry = 0;

  function setCount(n) { count.textContent = n; count.hidden = n === 0; }
  function item(note) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = note.url;
    a.textContent = note.text;
    a.addEventListener("click", () => {
      fetch(`/notifications/${note.id}/read`, { method: "POST", headers: { "X-CSRFToken": token }, credentials: "same-origin" });
    });
    li.append(a);
    return li;
  }
  function show(note) {
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    list.prepend(item(note));
    setCount(list.querySelectorAll("li:not(.empty)").length);
    banner.replaceChildren(item(note).firstChild);
    banner.hidden = false;
  }
  bell.addEventListener("click", () => { list.hidden = !list.hidden; });
  list.querySelectorAll("a[data-id]").forEach((a) => a.addEventListener("click", () => {
    fetch(`/notifications/${a.dataset.id}/read`, { method: "POST", headers: { "X-CSRFToken": token }, credentials: "same-origin" });
  }));
  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/ws/notifications`);
    socket.addEventListener("open", () => { retry = 0; document.body.dataset.notifications = "yes"; });
    socket.addEventListener("message", (msg) => {
      const ev = JSON.parse(msg.data);
      if (ev.type !== "notification") return;
      show(ev);
      document.dispatchEvent(new CustomEvent("flowpilot:notification", { detail: ev }));
    });
    socket.addEventListener("close", () => {
      document.body.dataset.notifications = "no";
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 1000 * 2 ** retry);
    });
  }
  connect();
})();
