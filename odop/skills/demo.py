"""Demo training for `make run` (demo mode only, issue 15): a programme of the national
ODOP cell and two batches in the demo district trained by demo-trainer.

The programme is the one the issue names (a 10-day residential skill training with a
toolkit). One batch is running (started three days ago, the demo producer's person selected,
so demo-trainer has attendance to mark today); one opens next month (demo-producer can apply).
Every write goes through the services; names say "Demo"; seats and ages are illustrations.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from odop.accounts.models import User
from odop.geography.models import District
from odop.producers.models import Producer, ProducerStatus
from odop.skills import services
from odop.skills.models import ApplicationStatus, Batch, Programme, ProgrammeKind

PROGRAMME_NAME = "Demo: residential skill training with toolkit"
PROGRAMME_DAYS = 10
VENUE = "Demo training hall, District Industries Centre"


@transaction.atomic
def skills_demo_ensure(*, district: District | None) -> list[Batch]:
    """The demo programme and its two batches, if missing (found by programme and start
    relative to their first creation: re-running adds nothing)."""
    admin = User.objects.filter(username="demo-national").first()
    officer = User.objects.filter(username="demo-district").first()
    trainer = User.objects.filter(username="demo-trainer").first()
    if district is None or admin is None or officer is None or trainer is None:
        return []
    programme = Programme.objects.filter(name=PROGRAMME_NAME).first() or services.programme_create(
        actor=admin,
        name=PROGRAMME_NAME,
        name_hi="डेमो: टूलकिट सहित आवासीय कौशल प्रशिक्षण",
        kind=ProgrammeKind.SKILL,
        duration_days=PROGRAMME_DAYS,
        residential=True,
        toolkit=True,
        description="Demo programme for trying the training pages.",
    )
    if programme.batches.exists():
        return list(programme.batches.all())
    today = timezone.localdate()
    starts = (today - dt.timedelta(days=3), today + dt.timedelta(days=30))
    batches = [
        services.batch_create(
            actor=officer,
            programme=programme,
            district=district,
            trainer=trainer,
            start_date=start,
            end_date=start + dt.timedelta(days=PROGRAMME_DAYS - 1),
            venue=VENUE,
            seats=20,
            age_min=18,
            age_max=60,
        )
        for start in starts
    ]
    producer = Producer.objects.filter(
        user__username="demo-producer", district=district, status=ProducerStatus.VERIFIED
    ).first()
    if producer is not None and producer.user is not None:
        running = batches[0]
        application = services.application_submit(
            actor=producer.user,
            batch=running,
            producer=producer,
            applicant_name=producer.name,
            age=35,
            today=running.start_date - dt.timedelta(days=1),
        )
        services.application_decide(
            actor=officer, application=application, status=ApplicationStatus.SELECTED
        )
    return batches
