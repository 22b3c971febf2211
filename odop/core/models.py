"""Building blocks shared by every app. Nothing here knows about a domain."""

from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    """Abstract base: every domain row records when it was created and last changed."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def row_create[M: models.Model](model: type[M], /, **fields: object) -> M:
    """Create a row only after `full_clean()`: field ranges, lengths and named constraints are
    checked before anything is written, so a bad value is a `ValidationError` (a 400), never
    a row the database or a later read chokes on (issue #10: an order total that overflowed
    its column was committed, and every page that read it failed from then on)."""
    row = model(**fields)
    row.full_clean()
    row.save(force_insert=True)
    return row
