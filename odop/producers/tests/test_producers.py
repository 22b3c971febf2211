"""The producer registry (issue 11): duplicates refused, bank details masked, members of
collectives, products of the district, merging with history, bulk registration checked whole,
the producer 360 page and API with the role matrix."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.tests.factories import ListingFactory
from odop.core.tabular import table_from_csv_bytes
from odop.exports.tests.factories import ExporterCandidateFactory
from odop.geography.tests.factories import DistrictAliasFactory
from odop.producers import bulk, services
from odop.producers.models import (
    Certification,
    ContactReveal,
    Producer,
    ProducerEvent,
    ProducerMember,
)
from odop.producers.tests.factories import ProducerFactory
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db

GOOD_GSTIN = "10AAGCS1234K1ZQ"
BAD_GSTIN = "10AAGCS1234K1ZR"  # wrong check character


def _register(world: SimpleNamespace, actor_key: str = "district_officer_own", **fields: str):
    return services.producer_register(
        actor=world.users[actor_key],
        district=world.patna,
        name=fields.pop("name", "Madhubani Art Cooperative"),
        kind=fields.pop("kind", "cooperative"),
        pin_code="800001",
        consent_note="Signed form kept at the DIC",
        **fields,
    )


# ---------------------------------------------------------------- duplicates


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("gstin", "10AAPFU0939F1ZA"),
        ("phone", "+91-{phone}"),
    ],
)
def test_a_duplicate_is_refused_naming_the_existing_record_to_its_officer(world, field, value):
    value = value.format(phone=world.producer.phone.replace("+91", "").replace(" ", ""))

    with pytest.raises(ValidationError) as error:
        _register(world, **{field: value})

    problem = error.value.error_dict[field][0]
    assert problem.code == "duplicate_producer"
    assert "Patna Sikki Grass Collective" in problem.messages[0]
    assert Producer.objects.count() == 1


def test_a_duplicate_is_refused_without_the_name_to_a_producer(world):
    newcomer = UserFactory.create(role=Role.PRODUCER)

    with pytest.raises(ValidationError) as error:
        services.producer_register(
            actor=newcomer,
            district=world.patna,
            name="Copycat",
            kind="artisan",
            pin_code="800001",
            gstin="10AAPFU0939F1ZA",
        )

    problem = error.value.error_dict["gstin"][0]
    assert problem.code == "duplicate_producer"
    assert "Patna Sikki" not in problem.messages[0]


def test_udyam_and_iec_duplicates_are_refused(world):
    ProducerFactory.create(district=world.patna, udyam_number="UDYAM-BR-26-0000001")
    ProducerFactory.create(district=world.patna, iec="AAPFU0939F")

    with pytest.raises(ValidationError) as error:
        _register(world, udyam_number="udyam-br-26-0000001", iec="AAPFU0939F")

    assert sorted(error.value.error_dict) == ["iec", "udyam_number"]


# ---------------------------------------------------------------- bank, members, products


def test_bank_details_keep_only_the_last_four_digits(world):
    services.producer_bank_set(
        actor=world.seller,
        producer=world.producer,
        ifsc="sbin0001234",
        account_number="3012 3456 7890",
        holder="Sikki Collective",
    )

    world.producer.refresh_from_db()
    assert (world.producer.bank_ifsc, world.producer.bank_account_last_four) == (
        "SBIN0001234",
        "7890",
    )
    assert world.producer.bank_account_hash == services.bank_account_hash("301234567890")
    stored = [str(value) for value in Producer.objects.values_list().get(pk=world.producer.pk)]
    assert not any("301234567890" in value for value in stored)
    history = world.producer.history.first()
    assert history is not None and not hasattr(history, "bank_account_hash")


@pytest.mark.parametrize(
    ("ifsc", "account", "field", "code"),
    [
        ("SBIN1001234", "301234567890", "bank_ifsc", "invalid_ifsc"),  # fifth character not 0
        ("SBI00001234", "301234567890", "bank_ifsc", "invalid_ifsc"),
        ("SBIN0001234", "12345678", "account_number", "invalid_bank_account"),
        ("SBIN0001234", "30123456789A", "account_number", "invalid_bank_account"),
    ],
)
def test_bank_details_are_checked(world, ifsc, account, field, code):
    with pytest.raises(ValidationError) as error:
        services.producer_bank_set(
            actor=world.seller,
            producer=world.producer,
            ifsc=ifsc,
            account_number=account,
            holder="X",
        )

    assert error.value.error_dict[field][0].code == code


def test_members_keep_only_the_last_four_digits_of_aadhaar(world):
    member = services.producer_member_add(
        actor=world.officer,
        producer=world.producer,
        name="Sunita Devi",
        gender="female",
        social_category="sc",
        role="president",
        aadhaar="2345 6789 0124",
    )

    assert ProducerMember.objects.values_list("aadhaar_last_four", flat=True).get() == "0124"
    assert member.history.count() == 1


def test_only_a_collective_has_members(world):
    artisan = ProducerFactory.create(district=world.patna, kind="artisan")

    with pytest.raises(ValidationError) as error:
        services.producer_member_add(actor=world.officer, producer=artisan, name="A", gender="male")

    assert error.value.code == "not_collective"


def test_products_are_of_the_producers_district(world):
    own = DistrictProductFactory.create(district=world.patna)
    other = DistrictProductFactory.create(district=world.bhagalpur)

    with pytest.raises(ValidationError) as error:
        services.producer_products_set(
            actor=world.officer, producer=world.producer, products=[own, other]
        )
    assert error.value.error_dict["products"][0].code == "product_other_district"

    services.producer_products_set(actor=world.officer, producer=world.producer, products=[own])
    assert list(world.producer.products.all()) == [own]


# ---------------------------------------------------------------- merge


def test_a_national_admin_merges_a_duplicate_with_everything_it_had(world):
    duplicate = ProducerFactory.create(district=world.patna, name="Sikki Collective (again)")
    duplicate.iec = "AAPFU0939F"
    duplicate.save()
    listing = ListingFactory.create(producer=duplicate)
    certificate = Certification.objects.create(
        producer=duplicate, kind="organic", number="N-1", valid_until=dt.date(2030, 1, 1)
    )
    reveal = ContactReveal.objects.create(producer=duplicate, viewer=world.users["buyer"])
    candidate = ExporterCandidateFactory.create(producer=duplicate, district=world.patna)
    admin = world.users["national_admin"]

    survivor = services.producer_merge(
        actor=admin, survivor=world.producer, duplicate=duplicate, note="same GST firm"
    )

    assert Producer.objects.filter(pk=duplicate.pk).exists() is False
    listing.refresh_from_db()
    certificate.refresh_from_db()
    reveal.refresh_from_db()
    candidate.refresh_from_db()
    assert {listing.producer_id, certificate.producer_id, reveal.producer_id} == {survivor.pk}
    assert candidate.producer_id == survivor.pk
    assert survivor.iec == "AAPFU0939F"  # a blank identifier filled from the duplicate
    event = ProducerEvent.objects.get()
    assert (event.producer_id, event.other_producer_id, event.actor_id) == (
        survivor.pk,
        duplicate.pk,
        admin.pk,
    )
    assert listing.history.first().history_change_reason.startswith("merged producer")
    assert Producer.history.filter(id=duplicate.pk, history_type="-").count() == 1


@pytest.mark.parametrize("who", ["district_officer_own", "state_officer_own", "producer_own"])
def test_only_a_national_admin_merges(world, who):
    duplicate = ProducerFactory.create(district=world.patna)

    with pytest.raises(PermissionDenied):
        services.producer_merge(
            actor=world.users[who], survivor=world.producer, duplicate=duplicate
        )

    assert Producer.objects.filter(pk=duplicate.pk).exists() is True


# ---------------------------------------------------------------- bulk registration

HEADER = "name,kind,state,district,pin_code,consent_note,gstin,udyam_number,phone\n"


def _table(body: str, header: str = HEADER):
    return table_from_csv_bytes((header + body).encode(), name="producers.csv")


GOOD_ROWS = (
    f"Tikuli Art Group,SHG,Bihar,patna,800001,Gram sabha register,{GOOD_GSTIN},"
    "UDYAM-BR-26-0000002,9812345670\n"
    "Madhubani Weavers,Cooperative,BIHAR,Patna district,800001,Signed form,,"
    "UDYAM-BR-26-0000003,\n"
)


@pytest.mark.parametrize(
    ("_case", "body", "header", "codes"),
    [
        (
            "a bad GSTIN check character",
            GOOD_ROWS.replace(GOOD_GSTIN, BAD_GSTIN),
            HEADER,
            ["gstin_check_failed"],
        ),
        (
            "a Udyam number twice",
            GOOD_ROWS.replace("0000003", "0000002"),
            HEADER,
            ["duplicate_in_file"],
        ),
        (
            "an unknown district",
            GOOD_ROWS.replace("Patna district", "Atlantis"),
            HEADER,
            ["district_unresolved"],
        ),
        (
            "a missing column",
            GOOD_ROWS.replace(",Gram sabha register", "").replace(",Signed form", ""),
            HEADER.replace(",consent_note", ""),
            ["missing_columns"],
        ),
    ],
)
def test_a_bad_list_is_refused_whole(world, _case, body, header, codes):
    with pytest.raises(ValidationError) as error:
        bulk.producers_import(actor=world.officer, table=_table(body, header))

    assert [item.code for item in error.value.error_list] == codes
    assert Producer.objects.count() == 1  # the world's producer only: nothing written


def test_the_fixed_list_imports_and_again_changes_nothing(world):
    DistrictAliasFactory.create(district=world.patna, name="Patna district")

    first = bulk.producers_import(actor=world.officer, table=_table(GOOD_ROWS))
    second = bulk.producers_import(actor=world.officer, table=_table(GOOD_ROWS))

    assert (first.created, first.unchanged) == (2, 0)
    assert (second.created, second.unchanged) == (0, 2)
    tikuli = Producer.objects.get(name="Tikuli Art Group")
    assert (tikuli.kind, tikuli.district_id, tikuli.onboarded_by_id) == (
        "shg",
        world.patna.pk,
        world.officer.pk,
    )
    assert Producer.history.filter(name="Tikuli Art Group").count() == 1


def test_a_row_outside_the_officers_scope_or_already_registered_elsewhere_is_refused(world):
    body = (
        "Odisha Firm,MSME,Odisha,Baleshwar,756001,Form,,,\n"
        "Sikki Copy,Artisan,Bihar,Patna,800001,Form,10AAPFU0939F1ZA,,\n"
    )

    with pytest.raises(ValidationError) as error:
        bulk.producers_import(actor=world.officer, table=_table(body))

    assert [item.code for item in error.value.error_list] == [
        "out_of_scope",
        "duplicate_producer",
    ]
    assert "Patna Sikki Grass Collective" in error.value.error_list[1].messages[0]


def test_producers_and_buyers_cannot_upload(world):
    with pytest.raises(PermissionDenied):
        bulk.producers_import(actor=world.seller, table=_table(GOOD_ROWS))


# ---------------------------------------------------------------- API and pages


def _api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("who", "status", "sees_note"),
    [
        ("anonymous", 401, None),
        ("buyer", 404, None),
        ("producer_other", 404, None),
        ("district_officer_other", 404, None),
        ("state_officer_other", 404, None),
        ("producer_own", 200, False),
        ("district_officer_own", 200, True),
        ("state_officer_own", 200, True),
        ("national_admin", 200, True),
    ],
)
def test_producer_detail_role_matrix(world, who, status, sees_note):
    ListingFactory.create(producer=world.producer, title="Sikki basket")

    response = _api(world.users[who]).get(f"/api/v1/producers/{world.producer.pk}/")

    assert response.status_code in ({401, 403} if status == 401 else {status})
    if status == 200:
        body = response.json()
        assert (body["officer_note"] is not None) is sees_note
        assert body["gstin"] == "10AAPFU0939F1ZA"
        sections = {section["key"]: section for section in body["sections"]}
        assert [row["title"] for row in sections["listings"]["rows"]] == ["Sikki basket"]
        assert "exporter" in sections


def test_producer_list_shows_the_public_only_verified_producers(world):
    ProducerFactory.create(district=world.patna, name="Pending One")

    public = _api(None).get("/api/v1/producers/").json()
    officer = _api(world.officer).get("/api/v1/producers/").json()

    assert [row["name"] for row in public["results"]] == ["Patna Sikki Grass Collective"]
    assert sorted(row["name"] for row in officer["results"]) == [
        "Patna Sikki Grass Collective",
        "Pending One",
    ]
    assert "gstin" not in public["results"][0]


def test_upload_api_refuses_with_codes_and_then_registers(world):
    DistrictAliasFactory.create(district=world.patna, name="Patna district")
    client = _api(world.officer)
    bad = SimpleUploadedFile(
        "p.csv", (HEADER + GOOD_ROWS.replace(GOOD_GSTIN, BAD_GSTIN)).encode(), "text/csv"
    )
    good = SimpleUploadedFile("p.csv", (HEADER + GOOD_ROWS).encode(), "text/csv")

    refused = client.post("/api/v1/producers/uploads/", {"file": bad}, format="multipart")
    accepted = client.post("/api/v1/producers/uploads/", {"file": good}, format="multipart")

    assert refused.status_code == 400
    assert "gstin_check_failed" in str(refused.json())
    assert accepted.status_code == 201
    assert accepted.json()["created"] == 2


def test_merge_api_is_for_national_admins(world):
    duplicate = ProducerFactory.create(district=world.patna)
    path = f"/api/v1/producers/{world.producer.pk}/merge/"

    refused = _api(world.officer).post(path, {"duplicate": duplicate.pk}, format="json")
    merged = _api(world.users["national_admin"]).post(
        path, {"duplicate": duplicate.pk}, format="json"
    )

    assert refused.status_code == 403
    assert merged.status_code == 200
    assert Producer.objects.filter(pk=duplicate.pk).exists() is False


def test_the_360_page_shows_officers_notes_to_officers_only(world):
    officer, producer = Client(), Client()
    officer.force_login(world.officer)
    producer.force_login(world.seller)
    path = f"/producers/{world.producer.pk}/"

    seen_by_officer = officer.get(path)
    seen_by_producer = producer.get(path)

    assert seen_by_officer.status_code == seen_by_producer.status_code == 200
    assert "Needs a loom" in seen_by_officer.content.decode()
    assert "Needs a loom" not in seen_by_producer.content.decode()
    assert "First-time exporter pipeline" in seen_by_producer.content.decode()


def test_the_360_sections_are_headed_in_the_readers_language(world):
    ListingFactory.create(producer=world.producer, title="Sikki basket")
    client = Client()
    client.force_login(world.seller)

    english = client.get(f"/producers/{world.producer.pk}/").content.decode()
    hindi = client.get(f"/hi/producers/{world.producer.pk}/").content.decode()
    api = _api(world.seller).get(f"/api/v1/producers/{world.producer.pk}/").json()

    assert '<th scope="col">Price (₹)</th>' in english
    assert '<th scope="col">stock</th>' not in english  # a key is never a heading
    assert '<th scope="col">मूल्य (₹)</th>' in hindi
    listings = next(section for section in api["sections"] if section["key"] == "listings")
    assert {"key": "price", "heading": "Price (₹)"} in listings["columns"]
    assert [column["key"] for column in listings["columns"]] == list(listings["rows"][0])


def test_the_upload_page_lists_every_refused_row(world):
    client = Client()
    client.force_login(world.officer)
    upload = SimpleUploadedFile(
        "p.csv", (HEADER + GOOD_ROWS.replace("Patna district", "Atlantis")).encode(), "text/csv"
    )

    response = client.post("/producers/upload/", {"file": upload})

    assert response.status_code == 400
    assert "Row 3, district" in response.content.decode()
    assert Producer.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("buyer", 404),
        ("mission_officer", 404),
        ("assessor", 404),
        ("producer_other", 404),
        ("district_officer_other", 404),
        ("state_officer_other", 404),
        ("producer_own", 200),
        ("district_officer_own", 200),
        ("state_officer_own", 200),
        ("national_admin", 200),
    ],
)
def test_bank_details_role_matrix(world, who, status):
    response = _api(world.users[who]).post(
        f"/api/v1/producers/{world.producer.pk}/bank/",
        {"holder": "Sikki", "ifsc": "SBIN0001234", "account_number": "301234567890"},
        format="json",
    )

    assert response.status_code in ({401, 403} if status == 401 else {status})
    world.producer.refresh_from_db()
    assert (world.producer.bank_account_last_four == "7890") is (status == 200)
    if status == 200:
        assert response.json()["bank"] == {
            "holder": "Sikki",
            "ifsc": "SBIN0001234",
            "account_last_four": "7890",
        }
        assert "301234567890" not in response.content.decode()


def test_an_xlsx_list_registers_like_a_csv(world):
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "kind", "state", "district", "pin_code", "consent_note"])
    sheet.append(["Sujni Embroidery Group", "shg", "Bihar", "PATNA", 800001, "Thumb impression"])
    raw = BytesIO()
    workbook.save(raw)
    upload = SimpleUploadedFile("list.xlsx", raw.getvalue())

    report = bulk.producers_import(actor=world.officer, table=bulk.upload_table_read(upload))

    assert report.created == 1
    assert Producer.objects.get(name="Sujni Embroidery Group").pin_code == "800001"


def test_a_file_whose_content_does_not_match_its_name_is_refused():
    upload = SimpleUploadedFile("list.xlsx", b"name,kind\n")

    with pytest.raises(ValidationError) as error:
        bulk.upload_table_read(upload)

    assert error.value.code == "file_type"


@pytest.mark.parametrize(
    ("who", "status", "names"),
    [
        ("district_officer_own", 200, ["Patna Sikki Grass Collective", "Pending Patna"]),
        ("district_officer_other", 200, []),
        ("producer_own", 404, None),
        ("buyer", 404, None),
    ],
)
def test_the_registry_page_lists_the_officers_scope_in_any_status(world, who, status, names):
    ProducerFactory.create(district=world.patna, name="Pending Patna")
    client = Client()
    client.force_login(world.users[who])

    response = client.get("/producers/")

    assert response.status_code == status
    if names is not None:
        assert [p.name for p in response.context["producers"]] == names
