"""Who may see the platform's operations pages: national admins only."""

from django.contrib.auth.models import AnonymousUser

from odop.accounts.models import User, signed_in_user


def can_view_task_failures(user: User | AnonymousUser) -> bool:
    """Failed background jobs (tracebacks, arguments) are for national admins only."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.is_national_admin
