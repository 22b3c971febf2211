"""The role matrix of training (issue 15): who sees and does what with one batch."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from odop.skills import permissions
from odop.skills.models import ApplicationStatus, Certificate
from odop.skills.tests.factories import ApplicationFactory, BatchFactory, Cast, cast

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "national",
    "state_officer",
    "district_officer",
    "other_district_officer",
    "trainer",
    "other_trainer",
    "producer_user",
    "other_producer_user",
    "buyer",
]


def _who(people: Cast, role: str):  # type: ignore[no-untyped-def]
    return AnonymousUser() if role == "anonymous" else getattr(people, role)


@pytest.mark.parametrize(
    ("role", "runs", "selects", "sees_application"),
    [
        pytest.param("anonymous", False, False, False, id="anonymous_case"),
        pytest.param("national", False, True, True, id="national_case"),
        pytest.param("state_officer", False, True, True, id="state_officer_case"),
        pytest.param("district_officer", False, True, True, id="district_officer_case"),
        pytest.param("other_district_officer", False, False, False, id="other_district_case"),
        pytest.param("trainer", True, False, True, id="trainer_case"),
        pytest.param("other_trainer", False, False, False, id="other_trainer_case"),
        pytest.param("producer_user", False, False, True, id="producer_case"),
        pytest.param("other_producer_user", False, False, False, id="other_producer_case"),
        pytest.param("buyer", False, False, False, id="buyer_case"),
    ],
)
def test_role_matrix(role: str, runs: bool, selects: bool, sees_application: bool) -> None:
    # given a batch in the cast's district with the producer's application
    people = cast()
    batch = BatchFactory.create(district=people.district, trainer=people.trainer)
    application = ApplicationFactory.create(
        batch=batch, producer=people.producer, status=ApplicationStatus.SELECTED
    )
    who = _who(people, role)
    # then
    assert permissions.access_batch(who, batch.pk) == batch  # public fields for everyone
    assert permissions.can_run_batch(who, batch) is runs
    assert permissions.can_select_applicants(who, batch) is selects
    assert (
        permissions.applications_visible_to(who).filter(pk=application.pk).exists()
        is sees_application
    )
    if not sees_application:
        with pytest.raises(Http404):
            permissions.access_application(who, application.pk)


def test_only_the_issuer_or_a_national_admin_may_revoke() -> None:
    people = cast()
    batch = BatchFactory.create(
        district=people.district,
        trainer=people.trainer,
        start_date=timezone.localdate() - dt.timedelta(days=9),
        end_date=timezone.localdate(),
    )
    application = ApplicationFactory.create(
        batch=batch, producer=people.producer, status="selected"
    )
    certificate = Certificate.objects.create(
        application=application,
        number="SK-2026-0000000000-G",
        holder_name="A",
        programme_name="P",
        start_date=batch.start_date,
        end_date=batch.end_date,
        issuer="X",
        issued_by=people.district_officer,
        issued_on=batch.end_date,
    )
    allowed = {
        role
        for role in ROLES
        if permissions.can_revoke_certificate(_who(people, role), certificate)
    }
    assert allowed == {"national", "district_officer"}


def test_an_unknown_or_malformed_number_is_404_before_any_lookup(
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    with django_assert_num_queries(0), pytest.raises(Http404):
        permissions.access_certificate_public("SK-2026-ABCDEFGHJK-Z")
    with django_assert_num_queries(1), pytest.raises(Http404):  # well formed, unknown
        permissions.access_certificate_public("SK-2026-0000000000-G")
