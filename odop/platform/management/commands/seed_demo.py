"""`odop seed_demo`: the demo (demo mode only): one account per role, the bazaar's sellers and
buyers, the outlets with their managers; the accounts printed and written to
`.demo-accounts.json`. Idempotent."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from odop.platform.demo import demo_ensure


class Command(BaseCommand):
    help = (
        "Create the demo: accounts for every role, sellers, buyers, outlets "
        "(only when ODOP_DEMO_MODE is on)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            accounts = demo_ensure()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Demo accounts (also in {settings.ODOP_DEMO_ACCOUNTS_FILE}):")
        for account in accounts:
            scope = f" [{account.scope}]" if account.scope else ""
            self.stdout.write(
                f"  {account.role:<17} {account.username:<20} {account.password}{scope}"
            )
