"""Role matrix for every write of the selection API (issue #3): each role, with its own scope
or another, against each write endpoint; the expected status, and on refusal a database left
exactly as it was.

The candidate lives in Patna (Bihar). "own" officers cover it (Bihar's State officer, Patna's
district officer); "other" ones do not (Odisha's State officer, Bhagalpur's district officer,
same State, other district). The seated assessor sits on its committee once it is proposed.
Candidates that a user may not see answer 404; visible ones the user may not change, 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.models import DistrictProduct, ProductType
from odop.selection import services
from odop.selection.models import (
    Assessment,
    AssessmentStatus,
    Attachment,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    CommitteeMember,
    CriterionScore,
    ScorecardAdoption,
    ScorecardVersion,
)

pytestmark = pytest.mark.django_db

S = CandidateStatus
API = "/api/v1/selection"

ROLES = [
    "anonymous",
    "national_admin",
    "state_officer_own",
    "state_officer_other",
    "district_officer_own",
    "district_officer_other",
    "producer",
    "buyer",
    "mission_officer",
    "assessor_seated",
    "assessor_unseated",
]


@pytest.fixture
def world() -> SimpleNamespace:
    services.scorecards_install()
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    bhagalpur = DistrictFactory.create(lgd_code=192, name="Bhagalpur", state=bihar)
    DistrictFactory.create(lgd_code=346, name="Baleshwar", state=odisha)
    users = {
        "national_admin": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer_own": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "state_officer_other": UserFactory.create(role=Role.STATE_OFFICER, state=odisha),
        "district_officer_own": UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        "district_officer_other": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=bhagalpur
        ),
        "producer": UserFactory.create(role=Role.PRODUCER),
        "buyer": UserFactory.create(role=Role.BUYER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
        "assessor_seated": UserFactory.create(role=Role.ASSESSOR),
        "assessor_unseated": UserFactory.create(role=Role.ASSESSOR),
    }
    return SimpleNamespace(
        patna=patna,
        users=users,
        fellows=[UserFactory.create(role=Role.ASSESSOR) for _ in range(2)],
        newcomer=UserFactory.create(role=Role.ASSESSOR),
    )


def candidate_at(world: SimpleNamespace, status: S) -> Candidate:
    """A Patna candidate (OCOP 2023) in `status`, written straight to the database: the
    services' own way there is tested in test_api and test_workflow, and this keeps the
    matrix fast. From "proposed" on, three assessors sit on the committee (the seated one
    among them); once scored, all three have submitted 80 points."""
    users = world.users
    committee = [users["assessor_seated"], *world.fellows]
    candidate = Candidate.objects.create(
        district=world.patna,
        name="Makhana",
        scorecard=ScorecardVersion.objects.get(key="ocop-vietnam", version="2023"),
        status=status,
        proposed_by=users["district_officer_own"],
        stage_due_at=timezone.now() + timedelta(days=14),
    )
    if status != S.DRAFT:
        for assessor in committee:
            CommitteeMember.objects.create(
                candidate=candidate, assessor=assessor, added_by=users["district_officer_own"]
            )
    if status in {S.SCORED, S.RETURNED, S.STATE_APPROVED}:
        for assessor in committee:
            assessment = Assessment.objects.create(
                candidate=candidate,
                assessor=assessor,
                status=AssessmentStatus.SUBMITTED,
                total=Decimal(80),
                submitted_at=timezone.now(),
            )
            for code, points in OCOP_SCORES.items():
                CriterionScore.objects.create(
                    assessment=assessment, criterion=code, value=points, points=points
                )
        candidate.score_mean, candidate.score_spread = Decimal(80), Decimal(0)
        candidate.assessor_count, candidate.stars = 3, 4
        candidate.save()
    return candidate


def database_state() -> dict[str, Any]:
    """Everything a selection write can change."""
    return {
        "candidates": list(
            Candidate.objects.order_by("pk").values_list(
                "pk",
                "name",
                "description",
                "sector",
                "producer_organisation",
                "status",
                "scorecard_id",
                "score_mean",
                "stage_due_at",
                "valid_until",
                "district_product_id",
            )
        ),
        "events": list(CandidateEvent.objects.order_by("pk").values_list("pk", "to_status")),
        "committee": list(
            CommitteeMember.objects.order_by("pk").values_list("candidate_id", "assessor_id")
        ),
        "assessments": list(
            Assessment.objects.order_by("pk").values_list("pk", "assessor_id", "status", "total")
        ),
        "scores": list(
            CriterionScore.objects.order_by("pk").values_list("pk", "criterion", "value", "note")
        ),
        "attachments": Attachment.objects.count(),
        "scorecards": list(
            ScorecardVersion.objects.order_by("pk").values_list(
                "pk", "version", "status", "definition"
            )
        ),
        "adoptions": list(
            ScorecardAdoption.objects.order_by("pk").values_list(
                "state_id", "scorecard_id", "is_current"
            )
        ),
        "products": DistrictProduct.objects.count(),
        "product_types": ProductType.objects.count(),
    }


def client_for(world: SimpleNamespace, who: str) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(world.users[who])
    return client


# ---------------------------------------------------------------- the writes

Request = tuple[str, str, dict[str, Any], str]  # method, URL, payload, format


@dataclass(frozen=True)
class Write:
    """One write endpoint: what it acts on (made fresh for each case) and the request."""

    target: Callable[[SimpleNamespace], Any]
    request: Callable[[SimpleNamespace, Any], Request]


def at(status: S) -> Callable[[SimpleNamespace], Candidate]:
    return lambda world: candidate_at(world, status)


def transition(to_status: S) -> Callable[[SimpleNamespace, Candidate], Request]:
    return lambda world, candidate: (
        "post",
        f"{API}/candidates/{candidate.pk}/transition/",
        {"to_status": to_status, "note": "matrix"},
        "json",
    )


def attach(world: SimpleNamespace, candidate: Candidate) -> Request:
    upload = SimpleUploadedFile("proof.pdf", b"%PDF-1.7 proof", content_type="application/pdf")
    url = f"{API}/candidates/{candidate.pk}/attachments/"
    return "post", url, {"file": upload, "criterion": "A"}, "multipart"


def shipped(key: str, version: str) -> Callable[[SimpleNamespace], ScorecardVersion]:
    return lambda world: ScorecardVersion.objects.get(key=key, version=version)


def draft_version(world: SimpleNamespace) -> ScorecardVersion:
    return services.scorecard_version_derive(
        actor=world.users["national_admin"],
        base=ScorecardVersion.objects.get(key="odop-india", version="1"),
        version="2",
        weights={"A1": Decimal(20), "A2": Decimal(5)},
    )


OCOP_SCORES = {"A": "30", "B": "20", "C": "30"}

WRITES: dict[str, Write] = {
    "candidate create": Write(
        lambda world: None,
        lambda world, _: (
            "post",
            f"{API}/candidates/",
            {"district": 212, "name": "Litchi"},
            "json",
        ),
    ),
    "candidate update": Write(
        at(S.RETURNED),
        lambda world, candidate: (
            "patch",
            f"{API}/candidates/{candidate.pk}/",
            {"description": "Revised after the State's return"},
            "json",
        ),
    ),
    "propose": Write(at(S.DRAFT), transition(S.PROPOSED)),
    "withdraw": Write(at(S.DRAFT), transition(S.WITHDRAWN)),
    "open scoring": Write(at(S.PROPOSED), transition(S.SCORING)),
    "approve": Write(at(S.SCORED), transition(S.STATE_APPROVED)),
    "return": Write(at(S.SCORED), transition(S.RETURNED)),
    "reject": Write(at(S.SCORED), transition(S.REJECTED)),
    "publish": Write(at(S.STATE_APPROVED), transition(S.PUBLISHED)),
    "committee add": Write(
        at(S.PROPOSED),
        lambda world, candidate: (
            "post",
            f"{API}/candidates/{candidate.pk}/committee/",
            {"assessor": world.newcomer.pk, "organisation": "Sabour BAU"},
            "json",
        ),
    ),
    "assessment save": Write(
        at(S.SCORING),
        lambda world, candidate: (
            "put",
            f"{API}/candidates/{candidate.pk}/assessment/",
            {"scores": {code: {"value": value} for code, value in OCOP_SCORES.items()}},
            "json",
        ),
    ),
    "attachment add, draft": Write(at(S.DRAFT), attach),
    "attachment add, scoring": Write(at(S.SCORING), attach),
    "scorecard derive": Write(
        shipped("odop-india", "1"),
        lambda world, scorecard: (
            "post",
            f"{API}/scorecards/{scorecard.pk}/derive/",
            {"version": "2", "weights": {"A1": "20", "A2": "5"}},
            "json",
        ),
    ),
    "scorecard weights": Write(
        draft_version,
        lambda world, scorecard: (
            "patch",
            f"{API}/scorecards/{scorecard.pk}/weights/",
            {"weights": {"A1": "15", "A2": "10"}},
            "json",
        ),
    ),
    "scorecard publish": Write(
        draft_version,
        lambda world, scorecard: ("post", f"{API}/scorecards/{scorecard.pk}/publish/", {}, "json"),
    ),
    "scorecard adopt": Write(
        shipped("ocop-vietnam", "2023"),
        lambda world, scorecard: (
            "post",
            f"{API}/states/10/scorecard/",
            {"scorecard": scorecard.pk},
            "json",
        ),
    ),
}

# Expected status per role, in the order of ROLES. 404: the user may not see the candidate
# (or the draft scorecard); 403: they see it but may not do this.
# fmt: off
MATRIX: dict[str, tuple[int, ...]] = {
    #                           anon  nat  own  other  own  other prod buyer miss  seat unseat
    #                                      State State  dist  dist
    "candidate create":        (401, 201, 201, 403,  201, 403,  403, 403,  403,  403, 403),
    "candidate update":        (401, 200, 200, 404,  200, 404,  404, 404,  404,  403, 404),
    "propose":                 (401, 200, 200, 404,  200, 404,  404, 404,  404,  404, 404),
    "withdraw":                (401, 200, 200, 404,  200, 404,  404, 404,  404,  404, 404),
    "open scoring":            (401, 200, 200, 404,  200, 404,  404, 404,  404,  403, 404),
    "approve":                 (401, 200, 200, 404,  403, 404,  404, 404,  404,  403, 404),
    "return":                  (401, 200, 200, 404,  403, 404,  404, 404,  404,  403, 404),
    "reject":                  (401, 200, 200, 404,  403, 404,  404, 404,  404,  403, 404),
    "publish":                 (401, 200, 403, 404,  403, 404,  404, 404,  404,  403, 404),
    "committee add":           (401, 201, 201, 404,  201, 404,  404, 404,  404,  403, 404),
    "assessment save":         (401, 403, 403, 404,  403, 404,  404, 404,  404,  200, 404),
    "attachment add, draft":   (401, 201, 201, 404,  201, 404,  404, 404,  404,  404, 404),
    "attachment add, scoring": (401, 403, 403, 404,  403, 404,  404, 404,  404,  201, 404),
    "scorecard derive":        (401, 201, 403, 403,  403, 403,  403, 403,  403,  403, 403),
    "scorecard weights":       (401, 200, 404, 404,  404, 404,  404, 404,  404,  404, 404),
    "scorecard publish":       (401, 200, 404, 404,  404, 404,  404, 404,  404,  404, 404),
    "scorecard adopt":         (401, 201, 201, 403,  403, 403,  403, 403,  403,  403, 403),
}
# fmt: on


def test_every_write_endpoint_is_in_the_matrix() -> None:
    assert set(MATRIX) == set(WRITES)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_write(world: SimpleNamespace, endpoint: str, who: str) -> None:
    # given
    write = WRITES[endpoint]
    method, url, payload, content = write.request(world, write.target(world))
    before = database_state()

    # when
    response = getattr(client_for(world, who), method)(url, payload, format=content)

    # then
    expected = MATRIX[endpoint][ROLES.index(who)]
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert database_state() == before
        return
    assert database_state() != before
    if url.endswith("/transition/"):
        event = CandidateEvent.objects.latest("pk")
        assert (event.actor, event.to_status, event.note) == (
            world.users[who],
            payload["to_status"],
            "matrix",
        )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "candidates/999999/"),
        ("post", "candidates/999999/transition/"),
        ("post", "candidates/999999/committee/"),
        ("put", "candidates/999999/assessment/"),
        ("post", "candidates/999999/attachments/"),
        ("post", "scorecards/999999/derive/"),
        ("patch", "scorecards/999999/weights/"),
        ("post", "scorecards/999999/publish/"),
        ("post", "states/999999/scorecard/"),
    ],
)
def test_unknown_objects_answer_404(world: SimpleNamespace, method: str, path: str) -> None:
    response = getattr(client_for(world, "national_admin"), method)(
        f"{API}/{path}", {}, format="json"
    )

    assert response.status_code == 404
