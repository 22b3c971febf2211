"""The emails of a sign-up, with links built from the request (its host and language), shared by
the buyer's sign-up here and the producer's in `odop.producers.signup` (issue 12)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.accounts.signup import (
    account_exists_notify,
    email_verification_send,
    email_verification_token,
)


def verification_link(request: HttpRequest, *, user: User) -> str:
    """The absolute verification link of `user`, in the language of the current page."""
    token = email_verification_token(user=user)
    return request.build_absolute_uri(reverse("accounts:verify", kwargs={"token": token}))


def signup_email_send(request: HttpRequest, *, user: User | None, email: str) -> None:
    """After a sign-up: the new account gets its verification link; an email that already had
    an account gets a note with a password-reset link instead (the form answers the same).

    Call it inside the sign-up's transaction: when the mail server refuses, it raises a
    `ValidationError` coded `mail_failed`, so the account is not kept without its link."""
    try:
        if user is None:
            account_exists_notify(
                email=email,
                reset_link=request.build_absolute_uri(reverse("accounts:password-reset")),
            )
        else:
            email_verification_send(user=user, link=verification_link(request, user=user))
    except OSError as error:  # smtplib's errors are OSErrors; the caller's transaction rolls back
        raise ValidationError(
            _("We could not send the email just now. Nothing was saved; please try again later."),
            code="mail_failed",
        ) from error
