"""Training's services: applying, selection under the seat limit, attendance, assessment,
toolkits, certificates and their revocation. Refusals write nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from odop.core.errors import error_code
from odop.producers.models import ProducerStatus
from odop.registry.tests.factories import DistrictProductFactory
from odop.skills import services
from odop.skills.certificate_numbers import certificate_number_is_valid
from odop.skills.models import Application, ApplicationStatus, Attendance, Certificate
from odop.skills.tests.factories import (
    ApplicationFactory,
    BatchFactory,
    ProgrammeFactory,
    cast,
    verified_producer,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _refused(call: object, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        call()  # type: ignore[operator]
    assert error_code(raised.value) == code


def test_a_producer_applies_for_their_own_person() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    application = services.application_submit(
        actor=people.producer_user,
        batch=batch,
        producer=people.producer,
        applicant_name="Asha",
        age=30,
    )
    assert application.status == ApplicationStatus.APPLIED
    assert application.history.count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        pytest.param({"age": 17}, "age_not_eligible", id="too-young"),
        pytest.param({"started": True}, "batch_started", id="started"),
        pytest.param({"other_district": True}, "district_not_eligible", id="other-district"),
        pytest.param({"unverified": True}, "producer_not_verified", id="unverified"),
        pytest.param({"product": True}, "product_not_eligible", id="other-product"),
    ],
)
def test_an_ineligible_application_is_refused_and_nothing_written(change: dict, code: str) -> None:
    # given
    people = cast()
    district = people.other_district if change.get("other_district") else people.district
    batch = BatchFactory.create(district=district)
    if change.get("product"):
        batch.eligible_products.add(DistrictProductFactory.create(district=district))
    if change.get("unverified"):
        people.producer.status = ProducerStatus.PENDING
        people.producer.save()
    today = batch.start_date if change.get("started") else None
    # when / then
    _refused(
        lambda: services.application_submit(
            actor=people.district_officer if change.get("other_district") else people.producer_user,
            batch=batch,
            producer=people.producer,
            applicant_name="Asha",
            age=change.get("age", 30),
            today=today,
        ),
        code,
    )
    assert Application.objects.exists() is False


def test_a_person_applies_once() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    fields = {"batch": batch, "producer": people.producer, "applicant_name": "Asha", "age": 30}
    services.application_submit(actor=people.producer_user, **fields)
    _refused(
        lambda: services.application_submit(actor=people.producer_user, **fields), "already_applied"
    )
    assert Application.objects.count() == 1


def test_another_producer_cannot_apply_for_them() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=people.other_producer_user,
            batch=batch,
            producer=people.producer,
            applicant_name="A",
            age=30,
        )


def test_selection_never_exceeds_the_seats_and_the_waitlist_waits() -> None:
    # given a batch of two seats and three applicants
    people = cast()
    batch = BatchFactory.create(district=people.district, seats=2)
    applications = [
        ApplicationFactory.create(batch=batch, producer=verified_producer(people.district))
        for _ in range(3)
    ]
    # when the officer selects all three
    for application in applications[:2]:
        services.application_decide(
            actor=people.district_officer, application=application, status="selected"
        )
    _refused(
        lambda: services.application_decide(
            actor=people.district_officer, application=applications[2], status="selected"
        ),
        "batch_full",
    )
    services.application_decide(
        actor=people.district_officer, application=applications[2], status="waitlisted"
    )
    # then two are selected and one waits
    assert batch.applications.filter(status="selected").count() == 2
    # a selected trainee withdraws: the waitlisted one takes the seat
    services.application_withdraw(actor=people.district_officer, application=applications[0])
    services.application_decide(
        actor=people.district_officer, application=applications[2], status="selected"
    )
    assert batch.applications.filter(status="selected").count() == 2


def test_nobody_decides_on_an_application_they_entered() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    application = services.application_submit(
        actor=people.district_officer,
        batch=batch,
        producer=people.producer,
        applicant_name="A",
        age=30,
    )
    _refused(
        lambda: services.application_decide(
            actor=people.district_officer, application=application, status="selected"
        ),
        "own_application",
    )
    services.application_decide(
        actor=people.state_officer, application=application, status="selected"
    )


def test_an_officer_of_another_district_cannot_select() -> None:
    people = cast()
    application = ApplicationFactory.create(batch=BatchFactory.create(district=people.district))
    with pytest.raises(PermissionDenied):
        services.application_decide(
            actor=people.other_district_officer, application=application, status="selected"
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED


def _running_batch(people, **fields):  # type: ignore[no-untyped-def]
    programme = ProgrammeFactory.create(duration_days=5)
    batch = BatchFactory.create(
        programme=programme,
        district=people.district,
        trainer=people.trainer,
        start_date=TODAY - dt.timedelta(days=4),
        end_date=TODAY,
        **fields,
    )
    trainees = [
        ApplicationFactory.create(
            batch=batch,
            status=ApplicationStatus.SELECTED,
            producer=people.producer if index == 0 else verified_producer(people.district),
        )
        for index in range(2)
    ]
    return batch, trainees


def test_the_trainer_marks_a_day_and_corrects_it() -> None:
    people = cast()
    batch, trainees = _running_batch(people)
    assert (
        services.attendance_mark(
            actor=people.trainer, batch=batch, day=TODAY, present_ids=[trainees[0].pk]
        )
        == 2
    )
    assert dict(Attendance.objects.values_list("application_id", "present")) == {
        trainees[0].pk: True,
        trainees[1].pk: False,
    }
    services.attendance_mark(
        actor=people.trainer, batch=batch, day=TODAY, present_ids=[t.pk for t in trainees]
    )
    assert Attendance.objects.filter(present=True).count() == 2
    assert Attendance.objects.count() == 2
    assert Attendance.history.count() == 3  # two marks and one correction


@pytest.mark.parametrize(
    ("offset", "code"),
    [
        pytest.param(-5, "day_outside_batch", id="before"),
        pytest.param(1, "day_outside_batch", id="after-end"),
    ],
)
def test_attendance_outside_the_batch_is_refused(offset: int, code: str) -> None:
    people = cast()
    batch, _trainees = _running_batch(people)
    _refused(
        lambda: services.attendance_mark(
            actor=people.trainer, batch=batch, day=TODAY + dt.timedelta(days=offset), present_ids=[]
        ),
        code,
    )
    assert Attendance.objects.exists() is False


def test_attendance_ahead_is_refused() -> None:
    people = cast()
    batch, _trainees = _running_batch(people)
    _refused(
        lambda: services.attendance_mark(
            actor=people.trainer,
            batch=batch,
            day=TODAY,
            present_ids=[],
            today=TODAY - dt.timedelta(days=1),
        ),
        "day_in_future",
    )


def test_someone_not_selected_cannot_be_marked() -> None:
    people = cast()
    batch, _trainees = _running_batch(people)
    stranger = ApplicationFactory.create(batch=batch)
    _refused(
        lambda: services.attendance_mark(
            actor=people.trainer, batch=batch, day=TODAY, present_ids=[stranger.pk]
        ),
        "not_a_trainee",
    )
    assert Attendance.objects.exists() is False


@pytest.mark.parametrize("who", ["other_trainer", "district_officer", "producer_user"])
def test_only_the_batchs_trainer_marks_attendance(who: str) -> None:
    people = cast()
    batch, _trainees = _running_batch(people)
    with pytest.raises(PermissionDenied):
        services.attendance_mark(actor=getattr(people, who), batch=batch, day=TODAY, present_ids=[])


def test_certificates_go_to_those_who_passed_and_attended_enough() -> None:
    # given five days: the first trainee present every day, the second on three
    people = cast()
    batch, (good, absent) = _running_batch(people)
    for offset in range(5):
        day = batch.start_date + dt.timedelta(days=offset)
        services.attendance_mark(
            actor=people.trainer,
            batch=batch,
            day=day,
            present_ids=[good.pk] + ([absent.pk] if offset < 3 else []),
        )
    services.assessment_record(actor=people.trainer, application=good, score=70)
    services.assessment_record(actor=people.trainer, application=absent, score=90)
    # when the officer issues
    issued = services.certificates_issue(actor=people.district_officer, batch=batch)
    # then only the first gets one, and issuing again adds nothing
    assert [certificate.application_id for certificate in issued] == [good.pk]
    certificate = Certificate.objects.get()
    assert certificate_number_is_valid(certificate.number)
    assert certificate.holder_name == good.applicant_name
    assert services.certificates_issue(actor=people.district_officer, batch=batch) == []
    # a certified trainee's score is final
    _refused(
        lambda: services.assessment_record(actor=people.trainer, application=good, score=10),
        "already_certified",
    )


def test_certificates_wait_for_the_last_day() -> None:
    people = cast()
    batch, _trainees = _running_batch(people)
    _refused(
        lambda: services.certificates_issue(
            actor=people.district_officer, batch=batch, today=TODAY - dt.timedelta(days=1)
        ),
        "batch_not_over",
    )


def test_the_trainer_cannot_issue_certificates() -> None:
    people = cast()
    batch, _trainees = _running_batch(people)
    with pytest.raises(PermissionDenied):
        services.certificates_issue(actor=people.trainer, batch=batch)


def test_an_out_of_range_score_is_refused() -> None:
    people = cast()
    _batch, (trainee, _other) = _running_batch(people)
    with pytest.raises(ValidationError):
        services.assessment_record(actor=people.trainer, application=trainee, score=101)
    trainee.refresh_from_db()
    assert trainee.score is None


def test_a_toolkit_is_recorded_once() -> None:
    people = cast()
    _batch, (trainee, _other) = _running_batch(people)
    services.toolkit_issue(
        actor=people.district_officer, application=trainee, issued_on=TODAY, items="Hammer, anvil"
    )
    _refused(
        lambda: services.toolkit_issue(
            actor=people.trainer, application=trainee, issued_on=TODAY, items="x"
        ),
        "already_issued",
    )


def _certified(people):  # type: ignore[no-untyped-def]
    batch, (trainee, _other) = _running_batch(people)
    for offset in range(5):
        services.attendance_mark(
            actor=people.trainer,
            batch=batch,
            day=batch.start_date + dt.timedelta(days=offset),
            present_ids=[trainee.pk],
        )
    services.assessment_record(actor=people.trainer, application=trainee, score=60)
    return services.certificates_issue(actor=people.district_officer, batch=batch)[0]


def test_the_issuing_officer_revokes_with_a_reason() -> None:
    people = cast()
    certificate = _certified(people)
    _refused(
        lambda: services.certificate_revoke(
            actor=people.district_officer, certificate=certificate, reason=" "
        ),
        "reason_required",
    )
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(
            actor=people.state_officer, certificate=certificate, reason="Fraud"
        )
    services.certificate_revoke(
        actor=people.district_officer, certificate=certificate, reason="Attendance was forged"
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.history.count() == 2
    _refused(
        lambda: services.certificate_revoke(
            actor=people.district_officer, certificate=certificate, reason="again"
        ),
        "already_revoked",
    )


def test_a_batch_must_span_the_programmes_days() -> None:
    people = cast()
    programme = ProgrammeFactory.create(duration_days=10)
    fields = {
        "programme": programme,
        "district": people.district,
        "trainer": people.trainer,
        "start_date": TODAY,
        "venue": "Hall",
        "seats": 20,
        "age_min": 18,
        "age_max": 60,
    }
    _refused(
        lambda: services.batch_create(
            actor=people.district_officer, end_date=TODAY + dt.timedelta(days=5), **fields
        ),
        "duration_mismatch",
    )
    _refused(
        lambda: services.batch_create(
            actor=people.district_officer, end_date=TODAY - dt.timedelta(days=1), **fields
        ),
        "dates_out_of_order",
    )
    _refused(
        lambda: services.batch_create(
            actor=people.district_officer,
            end_date=TODAY + dt.timedelta(days=9),
            **(fields | {"trainer": people.buyer}),
        ),
        "not_a_trainer",
    )
    batch = services.batch_create(
        actor=people.district_officer, end_date=TODAY + dt.timedelta(days=9), **fields
    )
    assert batch.days == 10
    with pytest.raises(PermissionDenied):
        services.batch_create(
            actor=people.other_district_officer, end_date=TODAY + dt.timedelta(days=9), **fields
        )
