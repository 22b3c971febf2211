"""Pages of accounts (issue 12): sign-in, a buyer's sign-up, email verification, a new link,
and password reset by email (Django's views with the platform's templates and a throttle).

Thin: the forms validate, `odop.accounts.signup` creates and activates accounts, and
`odop.accounts.throttle` refuses floods (429)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from odop.accounts.forms import BuyerSignupForm, EmailForm, LoginForm
from odop.accounts.links import signup_email_send, verification_link
from odop.accounts.models import Role
from odop.accounts.signup import (
    account_awaiting_verification,
    account_register,
    email_verification_check,
    email_verification_send,
    email_verify,
)
from odop.accounts.throttle import throttled, throttled_response


class LoginView(auth_views.LoginView):
    """Sign in; lands on "My work" (`LOGIN_REDIRECT_URL`) unless `next` says otherwise."""

    template_name = "accounts/login.html"
    form_class = LoginForm


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup_view(request: HttpRequest) -> HttpResponse:
    """A buyer signs up; the account works once the emailed link is opened."""
    if request.method == "POST" and throttled(request, group="signup"):
        return throttled_response(request)
    form = BuyerSignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = account_register(
                    email=data["email"],
                    password=data["password"],
                    name=data["name"],
                    role=Role.BUYER,
                    organisation=data["organisation"],
                    country=data["country"],
                )
                signup_email_send(request, user=user, email=data["email"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("accounts:signup-sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "HEAD"])
def signup_sent_view(request: HttpRequest) -> HttpResponse:
    """ "Check your email", with a form to ask for a new link."""
    return render(request, "accounts/signup_sent.html", {"form": EmailForm()})


@never_cache
@require_POST
def verify_resend_view(request: HttpRequest) -> HttpResponse:
    """Send a new verification link. The answer is the same whether or not an account awaits
    confirmation at that address (nobody learns who has an account)."""
    if throttled(request, group="verify-resend"):
        return throttled_response(request)
    form = EmailForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/signup_sent.html", {"form": form}, status=400)
    user = account_awaiting_verification(email=form.cleaned_data["email"])
    if user is not None:
        try:
            email_verification_send(user=user, link=verification_link(request, user=user))
        except OSError:  # the mail server refused: say so rather than fail the page
            form.add_error(None, _("We could not send the email just now. Please try again later."))
            return render(request, "accounts/signup_sent.html", {"form": form}, status=503)
    messages.success(
        request,
        _("If an account at this address awaits confirmation, a new link is on its way."),
    )
    return redirect("accounts:signup-sent")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email. GET asks to confirm (mail scanners that open links change
    nothing); POST activates the account and sends the person to sign in."""
    try:
        if request.method == "POST":
            email_verify(token=token)
        else:
            user = email_verification_check(token=token)
    except ValidationError as error:
        code = error.code
        if code == "already_verified":
            messages.info(request, error.messages[0])
            return redirect("accounts:login")
        return render(
            request,
            "accounts/verify.html",
            {"error": error.messages[0], "form": EmailForm()},
            status=400,
        )
    if request.method == "POST":
        messages.success(request, _("Your email is confirmed. Sign in to start."))
        return redirect("accounts:login")
    return render(request, "accounts/verify.html", {"account": user})


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by email (Django's: nothing tells whether the address has an
    account), throttled per address and per email."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if throttled(request, group="password-reset"):
            return throttled_response(request)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
