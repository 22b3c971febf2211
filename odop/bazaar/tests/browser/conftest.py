"""Fixtures of the bazaar browser tests: the real national data set, loaded the way the
catalogue's browser tests load it (the root `conftest.py` launches Debian's chromium)."""

from odop.catalogue.tests.browser.conftest import _national_snapshots, national_data

__all__ = ["_national_snapshots", "national_data"]
