"""The scheme application of the demo (`make run`): the demo producer's application to the UP
ODOP margin money scheme, eligible under the published rules, waits at its first stage in the
demo district officer's "My work" with the documents that stage asks for; a second run makes
nothing."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.utils import translation
from pypdf import PdfReader

from odop.accounts.models import Role, User
from odop.accounts.services import demo_accounts_add
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.demo import bazaar_demo_ensure
from odop.geography.models import District
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory
from odop.schemes import documents, stages
from odop.schemes.demo import DEMO_SCHEME, demo_pdf, schemes_demo_ensure
from odop.schemes.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationEventKind,
    ApplicationStatus,
)
from odop.schemes.permissions import can_move_application
from odop.schemes.producer_sections import application_rows
from odop.schemes.selectors import application_queue
from odop.schemes.services import application_move
from odop.schemes.tests.factories import shipped_schemes_loaded
from odop.workspace.selectors import workspace_blocks

pytestmark = pytest.mark.django_db


def _demo_world(tmp_path: Path, *, schemes: bool = True) -> District:
    """Moradabad in Uttar Pradesh with its metal craft, the demo national admin and district
    officer (as `odop.platform.demo` plans them) and the bazaar's demo sellers; the shipped
    schemes when `schemes`."""
    state = shipped_schemes_loaded() if schemes else StateFactory.create(lgd_code=9)
    moradabad = DistrictFactory.create(
        lgd_code=150, name="Moradabad", name_lgd="MORADABAD", state=state
    )
    DistrictProductFactory.create(
        district=moradabad,
        product_type=ProductTypeFactory.create(name="Moradabad Metal Craft"),
        name="Moradabad Metal Craft",
    )
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=tmp_path / "demo.json"):
        demo_accounts_add(
            plan=[
                ("demo-national", Role.NATIONAL_ADMIN, None, None),
                ("demo-district", Role.DISTRICT_OFFICER, None, moradabad),
            ]
        )
        bazaar_demo_ensure()
    return moradabad


def _counts() -> tuple[int, int, int]:
    return (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        ApplicationDocument.objects.count(),
    )


def test_the_demo_application_waits_for_the_district_officer_with_its_documents(
    tmp_path: Path,
) -> None:
    # given
    moradabad = _demo_world(tmp_path)
    officer = User.objects.get(username="demo-district")
    producer_user = User.objects.get(username="demo-producer")

    # when
    made = schemes_demo_ensure(district=moradabad)

    # then: one application of the demo producer of the demo district, eligible, at stage one
    application = Application.objects.get()
    assert made == application
    assert application.scheme.code == DEMO_SCHEME
    assert application.producer.user == producer_user
    assert application.district == moradabad == application.producer.district
    assert application.scheme.state == moradabad.state
    assert application.eligible is True
    # The scheme's first tier: 25% of a ten-lakh project (its golden case "ten lakh").
    assert application.benefit == Decimal("250000.00")
    first = stages.stages_for(DEMO_SCHEME)[0]
    assert first.owner == Role.DISTRICT_OFFICER
    assert (application.stage, application.status) == (first.code, ApplicationStatus.IN_PROGRESS)
    assert sorted(application.documents.values_list("kind", flat=True)) == sorted(first.documents)
    assert set(application.documents.values_list("content_type", flat=True)) == {"application/pdf"}
    assert list(application.events.order_by("pk").values_list("kind", flat=True)) == [
        ApplicationEventKind.SUBMITTED,
        *[ApplicationEventKind.DOCUMENT] * len(first.documents),
    ]

    # then: it is in the demo district officer's "My work", and theirs to move
    assert list(application_queue(user=officer)) == [application]
    block = {block.key: block for block in workspace_blocks(user=officer)}["applications"]
    assert [row.label for row in block.rows] == [application.number]
    assert can_move_application(officer, application) is True
    mine = {block.key: block for block in workspace_blocks(user=producer_user)}["applications"]
    assert [link.count for link in mine.links] == [1]


def test_the_district_officer_can_move_the_demo_application_on(tmp_path: Path) -> None:
    """The attached documents are the ones the first stage needs to be left."""
    moradabad = _demo_world(tmp_path)
    application = schemes_demo_ensure(district=moradabad)
    assert application is not None

    moved = application_move(
        user=User.objects.get(username="demo-district"), application=application, approve=True
    )

    assert moved.stage == stages.stages_for(DEMO_SCHEME)[1].code


def test_a_second_run_makes_nothing_even_after_the_officer_moved_it(tmp_path: Path) -> None:
    # given
    moradabad = _demo_world(tmp_path)
    first = schemes_demo_ensure(district=moradabad)
    assert first is not None
    before = _counts()

    # when / then: a second run changes nothing
    assert schemes_demo_ensure(district=moradabad) == first
    assert _counts() == before

    # when / then: the officer refused it; seeding again does not apply anew
    application_move(
        user=User.objects.get(username="demo-district"),
        application=first,
        approve=False,
        note="Demo refusal.",
    )
    moved = _counts()
    assert schemes_demo_ensure(district=moradabad) == first
    assert _counts() == moved
    assert Application.objects.get().status == ApplicationStatus.REJECTED


def test_without_the_shipped_schemes_nothing_is_made(tmp_path: Path) -> None:
    moradabad = _demo_world(tmp_path, schemes=False)

    assert schemes_demo_ensure(district=moradabad) is None
    assert Application.objects.exists() is False


def test_no_application_outside_the_producer_s_district_or_the_scheme_s_state(
    tmp_path: Path,
) -> None:
    moradabad = _demo_world(tmp_path)
    elsewhere = DistrictFactory.create(state=moradabad.state)

    assert schemes_demo_ensure(district=None) is None
    assert schemes_demo_ensure(district=elsewhere) is None
    # The demo producer's district moved out of Uttar Pradesh: the UP scheme is not theirs.
    moradabad.state = StateFactory.create(lgd_code=10)
    moradabad.save()
    assert schemes_demo_ensure(district=moradabad) is None
    assert Application.objects.exists() is False


def test_the_demo_pdf_is_accepted_and_reads_back_as_its_title() -> None:
    title = "Demo document, not a real one: Quotation (machinery)"
    pdf = demo_pdf(title)

    assert documents.document_content_type(pdf[:16]) == "application/pdf"
    assert documents.document_size_ok(len(pdf))
    [page] = PdfReader(io.BytesIO(pdf)).pages
    assert page.extract_text().strip() == title


def test_the_producer_360_page_lists_the_demo_application_through_the_gate(
    tmp_path: Path,
) -> None:
    # given
    moradabad = _demo_world(tmp_path)
    application = schemes_demo_ensure(district=moradabad)
    assert application is not None
    producer = application.producer
    officer = User.objects.get(username="demo-district")

    # when
    (row,) = application_rows(officer, producer)

    # then: the officer of the district and the producer see it; a buyer, a far officer not
    assert row["number"] == application.number
    assert row["stage"] == stages.stages_for(DEMO_SCHEME)[0].en
    assert row["benefit"] == "250000.00"
    assert len(application_rows(producer.user, producer)) == 1
    assert application_rows(UserFactory.create(role=Role.BUYER), producer) == []
    far = UserFactory.create(role=Role.DISTRICT_OFFICER, district=DistrictFactory.create())
    assert application_rows(far, producer) == []
    client = Client()
    client.force_login(officer)
    page = client.get(f"/producers/{producer.pk}/")
    assert page.status_code == 200
    assert "Scheme applications" in page.text and application.number in page.text
    with translation.override("hi"):
        (hindi,) = application_rows(officer, producer)
    assert hindi["stage"] == stages.stages_for(DEMO_SCHEME)[0].hi
    assert hindi["scheme"] == application.scheme.name_hi
