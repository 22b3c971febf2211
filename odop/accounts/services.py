"""Write-side use cases of accounts: users in a role, the demo accounts file, and API tokens.

Which places the demo officers work on is decided in `odop.platform.demo` (it reads geography,
a layer above accounts)."""

import datetime
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from odop.accounts.models import Role, User

if TYPE_CHECKING:  # annotations only: accounts sits below geography (issue 11)
    from odop.geography.models import District, State


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    state: "State | None" = None,
    district: "District | None" = None,
    email: str = "",
) -> User:
    """Create a user in one role with its scope. A district officer's State is its district's.

    National admins get staff access to the Django admin (the admin is theirs alone).
    """
    if role == Role.DISTRICT_OFFICER and district is not None:
        state = None
    user = User(
        username=username,
        email=email,
        role=role,
        state=state,
        district=district,
        is_staff=role == Role.NATIONAL_ADMIN,
        is_superuser=role == Role.NATIONAL_ADMIN,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    scope: str


DemoPlan = list[tuple[str, Role, "State | None", "District | None"]]


def demo_accounts_add(*, plan: DemoPlan, path: Path | None = None) -> list[DemoAccount]:
    """Ensure the planned demo accounts exist, in their planned role and place, and are listed
    in `.demo-accounts.json`.

    Other apps add their own demo accounts (the bazaar's producers and buyers) through this.
    Accounts already in the file keep their passwords, also in another database: a fresh
    database (another `DATABASE_URL`) gets the passwords the file already lists, so switching
    databases never locks the other one's demo accounts out (issue 12). Only an account the
    file does not list gets a new password. The file is rewritten only when an account is
    added to it, and keeps the entries of accounts not in this plan. An existing demo account
    whose role or place differs from the plan (an older demo) is moved to the plan's.
    """
    if not settings.ODOP_DEMO_MODE:
        raise ImproperlyConfigured("Demo accounts exist only in demo mode (ODOP_DEMO_MODE).")
    path = path or settings.ODOP_DEMO_ACCOUNTS_FILE
    known: dict[str, dict[str, str]] = {}
    if path.exists():
        try:
            known = {entry["username"]: entry for entry in json.loads(path.read_text())}
        except (ValueError, KeyError, TypeError):
            known = {}
    accounts: list[DemoAccount] = []
    changed = False
    for username, role, role_state, role_district in plan:
        if role == Role.STATE_OFFICER and role_state is None:
            continue  # no reference data yet: officers need a place
        if role in (Role.DISTRICT_OFFICER, Role.BANK_OFFICER) and role_district is None:
            continue
        user = User.objects.filter(username=username).first()
        remembered = known.get(username)
        # The file is trusted for accounts it lists: checking each password would cost a
        # deliberately slow hash per account on every `make run`.
        if remembered is not None and remembered.get("password"):
            password = remembered["password"]
            if user is None:
                user = user_create(
                    username=username,
                    password=password,
                    role=role,
                    state=role_state,
                    district=role_district,
                )
        else:
            password = secrets.token_urlsafe(12)
            if user is None:
                user = user_create(
                    username=username,
                    password=password,
                    role=role,
                    state=role_state,
                    district=role_district,
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            changed = True
        _demo_account_place(user, role, role_state, role_district)
        scope = user.district.name if user.district else user.state.name if user.state else ""
        changed = changed or (remembered or {}).get("scope") != scope
        accounts.append(
            DemoAccount(username=username, password=password, role=role.value, scope=scope)
        )
    if changed or not path.exists():
        for account in accounts:
            known[account.username] = {
                "username": account.username,
                "password": account.password,
                "role": account.role,
                "scope": account.scope,
            }
        path.write_text(json.dumps(list(known.values()), indent=2) + "\n")
        path.chmod(0o600)
    return accounts


def _demo_account_place(
    user: User, role: Role, state: "State | None", district: "District | None"
) -> None:
    """Put an existing demo account in the plan's role and place (a district officer's State
    is its district's, as `user_create` makes it). Saves only when something differs."""
    if role == Role.DISTRICT_OFFICER:
        state = None
    wanted = {
        "role": role.value,
        "state_id": state.pk if state else None,
        "district_id": district.pk if district else None,
    }
    if all(getattr(user, field) == value for field, value in wanted.items()):
        return
    for field, value in wanted.items():
        setattr(user, field, value)
    user.full_clean()
    user.save(update_fields=["role", "state", "district"])


@dataclass(frozen=True)
class IssuedApiToken:
    """A freshly issued API token: the raw key is shown once and never stored."""

    key: str
    expires_at: datetime.datetime


def api_token_ttl() -> datetime.timedelta:
    """How long a new API token lives (ODOP_API_TOKEN_TTL_HOURS, knox's TOKEN_TTL)."""
    ttl = settings.REST_KNOX["TOKEN_TTL"]
    assert isinstance(ttl, datetime.timedelta)
    return ttl


@transaction.atomic
def api_token_issue(*, user: User, ttl: datetime.timedelta | None = None) -> IssuedApiToken:
    """Issue an API token for `user`, valid for `ttl` (the configured lifetime by default).

    Only a SHA-512 digest of the key is stored (knox), so a copy of the database cannot be
    used to call the API. Every token expires: a key that leaks stops working by itself. The
    user's already expired tokens are deleted here, so clients that ask for a token on every
    run do not pile up rows.
    """
    ttl = ttl if ttl is not None else api_token_ttl()
    if ttl <= datetime.timedelta(0):
        raise ValidationError(_("A token must live for some time."), code="invalid_ttl")
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    token, key = AuthToken.objects.create(user=user, expiry=ttl)
    assert token.expiry is not None  # knox sets it from the ttl just given
    return IssuedApiToken(key=key, expires_at=token.expiry)


def api_token_revoke(*, token: AuthToken) -> None:
    """Revoke one API token (the one a client presents): it stops working at once."""
    AuthToken.objects.filter(pk=token.pk).delete()


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every API token of `user` (a lost laptop, a leaked script); returns how many."""
    deleted, _by_model = AuthToken.objects.filter(user=user).delete()
    return deleted


def api_tokens_purge_expired() -> int:
    """Delete every expired API token (they no longer authenticate); returns how many.

    Authentication never reads other tokens to clean them up (one query per API call), so a
    periodic job calls this.
    """
    deleted, _by_model = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
