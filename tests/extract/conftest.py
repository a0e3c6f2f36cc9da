"""Hypothesis without per-example deadlines: the machine running the tests may be busy."""

from hypothesis import settings

settings.register_profile("kg-extract", deadline=None)
settings.load_profile("kg-extract")
