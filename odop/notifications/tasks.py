"""Background jobs of notifications: deliver one queued message, with retries."""

from django.tasks import task

from odop.core.background import task_retrying
from odop.notifications.services import notification_deliver


@task(takes_context=True)
@task_retrying()
def notification_send_run(*, log_id: int) -> str:
    """Send the message of `NotificationLog` `log_id`; a failure raises, and the wrapper
    enqueues the next attempt with backoff (the last attempt's error marks the job failed)."""
    return notification_deliver(log_id=log_id).outcome
