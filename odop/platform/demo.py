"""The demo accounts of `make run`: one per role, officers placed on real districts.

Here, not in accounts, because choosing the places reads geography (a layer above accounts);
accounts only creates the users and keeps the demo accounts file (`demo_accounts_add`).
"""

from pathlib import Path

from odop.accounts.models import Role
from odop.accounts.services import DemoAccount, DemoPlan, demo_accounts_add
from odop.geography.models import District, State

# Demo officers work on real places: Bihar (38 of 38 districts covered) and Moradabad.
DEMO_STATE_CODE = 10  # Bihar
DEMO_DISTRICT_NAME = "MORADABAD"


def demo_accounts_ensure(*, path: Path | None = None) -> list[DemoAccount]:
    """Create one demo account per role (if missing) and write them to `.demo-accounts.json`.

    Refuses unless demo mode is on (never in production settings). Existing demo accounts keep
    their passwords. Re-running changes nothing.
    """
    state = State.objects.filter(lgd_code=DEMO_STATE_CODE).first()
    district = District.objects.filter(name_lgd__iexact=DEMO_DISTRICT_NAME).first()
    if district is None:
        district = District.objects.order_by("lgd_code").first()
    if state is None:
        state = district.state if district else None
    plan: DemoPlan = [
        ("demo-national", Role.NATIONAL_ADMIN, None, None),
        ("demo-state", Role.STATE_OFFICER, state, None),
        ("demo-district", Role.DISTRICT_OFFICER, None, district),
        ("demo-producer", Role.PRODUCER, None, None),
        ("demo-buyer", Role.BUYER, None, None),
        ("demo-mission", Role.MISSION_OFFICER, None, None),
        ("demo-assessor", Role.ASSESSOR, None, None),
    ]
    return demo_accounts_add(plan=plan, path=path)
