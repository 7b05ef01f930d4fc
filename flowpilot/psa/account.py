"""An account's ConnectWise connection: keys encrypted at rest, a client built on demand."""

from __future__ import annotations

import base64
from typing import Any, Optional

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import PSAError
from ..models import Account
from .connectwise import ConnectWiseClient

SECRET_FIELDS = ("public_key", "private_key")
PLAIN_FIELDS = ("site", "codebase", "company_id", "client_id")


def _fernet(app_secret: str) -> Fernet:
    """A key for PSA secrets, derived from the app's secret (so the database alone reveals nothing)."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"flowpilot-psa", info=b"psa-keys").derive(
        app_secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def updated_settings(current: dict[str, Any], form: dict[str, str], app_secret: str) -> dict[str, Any]:
    """New stored settings from a form; a blank key field keeps the saved key."""
    settings: dict[str, Any] = {k: (form.get(k) or "").strip() for k in PLAIN_FIELDS}
    settings["codebase"] = settings["codebase"] or "v4_6_release/"
    fernet = _fernet(app_secret)
    for field in SECRET_FIELDS:
        value = (form.get(field) or "").strip()
        settings[f"{field}_enc"] = fernet.encrypt(value.encode()).decode() if value else current.get(f"{field}_enc")
    return settings


def is_configured(account: Account) -> bool:
    """True when every connection field has a value."""
    settings = account.psa_settings or {}
    return all(settings.get(k) for k in ("site", "company_id", "client_id", "public_key_enc", "private_key_enc"))


def saved_keys(account: Account) -> dict[str, bool]:
    """Which keys are saved, for the settings page (never the keys themselves)."""
    settings = account.psa_settings or {}
    return {field: bool(settings.get(f"{field}_enc")) for field in SECRET_FIELDS}


def client_for(account: Account, app_secret: str, **options: Any) -> Optional[ConnectWiseClient]:
    """The account's ConnectWise client, or None when the PSA is not set up."""
    if not is_configured(account):
        return None
    settings = account.psa_settings
    fernet = _fernet(app_secret)
    try:
        public, private = (fernet.decrypt(settings[f"{f}_enc"].encode()).decode() for f in SECRET_FIELDS)
    except InvalidToken as exc:
        raise PSAError(
            "The saved ConnectWise keys can't be read (the app's secret key changed); "
            "enter them again in Settings → PSA."
        ) from exc
    return ConnectWiseClient(
        settings["site"],
        settings["company_id"],
        public,
        private,
        settings["client_id"],
        codebase=settings.get("codebase") or "v4_6_release/",
        **options,
    )
