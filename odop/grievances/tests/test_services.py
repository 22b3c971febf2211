"""Grievance services (issue 14): the whole life of a grievance (filed, escalated when overdue
by the daily job, answered, rated poor, appealed, finally answered), routing, interim replies,
the dated due period with maker-checker, and bad input writing nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory
from odop.grievances import services
from odop.grievances.models import (
    EventKind,
    Grievance,
    GrievanceCategory,
    GrievanceEvent,
    GrievanceSetting,
    GrievanceStatus,
    Level,
    SettingName,
    SettingStatus,
)
from odop.grievances.numbers import grievance_number_is_valid
from odop.grievances.tasks import grievances_escalate_run
from odop.grievances.tests.factories import Place, place_with_officers
from odop.notifications.models import NotificationLog
from odop.producers.tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))


FILED = dt.date(2026, 1, 5)


@pytest.fixture
def place() -> Place:
    return place_with_officers()


def _file(place: Place, **fields: object) -> Grievance:
    values: dict[str, object] = {
        "actor": place.buyer,
        "category": GrievanceCategory.objects.get(code="bazaar-order"),
        "subject": "Order not delivered",
        "description": "Paid on 2 January, nothing arrived.",
        "district": place.district,
        "now": at(FILED),
    }
    values.update(fields)
    return services.grievance_file(**values)  # type: ignore[arg-type]


def _kinds(grievance: Grievance) -> list[str]:
    return list(grievance.events.values_list("kind", flat=True))


def test_whole_life_filed_escalated_answered_rated_poor_appealed_and_finally_answered(
    place: Place,
) -> None:
    # given a grievance filed on 5 January 2026: 21 days (CPGRAMS, August 2024)
    grievance = _file(place)
    assert grievance_number_is_valid(grievance.number or "")
    assert grievance.due_by == dt.date(2026, 1, 26)
    assert (grievance.level, grievance.status) == (Level.DISTRICT, GrievanceStatus.OPEN)

    # when the daily job runs on the due date, nothing moves; the day after, it escalates
    assert grievances_escalate_run.enqueue(day="2026-01-26").return_value == []
    assert grievances_escalate_run.enqueue(day="2026-01-27").return_value == [grievance.pk]
    grievance.refresh_from_db()
    assert grievance.level == Level.STATE
    assert grievance.due_by == dt.date(2026, 2, 17)
    assert grievances_escalate_run.enqueue(day="2026-01-27").return_value == []  # idempotent

    # the State officer answers; the filer rates it poor: an appeal to national, new due date
    services.grievance_reply(
        actor=place.state_officer,
        grievance=grievance,
        reply="Refund ordered.",
        now=at(dt.date(2026, 1, 28)),
    )
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.ANSWERED
    services.grievance_rate(
        actor=place.buyer,
        grievance=grievance,
        rating="poor",
        note="No refund yet.",
        now=at(dt.date(2026, 2, 1)),
    )
    grievance.refresh_from_db()
    assert (grievance.status, grievance.level) == (GrievanceStatus.APPEALED, Level.NATIONAL)
    assert grievance.is_appeal is True
    assert grievance.due_by == dt.date(2026, 2, 22)

    # the national admin's reply is final
    services.grievance_reply(
        actor=place.national_admin,
        grievance=grievance,
        reply="Refunded on 3 February.",
        now=at(dt.date(2026, 2, 3)),
    )
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.CLOSED
    assert grievance.closed_at is not None
    assert _kinds(grievance) == [
        EventKind.FILED,
        EventKind.ROUTED,
        EventKind.ESCALATED,
        EventKind.ANSWERED,
        EventKind.RATED,
        EventKind.APPEALED,
        EventKind.ANSWERED,
        EventKind.CLOSED,
    ]
    escalation = grievance.events.get(kind=EventKind.ESCALATED)
    assert escalation.actor is None
    assert escalation.created_at.date() == dt.date(2026, 1, 27)
    assert grievance.history.count() >= 5

    # and everyone concerned was notified of their part (logged; sent only with consent)
    def events_of(user: object) -> set[str]:
        return set(NotificationLog.objects.filter(user=user).values_list("event", flat=True))

    assert events_of(place.buyer) == {
        "grievance_filed",
        "grievance_escalated",
        "grievance_answered",
    }
    assert events_of(place.district_officer) == {"grievance_routed"}
    assert events_of(place.state_officer) == {"grievance_routed"}
    assert events_of(place.national_admin) == {"grievance_appealed"}


def test_good_rating_closes(place: Place) -> None:
    grievance = _file(place)
    services.grievance_reply(actor=place.district_officer, grievance=grievance, reply="Done.")
    services.grievance_rate(actor=place.buyer, grievance=grievance, rating="good")
    grievance.refresh_from_db()
    assert (grievance.status, grievance.rating) == (GrievanceStatus.CLOSED, "good")
    with pytest.raises(PermissionDenied):
        services.grievance_rate(actor=place.buyer, grievance=grievance, rating="poor")


def test_routes_to_state_when_the_district_has_no_officer() -> None:
    place = place_with_officers(with_district_officer=False)
    grievance = _file(place)
    assert grievance.level == Level.STATE
    assert grievance.events.get(kind=EventKind.ROUTED).level == Level.STATE


def test_routing_table_sends_platform_problems_to_national(place: Place) -> None:
    grievance = _file(place, category=GrievanceCategory.objects.get(code="platform"))
    assert grievance.level == Level.NATIONAL


def test_an_officer_filing_in_their_own_district_is_routed_past_themselves(place: Place) -> None:
    grievance = _file(place, actor=place.district_officer)
    assert grievance.level == Level.STATE
    with pytest.raises(PermissionDenied):
        services.grievance_reply(actor=place.district_officer, grievance=grievance, reply="x")


def test_nobody_answers_a_grievance_they_filed_even_at_their_level(place: Place) -> None:
    other = UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.district)
    grievance = _file(place, actor=other)  # place.district_officer answers it
    assert grievance.level == Level.DISTRICT
    with pytest.raises(PermissionDenied):
        services.grievance_reply(actor=other, grievance=grievance, reply="Closed myself.")
    assert grievance.events.filter(kind=EventKind.ANSWERED).exists() is False


def test_only_the_level_of_the_grievance_answers(place: Place) -> None:
    grievance = _file(place)
    elsewhere = UserFactory.create(role=Role.DISTRICT_OFFICER, district=DistrictFactory.create())
    for actor in (place.state_officer, place.national_admin, elsewhere, place.producer):
        with pytest.raises(PermissionDenied):
            services.grievance_reply(actor=actor, grievance=grievance, reply="x")
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.OPEN


def test_interim_reply_sets_the_expected_date_and_holds_escalation(place: Place) -> None:
    grievance = _file(place)
    services.grievance_interim_reply(
        actor=place.district_officer,
        grievance=grievance,
        note="Waiting for the courier's report.",
        expected_by=dt.date(2026, 2, 10),
        now=at(dt.date(2026, 1, 20)),
    )
    grievance.refresh_from_db()
    assert grievance.expected_by == dt.date(2026, 2, 10)
    assert services.grievances_escalate_overdue(now=at(dt.date(2026, 2, 10))) == []
    assert services.grievances_escalate_overdue(now=at(dt.date(2026, 2, 11))) == [grievance.pk]
    grievance.refresh_from_db()
    assert (grievance.level, grievance.expected_by) == (Level.STATE, None)


@pytest.mark.parametrize(
    "expected_by",
    [
        pytest.param(dt.date(2026, 1, 20), id="today"),
        pytest.param(dt.date(2026, 2, 17), id="past-one-more-period"),
    ],
)
def test_interim_reply_refuses_a_date_out_of_range_and_writes_nothing(
    place: Place, expected_by: dt.date
) -> None:
    grievance = _file(place)
    with pytest.raises(ValidationError) as error:
        services.grievance_interim_reply(
            actor=place.district_officer,
            grievance=grievance,
            note="Later.",
            expected_by=expected_by,
            now=at(dt.date(2026, 1, 20)),
        )
    assert error.value.error_dict["expected_by"][0].code == "invalid_expected_date"
    grievance.refresh_from_db()
    assert grievance.expected_by is None
    assert grievance.events.filter(kind=EventKind.INTERIM_REPLY).exists() is False
    assert NotificationLog.objects.filter(event="grievance_interim_reply").exists() is False


def test_manual_escalation_needs_a_reason_and_stops_at_national(place: Place) -> None:
    grievance = _file(place, category=GrievanceCategory.objects.get(code="platform"))
    with pytest.raises(ValidationError) as error:
        services.grievance_escalate(actor=place.national_admin, grievance=grievance, note="Up")
    assert error.value.code == "top_level"
    assert services.grievances_escalate_overdue(now=at(dt.date(2026, 3, 1))) == []


def test_reply_cannot_be_empty(place: Place) -> None:
    grievance = _file(place)
    with pytest.raises(ValidationError) as error:
        services.grievance_reply(actor=place.district_officer, grievance=grievance, reply="  ")
    assert error.value.error_dict["reply"][0].code == "reply_required"
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.OPEN


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        pytest.param({"subject": ""}, "subject", id="empty-subject"),
        pytest.param({"subject": "x" * 201}, "subject", id="long-subject"),
        pytest.param({"description": "x" * 5001}, "description", id="long-description"),
        pytest.param({"description": ""}, "description", id="empty-description"),
    ],
)
def test_bad_input_writes_nothing(place: Place, fields: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _file(place, **fields)
    assert field in error.value.error_dict
    assert Grievance.objects.exists() is False
    assert GrievanceEvent.objects.exists() is False
    assert NotificationLog.objects.exists() is False


def test_district_defaults_to_the_producers_own(place: Place) -> None:
    producer = ProducerFactory.create(user=place.producer, district=place.district)
    grievance = _file(place, actor=place.producer, district=None)
    assert grievance.district == producer.district


def test_district_is_required_when_the_filer_has_none(place: Place) -> None:
    with pytest.raises(ValidationError) as error:
        _file(place, district=None)
    assert error.value.error_dict["district"][0].code == "district_required"
    assert Grievance.objects.exists() is False


def test_an_officer_files_for_a_producer_only_with_consent_and_in_scope(place: Place) -> None:
    producer = ProducerFactory.create(user=place.producer, district=place.district)
    with pytest.raises(ValidationError) as error:
        _file(place, actor=place.state_officer, producer=producer, district=None)
    assert error.value.error_dict["consent_note"][0].code == "consent_required"
    elsewhere = UserFactory.create(role=Role.DISTRICT_OFFICER, district=DistrictFactory.create())
    with pytest.raises(PermissionDenied):
        _file(place, actor=elsewhere, producer=producer, consent_note="Asked at the camp.")
    assert Grievance.objects.exists() is False

    grievance = _file(
        place,
        actor=place.state_officer,
        producer=producer,
        district=None,
        consent_note="Agreed by phone on 4 January.",
    )
    assert grievance.district == place.district
    assert grievance.consent_note == "Agreed by phone on 4 January."
    # the producer, not the officer, rates the reply
    services.grievance_reply(actor=place.district_officer, grievance=grievance, reply="Done.")
    services.grievance_rate(actor=place.producer, grievance=grievance, rating="fair")
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.CLOSED


def test_due_period_is_the_approved_value_in_force_on_the_filing_date(place: Place) -> None:
    # given a proposal of 15 days from 1 March 2026, not yet approved
    setting = services.grievance_setting_propose(
        actor=place.national_admin,
        name=SettingName.DUE_PERIOD_DAYS,
        value=15,
        effective_from=dt.date(2026, 3, 1),
        reference="A later order (test)",
    )
    assert _file(place, now=at(dt.date(2026, 3, 2))).due_by == dt.date(2026, 3, 23)

    # nobody approves their own proposal
    with pytest.raises(ValidationError) as error:
        services.grievance_setting_approve(actor=place.national_admin, setting=setting)
    assert error.value.code == "own_proposal"
    with pytest.raises(PermissionDenied):
        services.grievance_setting_approve(actor=place.state_officer, setting=setting)

    # once another national admin approves it, it counts from its date, not before
    other = UserFactory.create(role=Role.NATIONAL_ADMIN)
    services.grievance_setting_approve(actor=other, setting=setting)
    assert _file(place, now=at(dt.date(2026, 3, 2))).due_by == dt.date(2026, 3, 17)
    assert _file(place, now=at(dt.date(2026, 2, 27))).due_by == dt.date(2026, 3, 20)


def test_no_approved_period_refuses_filing() -> None:
    place = place_with_officers()
    GrievanceSetting.objects.all().delete()
    with pytest.raises(ValidationError) as error:
        _file(place)
    assert error.value.code == "setting_not_set"
    assert Grievance.objects.exists() is False


def test_reference_load_is_idempotent_and_cites_cpgrams() -> None:
    first = services.grievance_reference_load()
    second = services.grievance_reference_load()
    assert first.categories_added == GrievanceCategory.objects.count() >= 7
    assert (second.categories_added, second.categories_updated, second.settings_added) == (
        0,
        0,
        0,
    )
    setting = GrievanceSetting.objects.get()
    assert (setting.value, setting.status) == (21, SettingStatus.APPROVED)
    assert "CPGRAMS" in setting.reference
    assert setting.effective_from == dt.date(2024, 8, 23)


def test_the_filer_who_agreed_to_email_gets_the_filing_message_in_hindi(
    place: Place, django_capture_on_commit_callbacks: object, mailoutbox: list
) -> None:
    # given the buyer agreed to email and prefers Hindi
    from odop.notifications.services import consent_give

    place.buyer.preferred_language = "hi"
    place.buyer.save(update_fields=["preferred_language"])
    consent_give(user=place.buyer, channel="email", address="buyer@example.org", source="form")

    # when they file
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        grievance = _file(place)

    # then one email in Hindi with the number
    log = NotificationLog.objects.get(user=place.buyer, channel="email")
    assert (log.event, log.outcome) == ("grievance_filed", "sent")
    assert grievance.number in mailoutbox[0].subject
    assert "दर्ज" in mailoutbox[0].body
