"""The bench server's settings: production's, with the public forms' rate limit lifted (50
submissions from one loopback address would otherwise be refused as abuse) and a short fill
time. Everything else, the minimum fill time check included, runs as in production."""

from prongsai.settings import *  # noqa: F403

PRONGSAI_ABUSE_RATES = {"channels-report": ((1_000_000, 600),)}
PRONGSAI_ABUSE_MIN_FILL_SECONDS = 1
