"""Security headers on every response: what the page may load, who may frame it, what it may use."""

from __future__ import annotations

from flask import Flask, Response, request

# No inline script or style anywhere in templates/ (the JSON blocks are data, never run), so 'self' is enough.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws://{host} wss://{host}; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
FIXED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # older browsers that don't read frame-ancestors
    "Referrer-Policy": "same-origin",
    # Copy needs clipboard-write; nothing here needs a camera, a microphone or the user's location.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-write=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_headers(response: Response) -> Response:
    """An after-request hook."""
    response.headers.setdefault("Content-Security-Policy", CSP.format(host=request.host))
    for name, value in FIXED.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app: Flask) -> None:
    """Send the headers with every response of this app."""
    app.after_request(add_headers)
