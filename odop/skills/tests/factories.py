"""factory_boy factories of training, and a ready-made cast (`Cast`) for the role matrix.
Call `.create()` / `.build()` explicitly."""

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District
from odop.geography.tests.factories import DistrictFactory
from odop.producers.models import Producer, ProducerStatus
from odop.producers.tests.factories import ProducerFactory
from odop.skills.models import Application, ApplicationStatus, Batch, Programme, ProgrammeKind


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Skill training {n}")
    name_hi = "कौशल प्रशिक्षण"
    kind = ProgrammeKind.SKILL
    duration_days = 10
    residential = True
    toolkit = True
    pass_mark = 50
    attendance_required_percent = 80


class BatchFactory(DjangoModelFactory):
    class Meta:
        model = Batch

    programme = factory.SubFactory(ProgrammeFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    end_date = factory.LazyAttribute(
        lambda batch: batch.start_date + dt.timedelta(days=batch.programme.duration_days - 1)
    )
    venue = "Training hall"
    district = factory.SubFactory(DistrictFactory)
    trainer = factory.SubFactory(UserFactory, role=Role.TRAINER)
    seats = 2
    age_min = 18
    age_max = 60
    created_by = factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN)


def verified_producer(district: District, user: User | None = None) -> Producer:
    """A verified producer of `district` (verified by one of its officers)."""
    verifier = UserFactory.create(role=Role.DISTRICT_OFFICER, district=district)
    return ProducerFactory.create(
        district=district, user=user, status=ProducerStatus.VERIFIED, verified_by=verifier
    )


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    batch = factory.SubFactory(BatchFactory)
    producer = factory.LazyAttribute(
        lambda application: verified_producer(application.batch.district)
    )
    applicant_name = factory.Sequence(lambda n: f"Trainee {n}")
    age = 30
    status = ApplicationStatus.APPLIED
    entered_by = factory.LazyAttribute(
        lambda application: application.producer.user or UserFactory.create()
    )


@dataclass
class Cast:
    """Everyone the role matrix asks about one batch in `district`."""

    district: District
    other_district: District
    national: User
    state_officer: User
    district_officer: User
    other_district_officer: User
    trainer: User
    other_trainer: User
    producer_user: User
    producer: Producer
    other_producer_user: User
    buyer: User


def cast() -> Cast:
    district = DistrictFactory.create()
    other = DistrictFactory.create(state=district.state)
    producer_user = UserFactory.create(role=Role.PRODUCER)
    other_producer_user = UserFactory.create(role=Role.PRODUCER)
    producer = verified_producer(district, producer_user)
    verified_producer(other, other_producer_user)
    return Cast(
        district=district,
        other_district=other,
        national=UserFactory.create(role=Role.NATIONAL_ADMIN),
        state_officer=UserFactory.create(role=Role.STATE_OFFICER, state=district.state),
        district_officer=UserFactory.create(role=Role.DISTRICT_OFFICER, district=district),
        other_district_officer=UserFactory.create(role=Role.DISTRICT_OFFICER, district=other),
        trainer=UserFactory.create(role=Role.TRAINER, district=district),
        other_trainer=UserFactory.create(role=Role.TRAINER, district=district),
        producer_user=producer_user,
        producer=producer,
        other_producer_user=other_producer_user,
        buyer=UserFactory.create(role=Role.BUYER),
    )
