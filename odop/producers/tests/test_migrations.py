"""The move of producers out of the bazaar keeps every row, history record and id (issue 11),
and the exporter pipeline's candidates are linked to producers by account, IEC or GSTIN, the
unmatched kept.

A hand-made database: the schema is migrated back to before the move (bazaar 0004, exports
0002), rows are written with the historical models of that state, then it is migrated forward.
"""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory
from odop.registry.tests.factories import DistrictProductFactory

BEFORE = [("producers", None), ("bazaar", "0004_bounds"), ("exports", "0002_bounds")]


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.fixture
def back_to_before_the_move(transactional_db: None) -> Iterator[None]:
    yield
    call_command("migrate", verbosity=0)  # leave the schema whole for the next tests


def test_the_move_keeps_every_row_history_and_id(back_to_before_the_move: None) -> None:
    # given places, people and a product, then the schema as it was before the move
    patna = DistrictFactory.create(lgd_code=212, name="Patna")
    seller, buyer, officer = (
        UserFactory.create(role=Role.PRODUCER),
        UserFactory.create(role=Role.BUYER),
        UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
    )
    product = DistrictProductFactory.create(district=patna)
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[1:]).apps
    now = timezone.now()
    producer_model = old.get_model("bazaar", "Producer")
    common = {"kind": "artisan", "district_id": patna.pk, "pin_code": "800001"}
    own = producer_model.objects.create(
        id=41, name="Sikki Collective", user_id=seller.pk, iec="AAPFU0939F", **common
    )
    by_gstin = producer_model.objects.create(
        id=42, name="Ganga Brass", gstin="27AAPFU0939F1ZV", **common
    )
    old.get_model("bazaar", "HistoricalProducer").objects.create(
        id=own.pk,
        name=own.name,
        history_date=now,
        history_type="+",
        **{**common, "pin_code": "800001"},
        created_at=now,
        updated_at=now,
        status="pending",
    )
    certificate = old.get_model("bazaar", "Certification").objects.create(
        id=7, producer_id=own.pk, kind="organic", number="NPOP-1", valid_until=dt.date(2030, 1, 1)
    )
    reveal = old.get_model("bazaar", "ContactReveal").objects.create(
        producer_id=by_gstin.pk, viewer_id=buyer.pk
    )
    listing = old.get_model("bazaar", "Listing").objects.create(
        producer_id=own.pk,
        product_id=product.pk,
        title="Sikki basket",
        price=Decimal("250.00"),
        district_id=patna.pk,
        state_id=patna.state_id,
        search_document="sikki basket",
    )
    candidate_model = old.get_model("exports", "ExporterCandidate")
    base = {"district_id": patna.pk, "product": "Craft", "created_by_id": officer.pk}
    by_account = candidate_model.objects.create(producer_name="Sikki", user_id=seller.pk, **base)
    by_iec = candidate_model.objects.create(producer_name="Sikki", iec_number="AAPFU0939F", **base)
    by_tax = candidate_model.objects.create(producer_name="Ganga", gstin="27AAPFU0939F1ZV", **base)
    unmatched = candidate_model.objects.create(
        producer_name="Unknown Exports", gstin="29ABCDE1234F1Z5", **base
    )

    # when the move and the matching run
    executor = _migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps

    # then every row is there under the producer registry, with its id
    producers = new.get_model("producers", "Producer").objects
    assert sorted(producers.values_list("pk", "name", "user_id")) == [
        (41, "Sikki Collective", seller.pk),
        (42, "Ganga Brass", None),
    ]
    assert new.get_model("producers", "HistoricalProducer").objects.get().id == 41
    assert new.get_model("producers", "Certification").objects.get().pk == certificate.pk
    assert new.get_model("producers", "ContactReveal").objects.get().pk == reveal.pk
    assert new.get_model("bazaar", "Listing").objects.get(pk=listing.pk).producer_id == 41
    links = dict(
        new.get_model("exports", "ExporterCandidate").objects.values_list("pk", "producer")
    )
    assert links == {by_account.pk: 41, by_iec.pk: 41, by_tax.pk: 42, unmatched.pk: None}
    kept = new.get_model("exports", "ExporterCandidate").objects.get(pk=unmatched.pk)
    assert (kept.producer_name, kept.gstin) == ("Unknown Exports", "29ABCDE1234F1Z5")
    tables = set(connection.introspection.table_names())
    assert {"producers_producer", "producers_historicalproducer"} <= tables
    assert "bazaar_producer" not in tables


