"""Write-side use cases of self-service accounts (issue 12): a buyer signs up, proves their
email through a signed link that expires, and only then signs in.

A new account is inactive (`is_active=False`) until its email is verified: Django's
authentication refuses inactive users, so an unverified account cannot sign in, reset its
password or act. The link carries the user's id and email signed with the site's secret key
and a timestamp (`django.core.signing`), so it cannot be forged and stops working after
`ODOP_EMAIL_VERIFICATION_HOURS`; it works once (`email_verified_at` is set on use).

Signing up with an email that already has an account reveals nothing to the person at the
form: the same "check your email" answer is given, and the owner of the address is told by
email that someone tried (with a link to reset their password).
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User

VERIFICATION_SALT = "odop.accounts.email-verification"
# Roles people may give themselves. Officers, assessors and Mission officers are appointed.
SELF_SERVICE_ROLES = frozenset({Role.BUYER, Role.PRODUCER})


def email_normalise(email: str) -> str:
    """Emails are compared and stored lower-case without surrounding spaces."""
    return email.strip().lower()


def account_with_email(email: str) -> User | None:
    """The account registered with `email` (as its email or its username), if any."""
    key = email_normalise(email)
    return (
        User.objects.filter(email__iexact=key).order_by("pk").first()
        or User.objects.filter(username__iexact=key).order_by("pk").first()
    )


def verification_lifetime() -> dt.timedelta:
    """How long a verification link works."""
    return dt.timedelta(hours=settings.ODOP_EMAIL_VERIFICATION_HOURS)


def email_verification_token(*, user: User) -> str:
    """A signed, timestamped token naming the user and the email it verifies."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFICATION_SALT)


@transaction.atomic
def account_register(
    *,
    email: str,
    password: str,
    name: str,
    role: Role,
    organisation: str = "",
    country: str = "",
) -> User | None:
    """Create an inactive self-service account (buyer or producer) whose username is its email.

    Returns the new user, or None when the email already has an account (nothing is created;
    the caller sends `account_exists_notify` and answers as if it had worked). Raises a coded
    `ValidationError` for a role nobody may give themselves or a password the validators
    refuse (`AUTH_PASSWORD_VALIDATORS`), keyed by field.
    """
    if role not in SELF_SERVICE_ROLES:
        raise ValidationError(_("This role cannot be chosen at sign-up."), code="role_refused")
    key = email_normalise(email)
    if account_with_email(key) is not None:
        return None
    user = User(
        username=key,
        email=key,
        first_name=name.strip()[:150],
        role=role,
        organisation=organisation.strip(),
        country=country.strip(),
        is_active=False,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def email_verification_send(*, user: User, link: str) -> None:
    """Email `user` the verification `link` (built by the caller from the token, in the
    language of the page they signed up on)."""
    context = {"user": user, "link": link, "hours": settings.ODOP_EMAIL_VERIFICATION_HOURS}
    send_mail(
        subject=_("Confirm your email for the ODOP Platform"),
        message=render_to_string("accounts/email/verify.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def account_exists_notify(*, email: str, reset_link: str) -> None:
    """Tell the owner of `email` that someone tried to sign up with it (maybe they forgot
    they have an account), with a link to reset their password."""
    send_mail(
        subject=_("You already have an ODOP Platform account"),
        message=render_to_string("accounts/email/exists.txt", {"link": reset_link}),
        from_email=None,
        recipient_list=[email_normalise(email)],
    )


def _token_user(token: str) -> User:
    try:
        payload = signing.loads(token, salt=VERIFICATION_SALT, max_age=verification_lifetime())
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This link has expired. Ask for a new one below."), code="link_expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid."), code="link_invalid") from error
    user = User.objects.filter(pk=payload.get("user"), email=payload.get("email")).first()
    if user is None:
        raise ValidationError(_("This link is not valid."), code="link_invalid")
    return user


def email_verification_check(*, token: str) -> User:
    """The account a verification token names, if the token is genuine, unexpired and unused.
    Raises a `ValidationError` coded `link_expired`, `link_invalid` or `already_verified`."""
    user = _token_user(token)
    if user.email_verified_at is not None:
        raise ValidationError(
            _("This email is already confirmed. You can sign in."), code="already_verified"
        )
    return user


@transaction.atomic
def email_verify(*, token: str) -> User:
    """Verify the email a token names and activate the account (once). Locks the user row so
    two clicks on the same link activate it once."""
    user = email_verification_check(token=token)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified_at is not None:
        raise ValidationError(
            _("This email is already confirmed. You can sign in."), code="already_verified"
        )
    user.email_verified_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["email_verified_at", "is_active"])
    return user


def account_awaiting_verification(*, email: str) -> User | None:
    """The unverified self-service account of `email`, to send a new link to (None if there
    is none: the caller answers the same either way)."""
    user = account_with_email(email)
    if user is None or user.is_active or user.email_verified_at is not None:
        return None
    return user if user.role in SELF_SERVICE_ROLES else None
