"""The grievance block of "My work" (issue 14): an officer's overdue and due-soon grievances,
absent for those with nothing waiting."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from odop.grievances.models import Grievance, GrievanceCategory
from odop.grievances.services import grievance_file
from odop.grievances.tests.factories import place_with_officers
from odop.workspace.selectors import workspace_blocks
from odop.workspace.selectors.grievances import grievances_block

pytestmark = pytest.mark.django_db


def test_block_counts_overdue_and_due_soon_for_the_answering_officer(
    django_assert_num_queries: Any,
) -> None:
    # given two grievances in the district: one overdue, one due in 3 days
    place = place_with_officers()
    today = timezone.localdate()
    category = GrievanceCategory.objects.get(code="payment")
    filed = [
        grievance_file(
            actor=place.buyer,
            category=category,
            subject=f"Payment {n}",
            description="Not paid.",
            district=place.district,
        )
        for n in range(2)
    ]
    Grievance.objects.filter(pk=filed[0].pk).update(
        filed_on=today - dt.timedelta(days=30), due_by=today - dt.timedelta(days=9)
    )
    Grievance.objects.filter(pk=filed[1].pk).update(due_by=today + dt.timedelta(days=3))

    # when the district officer's block is read
    with django_assert_num_queries(2):
        block = grievances_block(user=place.district_officer, today=today)

    # then
    assert block is not None
    assert [(link.count, link.urgent) for link in block.links] == [(1, True), (1, False)]
    assert [row.urgent for row in block.rows] == [True, False]
    assert block.rows[0].url == f"/grievances/{filed[0].pk}/"
    assert "grievances" in [b.key for b in workspace_blocks(user=place.district_officer)]
    assert grievances_block(user=place.state_officer, today=today) is None
    assert grievances_block(user=place.buyer, today=today) is None
