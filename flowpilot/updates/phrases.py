"""What client text says per tone (the greeting and sign-off), and who a party is, as data."""

TONES: dict[str, dict[str, str]] = {
    "professional": {"greeting": "Hi {name},", "signoff": "Best regards,"},
    "friendly": {"greeting": "Hi {name},", "signoff": "Cheers,"},
    "formal": {"greeting": "Dear {name},", "signoff": "Kind regards,"},
}
# Who we are waiting on, in words the client knows.
PARTIES: list[tuple[str, str]] = [
    # Someone else's support first: "TillPoint tier 2" or "Comcast tier 2" is not our second line.
    (r"microsoft", "Microsoft support"), (r"\bisp\b|carrier|comcast|at&t|verizon|spectrum|provider", "your internet provider"),
    (r"vendor|manufacturer|dell|hp\b|lenovo|fortinet|sonicwall|veeam|intuit|'s (?:tier|support)|their (?:tier|support)",
     "the vendor's support team"),
    (r"network team|netops|network engineer", "our network team"), (r"security team|soc\b", "our security team"),
    (r"hardware team|field (?:team|tech)|on-?site tech", "our on-site team"), (r"apps? team", "our applications team"),
    (r"account manag", "your account manager"), (r"tier ?3|t3|l3|senior|specialist|engineering", "our senior engineers"),
    (r"tier ?2|t2|l2", "our second-line team"),
]
