// Intake: look a ConnectWise ticket up and fill the form; every field stays editable.
(function () {
  "use strict";
  const button = document.getElementById("lookup");
  if (!button) return;
  const input = document.getElementById("psa_ticket");
  const problem = document.getElementById("lookup-error");
  const fill = (id, value) => { const field = document.getElementById(id); if (field && value) field.value = value; };
  button.addEventListener("click", async () => {
    const number = input.value.replace(/[^0-9]/g, "");
    problem.hidden = true;
    if (!number) { problem.textContent = "Enter the ticket's number first."; problem.hidden = false; return; }
    button.disabled = true;
    button.textContent = "Looking up…";
    try {
      const response = await fetch(`/psa/tickets/${number}`, { credentials: "same-origin" });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || "ConnectWise lookup failed.");
      fill("client_name", data.company_name);
      fill("contact_name", data.contact_name);
      fill("issue", data.summary);
      fill("ticket_number", `#${data.id}`);
    } catch (e) {
      problem.textContent = e.message;
      problem.hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = "Look up";
    }
  });
})();
