// FlowPilot sources: each sentence of an update FlowPilot wrote is tied to the chat messages it came from.
// Hovering or focusing it highlights them; clicking scrolls to them. A sentence with no source (other than
// the greeting and sign-off) is marked. Plain JS: text is wrapped in place, never rebuilt from strings.
(function () {
  "use strict";
  const stream = document.getElementById("stream");
  if (!stream) return;
  const SENTENCE = /[^.!?\n]+(?:[.!?]+["')\]]*|$)/g;
  const GREETING = /^(?:hi|hello|dear|good (?:morning|afternoon))\b[^.!?]*,$/i;
  const SIGNOFF = /^(?:best regards|kind regards|regards|thanks|thank you|many thanks|cheers|sincerely|yours sincerely)\b/i;

  function messages(ids) {
    return ids.map((id) => stream.querySelector(`li.msg[data-step-id="${id}"]`)).filter(Boolean);
  }
  function light(ids, on) {
    messages(ids).forEach((li) => li.classList.toggle("source-highlight", on));
  }
  // Wrap `text` where it sits whole inside one text node of `block`; false when it does not.
  function wrap(block, text, make) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue.indexOf(text);
      if (at < 0 || (node.parentElement && node.parentElement.closest(".src, .no-source"))) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const span = make();
      range.surroundContents(span);
      return true;
    }
    return false;
  }
  function sourced(ids) {
    return () => {
      const span = document.createElement("span");
      span.className = "src";
      span.tabIndex = 0;
      span.dataset.steps = ids.join(",");
      span.title = ids.length === 1 ? "From 1 chat message: click to show it" : `From ${ids.length} chat messages: click to show them`;
      span.addEventListener("mouseenter", () => light(ids, true));
      span.addEventListener("mouseleave", () => light(ids, false));
      span.addEventListener("focus", () => light(ids, true));
      span.addEventListener("blur", () => light(ids, false));
      span.addEventListener("click", () => {
        const first = messages(ids)[0];
        if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
      });
      return span;
    };
  }
  function unsourced() {
    const span = document.createElement("span");
    span.className = "no-source";
    span.title = "No chat message backs this sentence (standard wording, the ticket's intake, or an edit)";
    return span;
  }

  document.addEventListener("flowpilot:shown", (e) => {
    const { body, data } = e.detail;
    if (!body || !data || data.engine === "llm") return; // an AI model rewrites freely: nothing to trace
    const sources = (data.sources || []).filter((s) => (s.step_ids || []).length);
    sources.forEach((s) => wrap(body, s.text, sourced(s.step_ids)));
    const covered = (data.sources || []).map((s) => s.text);
    body.querySelectorAll("p, li").forEach((block) => {
      if (block.querySelector("p, li")) return; // the innermost blocks only
      const strong = block.firstElementChild;
      if (strong && strong.tagName === "STRONG" && strong.textContent.trim() === block.textContent.trim()) return;
      const text = block.textContent.trim();
      if (GREETING.test(text) || SIGNOFF.test(text)) return;
      (text.match(SENTENCE) || []).map((t) => t.trim()).filter(Boolean).forEach((sentence) => {
        if (covered.some((c) => c.includes(sentence) || sentence.includes(c))) return;
        if (GREETING.test(sentence) || SIGNOFF.test(sentence) || sentence.length < 3) return;
        wrap(block, sentence, unsourced);
      });
    });
  });
})();
