"""Outlet browser tests share the bazaar's world (a verified Patna producer with a published
listing of 20 units, and one user of every role)."""

from odop.bazaar.tests.conftest import world

__all__ = ["world"]
