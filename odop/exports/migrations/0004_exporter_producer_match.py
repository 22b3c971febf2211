"""Link each exporter candidate to its producer record (issue 11), keeping every candidate.

A candidate is linked only when exactly one producer matches, tried in this order: the same
account (`user`), then the IEC, then the GSTIN. Anything else (no match, or two producers
matching) stays as it was, unlinked with its free-text name, and is listed by
`odop exporters_unmatched` for an officer to resolve. Going back simply drops the link.
"""

from typing import Any

from django.db import migrations


def _match(producers: Any, candidate: Any) -> Any:
    tries = []
    if candidate.user_id is not None:
        tries.append({"user_id": candidate.user_id})
    if candidate.iec_number:
        tries.append({"iec": candidate.iec_number})
    if candidate.gstin:
        tries.append({"gstin": candidate.gstin})
    for lookup in tries:
        found = list(producers.filter(**lookup)[:2])
        if len(found) == 1:
            return found[0]
    return None


def candidates_link(apps: Any, schema_editor: Any) -> None:
    candidate_model = apps.get_model("exports", "ExporterCandidate")
    producers = apps.get_model("producers", "Producer").objects.all()
    for candidate in candidate_model.objects.filter(producer__isnull=True).order_by("pk"):
        producer = _match(producers, candidate)
        if producer is not None:
            # update(), not save(): no history row claims an officer changed the candidate.
            candidate_model.objects.filter(pk=candidate.pk).update(producer=producer)


class Migration(migrations.Migration):
    dependencies = [
        ("exports", "0003_exporter_producer"),
        ("producers", "0003_members_bank_products_events"),
    ]

    operations = [migrations.RunPython(candidates_link, migrations.RunPython.noop)]
