"""The app's long-lived services, built once by the factory and passed explicitly."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from flask import Flask, current_app

from .models import utcnow
from .providers import build_provider
from .providers.base import Provider
from .ratelimit import DatabaseLimiter, SlidingWindowLimiter
from .updates.firewall import AudienceFirewall

if TYPE_CHECKING:
    from .chat.hub import Hub
    from .intents import IntentDetector
    from .models import Account
    from .psa.connectwise import ConnectWiseClient
    from .reminders import ReminderLoop

Clock = Callable[[], datetime]
PSAClients = Callable[["Account"], Optional["ConnectWiseClient"]]
KEY = "flowpilot"


def _no_psa(account: Account) -> None:
    return None


@dataclass
class Services:
    """Detector, LLM provider, PSA client factory, rate limiter, clock, socket hub, firewall."""

    detector: Optional[IntentDetector] = None
    provider: Optional[Provider] = None
    psa_clients: PSAClients = _no_psa  # an account's ConnectWise client (keys decrypted), or None
    limiter: SlidingWindowLimiter | DatabaseLimiter = field(default_factory=lambda: SlidingWindowLimiter(20, 60))
    clock: Clock = utcnow
    hub: Optional[Hub] = None
    firewall: AudienceFirewall = field(default_factory=AudienceFirewall)
    history_limit: int = 40  # chat messages sent to the LLM with each reply
    reminders: Optional[ReminderLoop] = None


def build(app: Flask, config: Mapping[str, Any]) -> Services:
    """Everything a request or a socket turn may need, from the app's config."""
    from .chat.hub import Hub
    from .intents import IntentDetector
    from .psa import account as psa_account
    from .reminders import ReminderLoop

    secret = config["SECRET_KEY"]
    hub = Hub(config["MAX_SOCKETS_PER_USER"])
    services = Services(
        detector=IntentDetector(),
        provider=build_provider(config),
        psa_clients=lambda account: psa_account.client_for(account, secret),
        limiter=DatabaseLimiter(config["UPDATE_RATE_PER_MINUTE"], 60, config["CLOCK"]),
        clock=config["CLOCK"],
        hub=hub,
        history_limit=config["CHAT_HISTORY_LIMIT"],
    )
    services.reminders = ReminderLoop(app, hub, config["CLOCK"], config["REMINDER_INTERVAL"])
    return services


def current() -> Services:
    """The services of the app handling this request."""
    services: Services = current_app.extensions[KEY]
    return services
