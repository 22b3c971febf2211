"""Training in Debian's Chromium on a 360 px phone (issue 15, "Done when"): a trainer marks
today's attendance and scores the trainees, the district officer issues the certificates and
revokes one, and the public QR check verifies the other and says the revoked one is revoked.
axe-core finds nothing on any page, and none is wider than the screen."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from odop.core.tests.browser_support import checked, phone_context, signed_in
from odop.skills import services
from odop.skills.models import Attendance, Certificate
from odop.skills.tests.factories import ApplicationFactory, BatchFactory, ProgrammeFactory, cast

pytestmark = pytest.mark.browser


def test_attendance_certificates_and_the_qr_check_on_a_phone(
    browser: Browser, phone: BrowserContext, live_server: LiveServer
) -> None:
    # given a two-day batch ending today, two selected trainees, yesterday marked already
    people = cast()
    today = timezone.localdate()
    batch = BatchFactory.create(
        programme=ProgrammeFactory.create(name="Brassware skill training", duration_days=2),
        district=people.district,
        trainer=people.trainer,
        start_date=today - dt.timedelta(days=1),
        end_date=today,
    )
    asha, ravi = (
        ApplicationFactory.create(batch=batch, applicant_name=name, status="selected")
        for name in ("Asha Devi", "Ravi Kumar")
    )
    services.attendance_mark(
        actor=people.trainer, batch=batch, day=batch.start_date, present_ids=[asha.pk, ravi.pk]
    )
    base = live_server.url

    # the trainer opens today's sheet from "My work" and saves it (everyone ticked)
    page = signed_in(phone, base, people.trainer.username)
    checked(page)
    page.get_by_role("link", name="Brassware skill training").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance on")
    expect(page.get_by_role("checkbox", name="Asha Devi")).to_be_checked()
    checked(page)
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved for 2 trainees.")).to_be_visible()
    assert Attendance.objects.filter(day=today, present=True).count() == 2

    # ... and scores both on the batch page
    page.goto(f"{base}/skills/batches/{batch.pk}/")
    checked(page)
    for trainee, score in ((asha, "72"), (ravi, "65")):
        page.locator(f"#score-{trainee.pk}").fill(score)
        page.locator(f"#score-{trainee.pk}").press("Enter")
        expect(page.get_by_text("Saved.")).to_be_visible()

    # the district officer issues the certificates (another phone)
    officer_context = phone_context(browser)
    officer = signed_in(officer_context, base, people.district_officer.username)
    officer.goto(f"{base}/skills/")  # the list with the forms to plan batches
    officer.get_by_text("Plan a batch").click()
    checked(officer)
    officer.goto(f"{base}/skills/batches/{batch.pk}/")
    officer.get_by_role("button", name="Issue certificates").click()
    expect(officer.get_by_text("2 certificates issued.")).to_be_visible()
    checked(officer)
    asha_certificate = Certificate.objects.get(application=asha)
    ravi_certificate = Certificate.objects.get(application=ravi)

    # the printable certificate carries the QR code of its public check
    officer.get_by_role("link", name=f"Certificate {asha_certificate.number}").click()
    expect(officer.get_by_role("img", name="QR code of the certificate check")).to_be_visible()
    checked(officer)

    # Ravi's is revoked, with a reason
    officer.goto(f"{base}/skills/certificates/{ravi_certificate.pk}/")
    officer.get_by_label("Reason for revoking").fill("Attendance sheet was signed by someone else")
    officer.get_by_role("button", name="Revoke the certificate").click()
    expect(officer.get_by_text("The certificate is revoked.")).to_be_visible()
    checked(officer)
    officer_context.close()

    # anyone scanning the QR code: Asha's is valid, Ravi's says revoked
    public = phone_context(browser).new_page()
    public.goto(f"{base}/skills/verify/{asha_certificate.number}/")
    expect(public.locator(".verdict-valid")).to_be_visible()
    expect(public.get_by_text("Asha Devi")).to_be_visible()
    checked(public)
    public.goto(f"{base}/skills/verify/{ravi_certificate.number}/")
    expect(public.locator(".verdict-revoked")).to_contain_text("Revoked on")
    expect(public.locator(".verdict-valid")).to_have_count(0)
    checked(public)
    public.goto(f"{base}/hi/skills/verify/{ravi_certificate.number}/")  # the Hindi page
    expect(public.locator(".verdict-revoked")).to_be_visible()
    checked(public)
    public.context.close()
