"""Status updates: the grounded composer, the audience firewall, and (later) the LLM composer."""
