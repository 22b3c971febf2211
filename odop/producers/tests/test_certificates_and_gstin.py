"""Issue 12, item 11: an expired certificate is refused when entered and marked "expired"
where it is shown; a GSTIN whose State code contradicts the producer's district's State is
refused by the producers service, so the form, the API and the bulk upload all refuse it."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.errors import error_code
from odop.core.identifiers import gstin_check_character
from odop.core.tabular import table_from_csv_bytes
from odop.producers import bulk, services
from odop.producers.models import Certification, CertificationKind, Producer

pytestmark = pytest.mark.django_db


def _gstin(state_code: str) -> str:
    """A GSTIN with a right check character, registered in the State of `state_code`."""
    payload = f"{state_code}AAGCS1234K1Z"
    return payload + gstin_check_character(payload)


MAHARASHTRA = _gstin("27")
BIHAR = _gstin("10")


def test_an_expired_certificate_is_refused(world: SimpleNamespace) -> None:
    """issue 12: a certificate that expired in 2020 was accepted."""
    with pytest.raises(ValidationError) as error:
        services.certification_add(
            actor=world.seller,
            producer=world.producer,
            kind=CertificationKind.SILK_MARK,
            number="ISO-2020-1",
            valid_until=dt.date(2020, 3, 31),
        )
    assert error_code(error.value) == "certificate_expired"
    assert "valid_until" in error.value.message_dict
    assert Certification.objects.exists() is False
    today = services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.SILK_MARK,
        number="ISO-2026-1",
        valid_until=timezone.localdate(),
    )
    assert today.is_expired is False


def test_an_expired_certificate_already_recorded_is_marked_expired(
    world: SimpleNamespace,
) -> None:
    """issue 12: existing expired certificates were shown without an "expired" mark."""
    # given one certificate recorded before the rule (rows written directly), one valid
    for number, until in (("OLD-1", dt.date(2020, 3, 31)), ("NEW-1", dt.date(2099, 1, 1))):
        Certification.objects.create(
            producer=world.producer,
            kind=CertificationKind.SILK_MARK,
            number=number,
            valid_until=until,
        )
    client = Client()
    client.force_login(world.seller)
    for url in ("/bazaar/sell/", f"/producers/{world.producer.pk}/"):
        html = client.get(url).content.decode()
        old = re.search(r"<li>[^<]*OLD-1.*?</li>", html)
        new = re.search(r"<li>[^<]*NEW-1.*?</li>", html)
        assert old is not None and new is not None, url
        assert 'class="badge badge-expired">expired<' in old.group(), url
        assert "expired" not in new.group(), url


def test_a_gstin_of_another_state_is_refused_on_registration(world: SimpleNamespace) -> None:
    """issue 12: a "27" (Maharashtra) GSTIN was accepted for a producer in another State."""
    with pytest.raises(ValidationError) as error:
        services.producer_register(
            actor=world.officer,
            district=world.patna,
            name="Patna Brass",
            kind="artisan",
            pin_code="800001",
            consent_note="Signed form",
            gstin=MAHARASHTRA,
        )
    assert error_code(error.value) == "gstin_state_mismatch"
    assert "Bihar" in " ".join(error.value.message_dict["gstin"])
    assert Producer.objects.filter(name="Patna Brass").exists() is False
    fine = services.producer_register(
        actor=world.officer,
        district=world.patna,
        name="Patna Brass",
        kind="artisan",
        pin_code="800001",
        consent_note="Signed form",
        gstin=BIHAR,
    )
    assert fine.gstin == BIHAR


def test_a_gstin_of_another_state_is_refused_on_update(world: SimpleNamespace) -> None:
    """issue 12: the same rule when a producer's details change."""
    with pytest.raises(ValidationError) as error:
        services.producer_update(actor=world.seller, producer=world.producer, gstin=MAHARASHTRA)
    assert error_code(error.value) == "gstin_state_mismatch"
    assert Producer.objects.get(pk=world.producer.pk).gstin == "10AAPFU0939F1ZA"


def test_the_api_refuses_a_gstin_of_another_state(world: SimpleNamespace) -> None:
    """issue 12: the API registers through the same service."""
    client = APIClient()
    client.force_authenticate(UserFactory.create(role=Role.PRODUCER))
    response = client.post(
        "/api/v1/bazaar/producers/",
        {
            "district": world.patna.lgd_code,
            "name": "Sikki Studio",
            "kind": "artisan",
            "pin_code": "800001",
            "gstin": MAHARASHTRA,
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["codes"]["gstin"] == ["gstin_state_mismatch"]


def test_the_bulk_upload_names_the_row_with_a_gstin_of_another_state(
    world: SimpleNamespace,
) -> None:
    """issue 12: the bulk upload refuses it before writing anything, naming the row."""
    csv = (
        "name,kind,state,district,pin_code,consent_note,gstin\n"
        f"Tikuli Art Group,SHG,Bihar,Patna,800001,Gram sabha register,{BIHAR}\n"
        f"Madhubani Weavers,SHG,Bihar,Patna,800001,Signed form,{MAHARASHTRA}\n"
    )
    with pytest.raises(ValidationError) as error:
        bulk.producers_import(
            actor=world.officer, table=table_from_csv_bytes(csv.encode(), name="list.csv")
        )
    assert [item.code for item in error.value.error_list] == ["gstin_state_mismatch"]
    assert error.value.error_list[0].message.startswith("Row 3, gstin:")
    assert Producer.objects.count() == 1
