"""Building blocks shared by every app. Nothing here knows about a domain."""

from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    """Abstract base: every domain row records when it was created and last changed."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
