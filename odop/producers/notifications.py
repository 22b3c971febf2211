"""The producer registry's messages (issue 14): a certificate about to expire is told to its
producer through `odop.notifications`, only on the channels the producer's account agreed to."""

from django.utils import formats, translation

from odop.notifications.events import notification_event_register
from odop.notifications.services import notify
from odop.producers.models import Certification

EVENT_CERTIFICATE_EXPIRING = "producers.certificate_expiring"

notification_event_register(
    EVENT_CERTIFICATE_EXPIRING,
    subject_en="Your certificate expires on {{ date }}",
    subject_hi="आपका प्रमाणपत्र {{ date }} को समाप्त हो रहा है",
    body_en=(
        "{{ kind }} {{ number }} of {{ producer }} expires on {{ date }}. Renew it to keep its "
        "badge on your ODOP Bazaar listings."
    ),
    body_hi=(
        "{{ producer }} का {{ kind }} {{ number }} {{ date }} को समाप्त हो रहा है। ओडीओपी बाज़ार की "
        "लिस्टिंग पर इसका बैज बनाए रखने के लिए इसका नवीनीकरण कराएँ।"
    ),
)


def certificate_expiring_notify(certification: Certification) -> bool:
    """Tell the producer's account holder that `certification` expires soon. False when the
    producer has no account (their officer sees the expiry list instead)."""
    user = certification.producer.user
    if user is None:
        return False
    with translation.override(user.preferred_language):
        context = {
            "kind": str(certification.get_kind_display()),
            "number": certification.number,
            "producer": certification.producer.name,
            "date": formats.date_format(certification.valid_until, "DATE_FORMAT"),
        }
    notify(user=user, event=EVENT_CERTIFICATE_EXPIRING, context=context)
    return True
