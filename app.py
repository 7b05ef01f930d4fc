"""Entry point for `flask --app app …`."""

from flowpilot import create_app

app = create_app()