def test_the_unmatched_are_reported(db: None) -> None:
    from io import StringIO

    from odop.exports.tests.factories import ExporterCandidateFactory
    from odop.producers.tests.factories import ProducerFactory

    producer = ProducerFactory.create()
    ExporterCandidateFactory.create(producer=producer, district=producer.district)
    lost = ExporterCandidateFactory.create(producer_name="Nobody Knows Exports")
    out = StringIO()

    call_command("exporters_unmatched", stdout=out)

    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines[:-1]] == [str(lost.pk)]
    assert "Nobody Knows Exports" in lines[0]
    assert lines[-1].startswith("1 ")


def _ids(table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_the_demo_data_survives_the_move_both_ways(back_to_before_the_move: None, tmp_path) -> None:
    from django.test import override_settings

    from odop.bazaar.demo import bazaar_demo_ensure
    from odop.bazaar.models import Listing
    from odop.bazaar.services import order_place
    from odop.exports.tests.factories import ExporterCandidateFactory
    from odop.geography.tests.factories import StateFactory
    from odop.platform.demo import demo_accounts_ensure
    from odop.producers.models import Producer
    from odop.producers.services import certification_add, contact_reveal
    from odop.registry.tests.factories import ProductTypeFactory

    # given the demo sellers and buyers of `make run`, with some trade on top
    for state_code, state, district, product in (
        (9, "Uttar Pradesh", "MORADABAD", "Moradabad Metal Craft"),
        (10, "Bihar", "BHAGALPUR", "Bhagalpur Silk"),
        (10, "Bihar", "MADHUBANI", "Makhana"),
    ):
        place = DistrictFactory.create(
            name=district.title(),
            name_lgd=district,
            state=StateFactory.create(lgd_code=state_code, name=state),
        )
        DistrictProductFactory.create(
            district=place, product_type=ProductTypeFactory.create(name=product), name=product
        )
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=tmp_path / "d.json"):
        demo_accounts_ensure()
        bazaar_demo_ensure()
    buyer = UserFactory.create(role=Role.BUYER)
    producer = Producer.objects.order_by("pk").first()
    assert producer is not None and producer.user is not None
    certification_add(
        actor=producer.user,
        producer=producer,
        kind="organic",
        number="NPOP-9",
        valid_until=dt.date(2031, 3, 31),
    )
    contact_reveal(viewer=buyer, producer=producer)
    order_place(buyer=buyer, listing=Listing.objects.order_by("pk").first(), quantity=1)
    ExporterCandidateFactory.create(producer=producer, district=producer.district)
    after = {
        "producer": _ids("producers_producer"),
        "historicalproducer": _ids("producers_historicalproducer"),
        "certification": _ids("producers_certification"),
        "historicalcertification": _ids("producers_historicalcertification"),
        "contactreveal": _ids("producers_contactreveal"),
    }
    trade = {table: _ids(table) for table in ("bazaar_listing", "bazaar_order")}
    assert len(after["producer"]) == 3 and all(after.values())

    # when migrated back to before the move, then forward again
    _migrate(BEFORE)
    before = {name: _ids(f"bazaar_{name}") for name in after}
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    # then every id is there at each step
    assert before == after
    assert {name: _ids(f"producers_{name}") for name in after} == after
    assert {table: _ids(table) for table in trade} == trade
    assert set(Listing.objects.values_list("producer_id", flat=True)) <= set(after["producer"])
