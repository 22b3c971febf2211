"""The product-selection pages (issue #3): who may open each page, the forms moving the
workflow (with history), the assessor's form, blind scores, evidence, and query counts."""

import re
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.models import Sector
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory
from odop.selection import services
from odop.selection.models import (
    Assessment,
    AssessmentStatus,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    CommitteeMember,
    ScorecardStatus,
    ScorecardVersion,
)
from odop.selection.services import ScoreInput

pytestmark = pytest.mark.django_db

S = CandidateStatus
PAGE_SIZE_LIMIT = 150 * 1024
ODOP_CODES = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]


def _text(response) -> str:
    """The page as text with tags removed and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    """Bihar (Patna with Makhana in the registry, Gaya with nothing) and Odisha (Baleshwar,
    nothing); an officer of each kind and scope, four assessors and a buyer."""
    services.scorecards_install()
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    gaya = DistrictFactory.create(lgd_code=193, name="Gaya", state=bihar)
    baleshwar = DistrictFactory.create(lgd_code=346, name="Baleshwar", state=odisha)
    makhana = ProductTypeFactory.create(name="Makhana")
    DistrictProductFactory.create(
        district=patna, product_type=makhana, sector=Sector.FOOD_PROCESSING
    )
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        gaya=gaya,
        baleshwar=baleshwar,
        makhana=makhana,
        national=UserFactory.create(username="national", role=Role.NATIONAL_ADMIN),
        state_officer=UserFactory.create(username="bihar", role=Role.STATE_OFFICER, state=bihar),
        other_state_officer=UserFactory.create(
            username="odisha", role=Role.STATE_OFFICER, state=odisha
        ),
        district_officer=UserFactory.create(
            username="patna", role=Role.DISTRICT_OFFICER, district=patna
        ),
        other_district_officer=UserFactory.create(
            username="gaya", role=Role.DISTRICT_OFFICER, district=gaya
        ),
        assessors=[
            UserFactory.create(username=f"assessor{number}", role=Role.ASSESSOR)
            for number in (1, 2, 3)
        ],
        outsider=UserFactory.create(username="outsider", role=Role.ASSESSOR),
        buyer=UserFactory.create(username="buyer", role=Role.BUYER),
    )


def ocop_2023() -> ScorecardVersion:
    return ScorecardVersion.objects.get(key="ocop-vietnam", version="2023")


def draft(world: SimpleNamespace, *, name: str = "Sikki grass craft", **kwargs) -> Candidate:
    return services.candidate_create(
        actor=world.district_officer, district=world.patna, name=name, **kwargs
    )


def in_scoring(world: SimpleNamespace, **kwargs) -> Candidate:
    """A Patna candidate with the three assessors seated and scoring open."""
    officer = world.district_officer
    candidate = draft(world, **kwargs)
    services.candidate_transition(actor=officer, candidate=candidate, to_status=S.PROPOSED)
    for assessor in world.assessors:
        services.committee_member_add(
            actor=officer, candidate=candidate, assessor=assessor, organisation="University"
        )
    return services.candidate_transition(actor=officer, candidate=candidate, to_status=S.SCORING)


def ocop_scores(a: str, b: str, c: str) -> dict[str, ScoreInput]:
    return {code: ScoreInput(Decimal(value)) for code, value in zip("ABC", (a, b, c), strict=True)}


def scored(world: SimpleNamespace) -> Candidate:
    """An OCOP 2023 candidate all three assessors scored: totals 90, 80 and 70.5."""
    candidate = in_scoring(world, scorecard=ocop_2023())
    for assessor, scores in zip(
        world.assessors,
        (("40", "25", "25"), ("35", "20", "25"), ("30", "20.5", "20")),
        strict=True,
    ):
        services.assessment_save(
            actor=assessor, candidate=candidate, scores=ocop_scores(*scores), submit=True
        )
    candidate.refresh_from_db()
    return candidate


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def who(world: SimpleNamespace, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name.startswith("assessor"):
        return world.assessors[int(name[-1]) - 1]
    return getattr(world, name)


# --- Who may open which page ------------------------------------------------------------

LIST_MATRIX = [
    ("anonymous", 302),
    ("buyer", 404),
    ("national", 200),
    ("state_officer", 200),
    ("district_officer", 200),
    ("assessor1", 200),
]


@pytest.mark.parametrize(("_case", "expected"), LIST_MATRIX)
def test_candidate_list_is_for_officers_and_assessors(world, _case, expected):
    response = client_for(who(world, _case)).get(reverse("selection:candidates"))

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("_case", "expected"),
    [
        ("anonymous", 302),
        ("buyer", 404),
        ("assessor1", 404),
        ("national", 200),
        ("state_officer", 200),
        ("district_officer", 200),
    ],
)
def test_proposal_form_is_for_officers(world, _case, expected):
    response = client_for(who(world, _case)).get(reverse("selection:candidate-new"))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("_case", "expected"),
    [
        ("anonymous", 302),
        ("buyer", 404),
        ("outsider", 404),
        ("other_state_officer", 404),
        ("other_district_officer", 404),
        ("assessor1", 200),
        ("national", 200),
        ("state_officer", 200),
        ("district_officer", 200),
    ],
)
def test_candidate_page_answers_404_outside_the_scope(world, _case, expected):
    candidate = in_scoring(world)

    response = client_for(who(world, _case)).get(
        reverse("selection:candidate", args=[candidate.pk])
    )

    assert response.status_code == expected


def test_unknown_candidate_is_404_like_an_invisible_one(world):
    response = client_for(world.national).get(reverse("selection:candidate", args=[999999]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("_case", "expected"),
    [
        ("anonymous", 302),
        ("buyer", 404),
        ("outsider", 404),
        ("national", 404),
        ("district_officer", 404),
        ("assessor1", 200),
    ],
)
def test_assessment_form_is_for_the_committee_only(world, _case, expected):
    candidate = in_scoring(world)

    response = client_for(who(world, _case)).get(
        reverse("selection:assessment", args=[candidate.pk])
    )

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("_case", "expected"),
    [
        ("anonymous", 302),
        ("buyer", 404),
        ("assessor1", 404),
        ("national", 200),
        ("state_officer", 200),
        ("district_officer", 200),
    ],
)
def test_dashboard_is_for_officers(world, _case, expected):
    response = client_for(who(world, _case)).get(reverse("selection:dashboard"))

    assert response.status_code == expected


def test_scorecards_are_public_and_drafts_are_for_national_admins(world):
    # given a draft derived by a national admin
    base = ScorecardVersion.objects.get(key="odop-india", version="1")
    weights = {code: Decimal("12.5") for code in ODOP_CODES}
    weights["A1"], weights["A2"] = Decimal("20"), Decimal("5")
    services.scorecard_version_derive(
        actor=world.national, base=base, version="2-draft", weights=weights
    )

    # when the public and a national admin open the scorecards
    public = Client().get(reverse("selection:scorecards"))
    national = client_for(world.national).get(reverse("selection:scorecards"))

    # then both see the published versions in full, only the admin the draft
    assert public.status_code == 200
    text = _text(public)
    for version in ScorecardVersion.objects.filter(status=ScorecardStatus.PUBLISHED):
        assert f'id="scorecard-{version.pk}"' in public.content.decode()
    assert "Part A: Product and community strength (40 points)" in text
    assert "5 ★ 90 to 100" in text
    assert "4 ★ 70 to below 90" in text
    assert "district: up to 3 stars" in text
    assert "Perishability" in text
    assert "2-draft" not in text
    assert "version 2-draft" in _text(national)
    assert len(public.content) <= PAGE_SIZE_LIMIT


# --- Proposing and moving ---------------------------------------------------------------


def test_district_officer_proposes_a_product_for_their_district(world):
    client = client_for(world.district_officer)
    form = client.get(reverse("selection:candidate-new"))
    assert [district.name for district in form.context["form"].fields["district"].queryset] == [
        "Patna"
    ]

    response = client.post(
        reverse("selection:candidate-new"),
        {
            "district": world.patna.pk,
            "name": "Sikki grass craft",
            "description": "Golden grass woven into baskets.",
            "sector": Sector.HANDICRAFT,
            "producer_organisation": "Patna Sikki SHG",
            "scorecard": "",
        },
    )

    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("selection:candidate", args=[candidate.pk])
    assert (candidate.district, candidate.status, candidate.proposed_by) == (
        world.patna,
        S.DRAFT,
        world.district_officer,
    )
    assert candidate.scorecard.key == "odop-india"
    assert candidate.sector == Sector.HANDICRAFT
    assert list(CandidateEvent.objects.values_list("from_status", "to_status")) == [
        (S.DRAFT, S.DRAFT)
    ]


def test_district_officer_cannot_propose_for_another_district(world):
    response = client_for(world.district_officer).post(
        reverse("selection:candidate-new"),
        {"district": world.gaya.pk, "name": "Stone craft", "sector": ""},
    )

    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert Candidate.objects.exists() is False


def test_state_officer_chooses_among_their_states_districts(world):
    response = client_for(world.state_officer).get(reverse("selection:candidate-new"))

    queryset = response.context["form"].fields["district"].queryset
    assert [district.name for district in queryset] == ["Gaya", "Patna"]


def test_posting_the_forms_walks_the_workflow_with_history(world):
    # given a draft and its district officer
    candidate = draft(world)
    officer = client_for(world.district_officer)
    move = reverse("selection:candidate-move", args=[candidate.pk])

    # when the officer proposes it, seats three assessors and opens scoring
    response = officer.post(move, {"to_status": S.PROPOSED, "note": "Sent by the DIC"})
    assert response.status_code == 302
    for assessor in world.assessors:
        response = officer.post(
            reverse("selection:committee-add", args=[candidate.pk]),
            {"username": assessor.username, "organisation": "Agricultural University"},
        )
        assert response.status_code == 302
    response = officer.post(move, {"to_status": S.SCORING, "note": ""})
    assert response.status_code == 302

    # then the candidate is scoring, with a history row for every move
    candidate.refresh_from_db()
    assert candidate.status == S.SCORING
    assert CommitteeMember.objects.filter(candidate=candidate).count() == 3
    assert list(
        CandidateEvent.objects.filter(candidate=candidate).values_list(
            "from_status", "to_status", "actor", "note"
        )
    ) == [
        (S.DRAFT, S.DRAFT, world.district_officer.pk, "Proposal started"),
        (S.DRAFT, S.PROPOSED, world.district_officer.pk, "Sent by the DIC"),
        (S.PROPOSED, S.SCORING, world.district_officer.pk, ""),
    ]
    page = _text(officer.get(reverse("selection:candidate", args=[candidate.pk])))
    assert "patna : Draft → Proposed by the district Sent by the DIC" in page
    assert "Committee scoring" in page


def test_a_refused_move_shows_the_reason_and_changes_nothing(world):
    # given a proposed candidate with no committee
    candidate = draft(world)
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.PROPOSED
    )

    # when the officer tries to open scoring
    response = client_for(world.district_officer).post(
        reverse("selection:candidate-move", args=[candidate.pk]), {"to_status": S.SCORING}
    )

    # then the page explains and the candidate stays where it was
    assert response.status_code == 200
    assert "Scoring needs a committee of at least 3 assessors (now 0)." in _text(response)
    candidate.refresh_from_db()
    assert candidate.status == S.PROPOSED
    assert CandidateEvent.objects.filter(candidate=candidate).count() == 2


def test_a_move_that_is_not_the_users_is_403_and_an_invisible_candidate_404(world):
    candidate = scored(world)
    move = reverse("selection:candidate-move", args=[candidate.pk])

    district = client_for(world.district_officer).post(move, {"to_status": S.STATE_APPROVED})
    other_state = client_for(world.other_state_officer).post(move, {"to_status": S.STATE_APPROVED})

    assert district.status_code == 403
    assert other_state.status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == S.SCORED


def test_each_officer_sees_only_the_moves_they_may_make(world):
    candidate = scored(world)
    url = reverse("selection:candidate", args=[candidate.pk])

    state = client_for(world.state_officer).get(url)
    district = client_for(world.district_officer).get(url)

    assert [label for _value, label, _setback in state.context["moves"]] == [
        "Approve",
        "Return to the district",
        "Reject",
    ]
    assert 'name="to_status" value="state_approved"' in state.content.decode()
    assert district.context["moves"] == []
    assert "to_status" not in district.content.decode()


def test_committee_form_is_shown_while_proposed_and_refuses_unknown_users(world):
    candidate = draft(world)
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.PROPOSED
    )
    client = client_for(world.district_officer)

    page = client.get(reverse("selection:candidate", args=[candidate.pk]))
    response = client.post(
        reverse("selection:committee-add", args=[candidate.pk]), {"username": "nobody"}
    )

    assert "Add an assessor" in _text(page)
    assert response.status_code == 200
    assert "No active user has this username." in _text(response)
    assert CommitteeMember.objects.exists() is False


def test_committee_form_refuses_a_conflict_of_interest(world):
    candidate = draft(world, producer_organisation="Patna Sikki SHG")
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.PROPOSED
    )

    response = client_for(world.district_officer).post(
        reverse("selection:committee-add", args=[candidate.pk]),
        {"username": "assessor1", "organisation": "patna sikki  shg"},
    )

    assert response.status_code == 200
    assert "This assessor belongs to the candidate" in _text(response)
    assert CommitteeMember.objects.exists() is False


def test_committee_cannot_be_changed_by_an_assessor(world):
    candidate = draft(world)
    services.candidate_transition(
        actor=world.district_officer, candidate=candidate, to_status=S.PROPOSED
    )
    services.committee_member_add(
        actor=world.district_officer, candidate=candidate, assessor=world.assessors[0]
    )

    response = client_for(world.assessors[0]).post(
        reverse("selection:committee-add", args=[candidate.pk]), {"username": "assessor2"}
    )

    assert response.status_code == 403
    assert CommitteeMember.objects.filter(candidate=candidate).count() == 1


def test_overdue_stage_is_highlighted(world):
    candidate = draft(world)
    Candidate.objects.filter(pk=candidate.pk).update(
        stage_due_at=timezone.now() - timedelta(days=3)
    )

    response = client_for(world.district_officer).get(
        reverse("selection:candidate", args=[candidate.pk])
    )

    assert response.context["is_overdue"] is True
    assert '<strong class="overdue">Overdue since' in response.content.decode()


# --- The assessor's form ----------------------------------------------------------------


def test_assessment_form_has_one_field_per_criterion_with_its_scale(world):
    candidate = in_scoring(world)  # ODOP India, no product type: every criterion by hand

    response = client_for(world.assessors[0]).get(
        reverse("selection:assessment", args=[candidate.pk])
    )

    html = response.content.decode()
    assert [row.criterion.code for row in response.context["rows"]] == ODOP_CODES
    for code in ODOP_CODES:
        assert re.search(
            rf'<input type="number" name="value_{code}" min="1" max="5" step="1"', html
        ), code
        assert f'name="note_{code}"' in html
    assert "Perishability" in html
    assert "Scale 1–5 in steps of 1; worth up to 12.50 points." in _text(response)
    assert 'value="draft"' in html and 'value="submit"' in html


def test_computed_criterion_takes_its_value_from_the_evidence(world):
    # given a Makhana candidate: no other Bihar district lists Makhana → A3 scores 5
    candidate = in_scoring(world, name="Makhana")
    assert candidate.product_type == world.makhana

    response = client_for(world.assessors[0]).get(
        reverse("selection:assessment", args=[candidate.pk])
    )

    html = response.content.decode()
    assert 'name="value_A3"' not in html
    assert 'name="value_A1"' in html  # no district statistics: scored by hand
    assert "Computed from the evidence: 5" in _text(response)
    assert "National ODOP list (registry)." in _text(response)


def test_assessor_saves_a_draft_then_submits(world):
    candidate = in_scoring(world, scorecard=ocop_2023())
    client = client_for(world.assessors[0])
    url = reverse("selection:assessment", args=[candidate.pk])

    # a draft with one part scored
    response = client.post(url, {"value_A": "32.5", "note_A": "Strong FPO", "action": "draft"})
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == AssessmentStatus.DRAFT
    assert {s.criterion: (s.value, s.note) for s in assessment.scores.all()} == {
        "A": (Decimal("32.5"), "Strong FPO")
    }

    # submitting it incomplete is refused, and nothing is submitted
    response = client.post(url, {"value_A": "32.5", "action": "submit"})
    assert response.status_code == 200
    assert "Score every criterion before submitting (missing: B, C)." in _text(response)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT

    # a value between the scale's steps is refused by the form
    response = client.post(url, {"value_A": "32.25", "action": "draft"})
    assert response.status_code == 200
    assert "value_A" in response.context["form"].errors

    # the complete submission is final
    response = client.post(
        url, {"value_A": "32.5", "value_B": "20", "value_C": "30", "action": "submit"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("selection:candidate", args=[candidate.pk])
    assessment.refresh_from_db()
    assert (assessment.status, assessment.total) == (AssessmentStatus.SUBMITTED, Decimal("82.5"))

    # and read-only afterwards
    page = client.get(url)
    assert page.context["editable"] is False
    assert "disabled" in page.content.decode()
    assert client.post(url, {"value_A": "40", "action": "submit"}).status_code == 403


def test_last_submission_closes_scoring_with_the_committee_result(world):
    candidate = scored(world)

    assert candidate.status == S.SCORED
    response = client_for(world.state_officer).get(
        reverse("selection:candidate", args=[candidate.pk])
    )
    text = _text(response)
    assert "Mean total 80.16 of 100" in text  # (90 + 80 + 70.5) / 3, rounded down
    assert "Spread (highest − lowest) 19.50" in text
    assert "Assessors 3" in text
    assert "Stars 4 ★" in text
    assert "Every assessor has submitted" in text


def test_scores_are_blind_on_the_candidate_page(world):
    # given the first assessor submitted and the second has a draft
    candidate = in_scoring(world, scorecard=ocop_2023())
    first, second, _third = world.assessors
    services.assessment_save(
        actor=first, candidate=candidate, scores=ocop_scores("33", "21", "27.5"), submit=True
    )
    services.assessment_save(
        actor=second, candidate=candidate, scores=ocop_scores("11", "12", "13.5")
    )
    url = reverse("selection:candidate", args=[candidate.pk])

    # when each opens the candidate page
    first_page = _text(client_for(first).get(url))
    second_page = _text(client_for(second).get(url))
    officer_page = _text(client_for(world.state_officer).get(url))

    # then nobody sees another's draft, and the second sees nothing of the first's scores
    # (first: 33 + 21 + 27.5 = 81.50; the second's draft holds 13.5 for Part C)
    assert "81.50" in first_page and "13.5" not in first_page
    assert "81.50" not in second_page and "27.5" not in second_page
    assert "assessor2 Draft" in second_page and "13.5" in second_page
    assert "81.50" in officer_page and "13.5" not in officer_page
    # everyone sees who has submitted
    for page in (first_page, second_page, officer_page):
        assert "assessor1 (University) ✓ submitted" in page
        assert "assessor2 (University) not yet submitted" in page

    # when the second submits, the first's scores appear
    services.assessment_save(
        actor=second, candidate=candidate, scores=ocop_scores("11", "12", "13.5"), submit=True
    )
    assert "81.50" in _text(client_for(second).get(url))


# --- Evidence ---------------------------------------------------------------------------


def test_evidence_shows_each_indicator_with_its_source(world):
    candidate = draft(world, name="Makhana")

    response = client_for(world.state_officer).get(
        reverse("selection:candidate", args=[candidate.pk])
    )

    text = _text(response)
    assert "No district statistics uploaded for this product" in text
    assert "Other districts of the State with it 0 National ODOP list (registry)." in text
    assert "GI registration No" in text


def test_evidence_without_a_product_type_says_no_statistics(world):
    candidate = draft(world, name="Sikki grass craft")

    text = _text(
        client_for(world.district_officer).get(reverse("selection:candidate", args=[candidate.pk]))
    )

    assert "No statistics uploaded" in text


def test_publication_shows_the_selection_on_the_public_product_page(world):
    # given a scored candidate approved by the State
    candidate = scored(world)
    client_for(world.state_officer).post(
        reverse("selection:candidate-move", args=[candidate.pk]),
        {"to_status": S.STATE_APPROVED, "note": "Approved in the State meeting"},
    )

    # when the national admin publishes it
    response = client_for(world.national).post(
        reverse("selection:candidate-move", args=[candidate.pk]),
        {"to_status": S.PUBLISHED, "note": ""},
    )

    # then the public product page shows the scorecard summary
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == S.PUBLISHED
    page = Client().get(reverse("catalogue:product", args=[candidate.district_product_id]))
    text = _text(page)
    assert "Selected by scorecard" in text
    assert "Committee score 80.16 of 100" in text
    assert "Assessors 3" in text
    assert "Stars 4 stars" in text
    assert "Vietnam OCOP product evaluation and star rating (Decision 148/QĐ-TTg, 2023)" in text


# --- The list and the dashboard ---------------------------------------------------------


def test_candidate_list_filters_by_status(world):
    in_scoring(world, name="Litchi")
    draft(world, name="Sikki grass craft")
    client = client_for(world.state_officer)

    everything = client.get(reverse("selection:candidates"))
    drafts = client.get(reverse("selection:candidates"), {"status": S.DRAFT})

    assert [c.name for c in everything.context["page"]] == ["Sikki grass craft", "Litchi"]
    assert [c.name for c in drafts.context["page"]] == ["Sikki grass craft"]
    assert "Propose a product" in _text(everything)
    assert "Propose a product" not in _text(
        client_for(world.assessors[0]).get(reverse("selection:candidates"))
    )


def test_assessor_lists_only_the_candidates_of_their_committees(world):
    in_scoring(world, name="Litchi")
    draft(world, name="Sikki grass craft")

    seated = client_for(world.assessors[0]).get(reverse("selection:candidates"))
    outsider = client_for(world.outsider).get(reverse("selection:candidates"))

    assert [c.name for c in seated.context["page"]] == ["Litchi"]
    assert list(outsider.context["page"]) == []


def test_dashboard_shows_coverage_gaps_and_stages(world):
    in_scoring(world, name="Litchi")
    late = draft(world, name="Stone craft")
    Candidate.objects.filter(pk=late.pk).update(stage_due_at=timezone.now() - timedelta(days=1))

    national = _text(client_for(world.national).get(reverse("selection:dashboard")))
    state = client_for(world.state_officer).get(reverse("selection:dashboard"))

    assert "Bihar 1 of 2 1 0%" in national
    assert "Odisha 0 of 1 0 0%" in national
    assert "Food processing" in national
    state_text = _text(state)
    assert "Odisha" not in state_text
    assert "Districts with no product yet Bihar (1) Gaya" in state_text
    assert "Draft 1 1" in state_text
    assert "Committee scoring 1 0" in state_text
    assert "Stone craft , Patna Draft · due" in state_text


def _query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(world: SimpleNamespace) -> None:
    """More of every row the list and the dashboard show."""
    for number in range(6):
        draft(world, name=f"Product {number}")
        in_scoring_candidate = draft(world, name=f"Scored {number}")
        Candidate.objects.filter(pk=in_scoring_candidate.pk).update(
            stage_due_at=timezone.now() - timedelta(days=1)
        )
    for state in StateFactory.create_batch(3):
        for district in DistrictFactory.create_batch(3, state=state):
            DistrictProductFactory.create_batch(2, district=district, sector=Sector.HANDLOOM)
        DistrictFactory.create_batch(2, state=state)


@pytest.mark.parametrize(
    ("_case", "url_name", "bound"),
    [("list", "selection:candidates", 5), ("dashboard", "selection:dashboard", 8)],
)
def test_page_runs_a_fixed_number_of_queries(world, _case, url_name, bound):
    # given a few rows
    in_scoring(world, name="Litchi")
    client = client_for(world.national)
    url = reverse(url_name)
    before = _query_count(client, url)
    assert before <= bound

    # when the rows grow
    _grow(world)

    # then the page runs as many queries as before
    assert _query_count(client, url) == before


def test_pages_are_small(world):
    candidate = scored(world)
    pages = [
        (world.national, reverse("selection:candidates")),
        (world.national, reverse("selection:candidate-new")),
        (world.national, reverse("selection:candidate", args=[candidate.pk])),
        (world.assessors[0], reverse("selection:assessment", args=[candidate.pk])),
        (world.national, reverse("selection:dashboard")),
        (None, reverse("selection:scorecards")),
    ]

    for user, url in pages:
        response = client_for(user).get(url)
        assert response.status_code == 200, url
        assert len(response.content) <= PAGE_SIZE_LIMIT, url
        assert "<img" not in response.content.decode(), url


def test_navigation_link_for_officers_and_assessors_only(world):
    url = reverse("selection:candidates")
    home = reverse("catalogue:search")

    assert f'href="{url}"' in client_for(world.district_officer).get(home).content.decode()
    assert f'href="{url}"' in client_for(world.assessors[0]).get(home).content.decode()
    assert f'href="{url}"' not in client_for(world.buyer).get(home).content.decode()
    assert f'href="{url}"' not in Client().get(home).content.decode()
