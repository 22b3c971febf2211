"""factory_boy factories of export plans and first-time exporters. Call `.create()`."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.exports.models import (
    Bottleneck,
    BottleneckType,
    CommitteeMember,
    ExporterCandidate,
    ExportPlan,
    ExportTarget,
    PlanStatus,
    TargetKind,
    TargetProgress,
)
from odop.geography.tests.factories import DistrictFactory


class ExportPlanFactory(DjangoModelFactory):
    class Meta:
        model = ExportPlan

    district = factory.SubFactory(DistrictFactory)
    start_year = 2025
    end_year = 2027
    status = PlanStatus.DRAFT
    created_by = factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN)


class ExportTargetFactory(DjangoModelFactory):
    class Meta:
        model = ExportTarget

    plan = factory.SubFactory(ExportPlanFactory)
    kind = TargetKind.EXPORT_VALUE_USD
    target_value = Decimal("1000000")
    baseline = Decimal(0)


class TargetProgressFactory(DjangoModelFactory):
    class Meta:
        model = TargetProgress

    target = factory.SubFactory(ExportTargetFactory)
    date = date(2025, 6, 30)
    value = Decimal(0)
    reported_by = factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN)


class BottleneckFactory(DjangoModelFactory):
    class Meta:
        model = Bottleneck

    plan = factory.SubFactory(ExportPlanFactory)
    type = BottleneckType.TESTING
    description = "No NABL lab within 200 km"
    owner_name = "District Industries Centre"


class CommitteeMemberFactory(DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    plan = factory.SubFactory(ExportPlanFactory)
    name = factory.Sequence(lambda n: f"Member {n}")


class ExporterCandidateFactory(DjangoModelFactory):
    class Meta:
        model = ExporterCandidate

    producer_name = factory.Sequence(lambda n: f"Producer {n}")
    district = factory.SubFactory(DistrictFactory)
    product = "Brassware"
    created_by = factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN)
