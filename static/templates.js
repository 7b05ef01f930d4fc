// Communication templates: refresh the preview as settings change, before anything is saved.
(function () {
  "use strict";
  const form = document.getElementById("template-form");
  if (!form) return;
  const preview = document.getElementById("preview");
  const token = document.querySelector('meta[name="csrf-token"]').content;
  async function refresh() {
    const response = await fetch("/settings/templates/preview", {
      method: "POST", body: new FormData(form), headers: { "X-CSRFToken": token }, credentials: "same-origin",
    });
    const data = await response.json();
    preview.textContent = data.preview || data.error;
  }
  form.addEventListener("change", refresh);
  form.addEventListener("input", (e) => { if (e.target.id === "client_signoff") refresh(); });
})();
