"""Pages of training, mounted at /skills/ (namespace "skills").

* /skills/: programmes and the batches not yet over (public).
* /skills/batches/<id>/: a batch; a producer applies there, its officers select applicants
  and issue certificates, its trainer assesses (POST `action`, through
  `odop.core.forms.post_action`: a service's refusal shows on the form, nothing written).
* /skills/batches/<id>/attendance/: the trainer's sheet for one day, made for a phone (plain
  form, no script needed).
* /skills/certificates/<id>/: the printable certificate (A4 print CSS) with its QR code.
* /skills/verify/<number>/: the public check: holder, programme, dates, issuer, and whether
  it was revoked; nothing per visitor, 404 for an unknown number.
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format as date_format_value
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from odop.accounts.models import User, signed_in_user
from odop.core.forms import FormFactory, FormWrite, post_action
from odop.producers.models import Producer
from odop.producers.permissions import access_producer, producer_of
from odop.skills import permissions, selectors, services
from odop.skills.certificate_pdf import (
    CertificatePdfUnavailable,
    CertificateText,
    certificate_pdf,
)
from odop.skills.eligibility import attendance_percent, certificate_refusal
from odop.skills.forms import (
    ApplyForm,
    AssessForm,
    AttendanceForm,
    BatchForm,
    DayForm,
    DecideForm,
    IssueForm,
    ProgrammeForm,
    RevokeForm,
    ToolkitForm,
    in_language,
)
from odop.skills.models import Application, Batch


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def training_view(request: HttpRequest) -> HttpResponse:
    """Programmes, and the batches that have not ended yet; officers add programmes and
    batches here."""
    user = signed_in_user(request.user)
    actions: dict[str, tuple[FormFactory, FormWrite]] = {}
    batch_form = programme_form = None
    if user is not None and permissions.can_manage_programme(user):
        actions["programme"] = (
            lambda data, files: ProgrammeForm(data),
            lambda form: services.programme_create(
                actor=user,
                state=None if user.is_national_admin else user.state,
                **form.cleaned_data,
            ),
        )
        programme_form = ProgrammeForm()
    if user is not None and user.is_officer:
        programmes, districts, trainers = selectors.batch_choices(user=user)

        def batch_form_make(data: Any = None, files: Any = None) -> BatchForm:
            return BatchForm(data, programmes=programmes, districts=districts, trainers=trainers)

        actions["batch"] = (
            batch_form_make,
            lambda form: services.batch_create(actor=user, **form.cleaned_data),
        )
        batch_form = batch_form_make()
    if request.method == "POST":
        if user is None:
            raise Http404
        name, form, result = post_action(request, actions)
        if result is not None:
            messages.success(request, _("Saved."))
            if name == "batch":
                return redirect("skills:batch", pk=result.pk)  # type: ignore[attr-defined]
            return redirect("skills:training")
        if name == "batch":
            batch_form = form  # type: ignore[assignment]
        else:
            programme_form = form  # type: ignore[assignment]
    return render(
        request,
        "skills/training.html",
        {
            "programmes": [
                (programme, in_language(en=programme.name, hi=programme.name_hi))
                for programme in selectors.programme_list(user=request.user)
            ],
            "batches": selectors.batch_list(user=request.user, since=timezone.localdate()),
            "programme_form": programme_form,
            "batch_form": batch_form,
        },
    )


def _batch_application(user: User, batch: Batch, form_data: dict[str, Any]) -> Application:
    """The application named in a form, of this batch and visible to `user` (else 404)."""
    application = permissions.access_application(user, form_data["application"])
    if application.batch_id != batch.pk:
        raise Http404
    return application


def _apply(user: User, batch: Batch, data: dict[str, Any]) -> Application:
    producer: Producer = access_producer(user, data["producer"])
    if not permissions.can_apply_for(user, producer):
        raise Http404
    return services.application_submit(
        actor=user,
        batch=batch,
        producer=producer,
        member=selectors.producer_member(producer=producer, member_id=data.get("member")),
        applicant_name=data["applicant_name"],
        age=data["age"],
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def batch_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch: its public facts, and each person's work on it."""
    batch = permissions.access_batch(request.user, pk)
    user = signed_in_user(request.user)
    own_producer = producer_of(request.user)
    may_select = permissions.can_select_applicants(request.user, batch)
    may_run = permissions.can_run_batch(request.user, batch)
    may_apply = own_producer is not None or may_select
    actions: dict[str, tuple[FormFactory, FormWrite]] = {}
    if user is not None and may_apply:
        actions["apply"] = (
            lambda data, files: ApplyForm(
                data, producer_id=own_producer.pk if own_producer else None
            ),
            lambda form: _apply(user, batch, form.cleaned_data),
        )
    if user is not None and may_select:
        actions["decide"] = (
            lambda data, files: DecideForm(data),
            lambda form: services.application_decide(
                actor=user,
                application=_batch_application(user, batch, form.cleaned_data),
                status=form.cleaned_data["status"],
            ),
        )
        actions["issue"] = (
            lambda data, files: IssueForm(data),
            lambda form: services.certificates_issue(actor=user, batch=batch),
        )
    if user is not None and (may_select or may_run) and batch.programme.toolkit:
        actions["toolkit"] = (
            lambda data, files: ToolkitForm(data),
            lambda form: services.toolkit_issue(
                actor=user,
                application=_batch_application(user, batch, form.cleaned_data),
                issued_on=form.cleaned_data["issued_on"],
                items=form.cleaned_data["items"],
            ),
        )
    if user is not None and may_run:
        actions["assess"] = (
            lambda data, files: AssessForm(data),
            lambda form: services.assessment_record(
                actor=user,
                application=_batch_application(user, batch, form.cleaned_data),
                score=form.cleaned_data["score"],
            ),
        )
    forms_shown: dict[str, Any] = {}
    if request.method == "POST":
        if user is None:
            raise Http404
        name, form, result = post_action(request, actions)
        if result is not None:
            if name == "issue":
                messages.success(
                    request,
                    _("%(count)d certificates issued.") % {"count": len(result)},  # type: ignore[arg-type]
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("skills:batch", pk=batch.pk)
        forms_shown[name] = form
    apply_form = forms_shown.get("apply") or ApplyForm(
        producer_id=own_producer.pk if own_producer else None
    )
    applications = (
        permissions.applications_visible_to(request.user)
        .filter(batch=batch)
        .select_related("certificate", "toolkit_issue")
        .order_by("created_at", "pk")
    )
    programme = batch.programme
    outcomes = []
    if may_select or may_run:
        for application, outcome in selectors.batch_outcomes(batch=batch):
            refusal = certificate_refusal(
                outcome,
                pass_mark=programme.pass_mark,
                attendance_required_percent=programme.attendance_required_percent,
            )
            outcomes.append((application, attendance_percent(outcome), refusal))
    return render(
        request,
        "skills/batch.html",
        {
            "batch": batch,
            "programme_name": in_language(en=programme.name, hi=programme.name_hi),
            "applications": applications,
            "outcomes": outcomes,
            "may_apply": may_apply and user is not None,
            "may_select": may_select,
            "may_run": may_run,
            "apply_form": apply_form,
            "failed": forms_shown,
            "today": timezone.localdate(),
            "seats_taken": batch.applications.filter(status="selected").count(),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The trainer's sheet for one day (today by default, `?day=` another day of the batch)."""
    batch = permissions.access_batch(request.user, pk)
    if not permissions.can_run_batch(request.user, batch):
        raise Http404  # the sheet names the trainees: only the batch's trainer opens it
    user = signed_in_user(request.user)
    assert user is not None  # login_required
    today = timezone.localdate()
    day_form = DayForm(request.GET or None)
    day = (
        day_form.cleaned_data["day"]
        if day_form.is_valid()
        else min(max(today, batch.start_date), batch.end_date)
    )
    if request.method == "POST":
        posted_day = DayForm(request.POST)
        if posted_day.is_valid():
            day = posted_day.cleaned_data["day"]
    sheet = selectors.attendance_sheet(batch=batch, day=day)
    form = AttendanceForm(request.POST or None, sheet=sheet, day=day)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_mark(
                actor=user,
                batch=batch,
                day=form.cleaned_data["day"],
                present_ids=form.cleaned_data["present"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Attendance saved for %(count)d trainees.") % {"count": count}
            )
            return redirect(f"{request.path}?day={day.isoformat()}")
    days = [batch.start_date + dt.timedelta(days=offset) for offset in range(batch.days)]
    return render(
        request,
        "skills/attendance.html",
        {
            "batch": batch,
            "programme_name": in_language(en=batch.programme.name, hi=batch.programme.name_hi),
            "day": day,
            "days": [each for each in days if each <= today],
            "sheet": sheet,
            "marked": any(row.present is not None for row in sheet),
            "form": form,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def certificate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable certificate with its QR code; its issuer may revoke it here."""
    certificate = permissions.access_certificate(request.user, pk)
    user = signed_in_user(request.user)
    assert user is not None  # login_required
    may_revoke = permissions.can_revoke_certificate(user, certificate)
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        if not may_revoke:
            raise Http404
        if form.is_valid():
            try:
                services.certificate_revoke(
                    actor=user, certificate=certificate, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The certificate is revoked."))
                return redirect("skills:certificate", pk=certificate.pk)
    return render(
        request,
        "skills/certificate.html",
        _certificate_context(request, certificate) | {"form": form, "may_revoke": may_revoke},
    )


def _certificate_context(request: HttpRequest, certificate: Any) -> dict[str, Any]:
    from django.urls import reverse

    url = request.build_absolute_uri(
        reverse("skills:verify", kwargs={"number": certificate.number})
    )
    return {
        "certificate": certificate,
        "programme_name": in_language(
            en=certificate.programme_name, hi=certificate.programme_name_hi
        ),
        "verify_url": url,
        "qr_svg": selectors.certificate_qr_svg(url=url),
    }


@never_cache
@login_required
@require_safe
def certificate_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as an A4 PDF in the page's language (the same gate as its page)."""
    certificate = permissions.access_certificate(request.user, pk)
    context = _certificate_context(request, certificate)
    date_format = "SHORT_DATE_FORMAT"
    text = CertificateText(
        title=_("Certificate of training"),
        certify=_("This is to certify that"),
        holder=certificate.holder_name,
        completed=_("completed %(programme)s from %(start)s to %(end)s.")
        % {
            "programme": context["programme_name"],
            "start": date_format_value(certificate.start_date, date_format),
            "end": date_format_value(certificate.end_date, date_format),
        },
        issued=f"{_('Issued by')} {certificate.issuer}, "
        f"{date_format_value(certificate.issued_on, date_format)}",
        number_label=_("Certificate number"),
        number=certificate.number,
        check_label=_("Check it at"),
        verify_url=context["verify_url"],
        revoked=_("This certificate has been revoked.") if certificate.is_revoked else "",
    )
    try:
        body = certificate_pdf(text)
    except CertificatePdfUnavailable as error:
        raise Http404 from error  # no fonts on this server: the printable page remains
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    return response


@require_safe
def verify_view(request: HttpRequest, number: str) -> HttpResponse:
    """The public check of a certificate: the same for every visitor (holder, programme,
    dates, issuer, revoked or not); 404 for a number that is not a certificate's."""
    certificate = permissions.access_certificate_public(number)
    return render(
        request,
        "skills/verify.html",
        {
            "certificate": certificate,
            "programme_name": in_language(
                en=certificate.programme_name, hi=certificate.programme_name_hi
            ),
        },
    )
