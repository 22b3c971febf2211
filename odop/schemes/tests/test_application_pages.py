"""Pages of scheme applications (issue 14): apply from the calculator, the queue, moving and
attaching on the application's page, the public tracking page, counts; 404 to outsiders."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from odop.schemes.models import Application
from odop.schemes.tests.test_applications import FACTS, PDF, World

pytestmark = pytest.mark.django_db

QUERY = {
    "as_of": "2026-06-01",
    **{k: str(v).lower() if isinstance(v, bool) else v for k, v in FACTS.items()},
}


@pytest.fixture
def world() -> World:
    return World()


def test_apply_from_the_calculator_then_documents_and_moves(world: World, client: Any) -> None:
    client.force_login(world.producer_user)
    apply_url = reverse("schemes:apply", args=["pmfme-individual"])
    page = client.get(apply_url, QUERY)
    assert page.status_code == 200 and "3,50,000" in page.content.decode()
    response = client.post(apply_url, QUERY)
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{application.pk}/")
    detail = reverse("schemes:application", args=[application.pk])
    for kind in ("project_report", "quotation"):
        upload = SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf")
        assert (
            client.post(detail, {"action": "document", "kind": kind, "file": upload}).status_code
            == 302
        )
    assert application.documents.count() == 2
    # The producer may not move it.
    assert client.post(detail, {"action": "approve"}).status_code == 403
    client.force_login(world.district_officer)
    assert "Waiting for you" in client.get(reverse("schemes:applications")).content.decode()
    assert client.post(detail, {"action": "approve", "note": "ok"}).status_code == 302
    application.refresh_from_db()
    assert application.stage == "district_committee"
    track = client.get(reverse("schemes:track", args=[application.number]))
    text = track.content.decode()
    assert track.status_code == 200 and "District level committee" in text
    assert world.producer.name not in text


def test_a_buyer_cannot_apply_and_outsiders_get_404(world: World, client: Any) -> None:
    client.force_login(world.producer_user)
    client.post(reverse("schemes:apply", args=["pmfme-individual"]), QUERY)
    application = Application.objects.get()
    client.force_login(world.buyer)
    assert client.get(reverse("schemes:apply", args=["pmfme-individual"]), QUERY).status_code == 403
    assert client.get(reverse("schemes:application", args=[application.pk])).status_code == 404
    client.force_login(world.other_officer)
    assert client.get(reverse("schemes:application", args=[application.pk])).status_code == 404
    assert (
        client.post(
            reverse("schemes:application", args=[application.pk]), {"action": "approve"}
        ).status_code
        == 404
    )


def test_an_officer_applies_on_behalf_with_consent(world: World, client: Any) -> None:
    client.force_login(world.district_officer)
    url = reverse("schemes:apply", args=["pmfme-individual"])
    refused = client.post(url, {**QUERY, "producer": world.producer.pk})
    assert refused.status_code == 400 and not Application.objects.exists()
    client.post(url, {**QUERY, "producer": world.producer.pk, "consent_reference": "Form 3"})
    assert Application.objects.get().consent_reference == "Form 3"


def test_counts_page_for_officers_only(world: World, client: Any) -> None:
    client.force_login(world.producer_user)
    client.post(reverse("schemes:apply", args=["pmfme-individual"]), QUERY)
    assert client.get(reverse("schemes:application-counts")).status_code == 403
    client.force_login(world.state_officer)
    page = client.get(reverse("schemes:application-counts"))
    assert page.status_code == 200 and world.district.name in page.content.decode()


def test_tracking_page_404_for_a_bad_number(client: Any) -> None:
    assert client.get(reverse("schemes:track", args=["ODOP-APP-2026-000001-0"])).status_code == 404
