"""The consents page, /notifications/consents/: a signed-in person sees the channels they
agreed to (and the history of withdrawn ones), agrees to another, or withdraws one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import User
from odop.notifications import selectors, services
from odop.notifications.forms import ConsentGiveForm
from odop.notifications.permissions import access_consent

SIGN_UP_SOURCE = "consents page (self-service)"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consents_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = ConsentGiveForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withdraw":
            try:
                consent_id = int(request.POST.get("consent", ""))
            except ValueError:
                consent_id = 0
            consent = access_consent(user, consent_id)
            try:
                services.consent_withdraw(user=user, consent=consent)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Consent withdrawn. Nothing more goes there."))
            return redirect("notifications:consents")
        form = ConsentGiveForm(request.POST)
        if form.is_valid():
            try:
                services.consent_give(
                    user=user,
                    channel=form.cleaned_data["channel"],
                    address=form.cleaned_data["address"],
                    source=SIGN_UP_SOURCE,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Consent recorded."))
                return redirect("notifications:consents")
    return render(
        request,
        "notifications/consents.html",
        {
            "form": form,
            "consents": selectors.consent_list(user=user),
            "logs": selectors.notification_log_list(user=user, limit=20)
            if not user.is_national_admin
            else [],
        },
    )
