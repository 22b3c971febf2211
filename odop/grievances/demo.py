"""The grievances of the demo (`make run`): the shipped categories and due period, and one
grievance of the demo buyer in the demo district, so the demo district officer finds it in
"My work" and can walk reply, rating and appeal. Idempotent."""

from typing import Final

from odop.accounts.models import User
from odop.geography.models import District
from odop.grievances.models import Grievance, GrievanceCategory
from odop.grievances.services import grievance_file, grievance_reference_load

DEMO_FILER: Final = "demo-buyer"
DEMO_SUBJECT: Final = "Demo: order delivered with a broken item"


def grievances_demo_ensure(*, district: District | None) -> Grievance | None:
    """Load the reference data and file the demo grievance once (None without a district or
    a demo buyer)."""
    grievance_reference_load()
    filer = User.objects.filter(username=DEMO_FILER).first()
    if district is None or filer is None:
        return None
    existing = Grievance.objects.filter(filed_by=filer, subject=DEMO_SUBJECT).first()
    if existing is not None:
        return existing
    return grievance_file(
        actor=filer,
        category=GrievanceCategory.objects.get(code="bazaar-order"),
        subject=DEMO_SUBJECT,
        description="One of the three brass lamps arrived dented. I ask for a replacement.",
        district=district,
    )
