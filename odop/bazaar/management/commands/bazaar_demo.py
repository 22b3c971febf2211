"""`odop bazaar_demo`: demo sellers with published listings and demo buyers (demo mode only),
added to `.demo-accounts.json`."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from odop.bazaar.demo import bazaar_demo_ensure


class Command(BaseCommand):
    help = "Create demo producers with published listings and demo buyers (ODOP_DEMO_MODE)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            accounts = bazaar_demo_ensure()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        for account in accounts:
            self.stdout.write(f"  {account.role:<17} {account.username:<15} {account.password}")
