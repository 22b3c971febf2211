"""The messages grievances send through `odop.notifications` (filed, routed, escalated, interim
reply, answered, appealed), in English and Hindi, and who receives each.

The filer (and the producer a grievance was filed for) hears of every move on their grievance;
the officers who must answer hear when it reaches them. Messages carry the public number, the
level and dates, never the grievance's text: an SMS may be read by anyone holding the phone.
`notify` logs each message and sends it only on channels the person agreed to.
"""

from collections.abc import Iterable
from typing import Final

from django.utils.formats import date_format

from odop.accounts.models import User
from odop.grievances.models import Grievance, Level
from odop.grievances.selectors import officers_answering_at
from odop.notifications.events import notification_event_register
from odop.notifications.services import notify

FILED: Final = "grievance_filed"
ROUTED: Final = "grievance_routed"
ESCALATED: Final = "grievance_escalated"
INTERIM_REPLY: Final = "grievance_interim_reply"
ANSWERED: Final = "grievance_answered"
APPEALED: Final = "grievance_appealed"

notification_event_register(
    FILED,
    subject_en="Grievance {{ number }} filed",
    subject_hi="शिकायत {{ number }} दर्ज हुई",
    body_en="Your grievance {{ number }} is filed. A reply is due by {{ due_by }}.",
    body_hi="आपकी शिकायत {{ number }} दर्ज हो गई है। उत्तर {{ due_by }} तक देय है।",
)
notification_event_register(
    ROUTED,
    subject_en="Grievance {{ number }} to answer",
    subject_hi="उत्तर देने हेतु शिकायत {{ number }}",
    body_en="Grievance {{ number }} waits for your reply by {{ due_by }}.",
    body_hi="शिकायत {{ number }} पर {{ due_by }} तक आपका उत्तर अपेक्षित है।",
)
notification_event_register(
    ESCALATED,
    subject_en="Grievance {{ number }} escalated",
    subject_hi="शिकायत {{ number }} आगे बढ़ाई गई",
    body_en="Grievance {{ number }} went up to the {{ level }} level; a reply is due by "
    "{{ due_by }}.",
    body_hi="शिकायत {{ number }} {{ level_hi }} स्तर पर भेजी गई; उत्तर {{ due_by }} तक देय है।",
)
notification_event_register(
    INTERIM_REPLY,
    subject_en="Grievance {{ number }}: more time needed",
    subject_hi="शिकायत {{ number }}: अधिक समय चाहिए",
    body_en="The officer needs more time on grievance {{ number }}: the reply is expected by "
    "{{ expected_by }}.",
    body_hi="शिकायत {{ number }} पर अधिकारी को अधिक समय चाहिए: उत्तर {{ expected_by }} तक अपेक्षित है।",
)
notification_event_register(
    ANSWERED,
    subject_en="Grievance {{ number }} answered",
    subject_hi="शिकायत {{ number }} का उत्तर",
    body_en="Grievance {{ number }} has a reply. Read it and rate it on the platform.",
    body_hi="शिकायत {{ number }} का उत्तर आ गया है। प्लेटफ़ॉर्म पर पढ़ें और रेटिंग दें।",
)
notification_event_register(
    APPEALED,
    subject_en="Grievance {{ number }} appealed",
    subject_hi="शिकायत {{ number }} पर अपील",
    body_en="Grievance {{ number }} is appealed to the {{ level }} level; a reply is due by "
    "{{ due_by }}.",
    body_hi="शिकायत {{ number }} पर {{ level_hi }} स्तर पर अपील हुई; उत्तर {{ due_by }} तक देय है।",
)

LEVEL_HI: Final = {Level.DISTRICT: "ज़िला", Level.STATE: "राज्य", Level.NATIONAL: "राष्ट्रीय"}


def _context(grievance: Grievance) -> dict[str, str]:
    return {
        "number": grievance.number or "",
        "level": grievance.level,
        "level_hi": LEVEL_HI.get(Level(grievance.level), grievance.level),
        "due_by": date_format(grievance.due_by, "d-m-Y"),
        "expected_by": date_format(grievance.expected_by, "d-m-Y") if grievance.expected_by else "",
    }


def parties(grievance: Grievance) -> list[User]:
    """The filer, and the producer's own account when filed for a producer."""
    people = [grievance.filed_by]
    producer = grievance.producer
    if producer is not None and producer.user is not None and producer.user_id != people[0].pk:
        people.append(producer.user)
    return people


def answering_officers(grievance: Grievance) -> Iterable[User]:
    """The active officers of the grievance's level for its district, parties excepted."""
    officers = officers_answering_at(level=grievance.level, district=grievance.district)
    return officers.exclude(pk__in=[person.pk for person in parties(grievance)])


def grievance_notify(grievance: Grievance, event: str) -> None:
    """Tell the people concerned about `event` on `grievance` (inside the service's transaction:
    the logs are written with the move, the sends run after commit)."""
    context = _context(grievance)
    to_parties = event in (FILED, ESCALATED, INTERIM_REPLY, ANSWERED)
    to_officers = event in (ROUTED, ESCALATED, APPEALED)
    if to_parties:
        for person in parties(grievance):
            notify(user=person, event=event, context=context)
    if to_officers:
        officer_event = ROUTED if event == ESCALATED else event
        for officer in answering_officers(grievance):
            notify(user=officer, event=officer_event, context=context)
