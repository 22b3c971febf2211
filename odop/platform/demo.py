"""The demo of `make run`: one account per role, officers placed on real places, and the
bazaar's and outlets' demo data, so a newcomer can walk every workflow (issue 12).

Here, not in accounts, because choosing the places reads geography (a layer above accounts)
and the whole demo spans several apps; accounts only creates the users and keeps the demo
accounts file (`demo_accounts_add`).

The officers work on one place: the district of the bazaar's first demo seller (Moradabad) and
the State that contains it (Uttar Pradesh), so one candidate walks from the district to the
State. Three assessors make a committee (`selection.workflow.MIN_COMMITTEE`); the proposer
never scores or decides (`selection.duties`), so the district officer proposes, the assessors
score, the State officer approves and the national admin publishes.
"""

from pathlib import Path
from typing import Final

from odop.accounts.models import Role
from odop.accounts.services import DemoAccount, DemoPlan, demo_accounts_add
from odop.bazaar.demo import bazaar_demo_ensure
from odop.events.demo import events_demo_ensure
from odop.facilities.demo import facilities_demo_ensure
from odop.geography.models import District, State
from odop.grievances.demo import grievances_demo_ensure
from odop.outlets.demo import outlets_demo_ensure
from odop.schemes.demo import schemes_demo_ensure
from odop.skills.demo import skills_demo_ensure

# Moradabad (the bazaar's demo brassware seller) in Uttar Pradesh.
DEMO_DISTRICT_NAME: Final = "MORADABAD"
DEMO_STATE_CODE: Final = 9  # Uttar Pradesh, used when the district is missing
DEMO_ASSESSORS: Final = ("demo-assessor", "demo-assessor-2", "demo-assessor-3")
# Outlets name any account as manager; the demo's has no officer role (a mall's staff).
DEMO_OUTLET_MANAGER: Final = "demo-outlet-manager"


def demo_places() -> tuple[State | None, District | None]:
    """The demo State and district, the district always inside the State: Moradabad and its
    State, else Uttar Pradesh and its first district, else the first district and its State."""
    district = District.objects.filter(name_lgd__iexact=DEMO_DISTRICT_NAME).first()
    if district is None:
        districts = District.objects.order_by("lgd_code")
        district = districts.filter(state__lgd_code=DEMO_STATE_CODE).first() or districts.first()
    if district is None:
        return State.objects.filter(lgd_code=DEMO_STATE_CODE).first(), None
    return district.state, district


def demo_accounts_ensure(*, path: Path | None = None) -> list[DemoAccount]:
    """Create one demo account per role (three assessors, an outlet manager) if missing and
    write them to `.demo-accounts.json`.

    Refuses unless demo mode is on (never in production settings). Existing demo accounts keep
    their passwords. Re-running changes nothing.
    """
    state, district = demo_places()
    plan: DemoPlan = [
        ("demo-national", Role.NATIONAL_ADMIN, None, None),
        ("demo-state", Role.STATE_OFFICER, state, None),
        ("demo-district", Role.DISTRICT_OFFICER, None, district),
        ("demo-producer", Role.PRODUCER, None, None),
        ("demo-buyer", Role.BUYER, None, None),
        ("demo-mission", Role.MISSION_OFFICER, None, None),
        *((username, Role.ASSESSOR, None, None) for username in DEMO_ASSESSORS),
        (DEMO_OUTLET_MANAGER, Role.BUYER, None, None),
        ("demo-cfc-operator", Role.CFC_OPERATOR, None, district),
        ("demo-trainer", Role.TRAINER, None, district),
        ("demo-bank", Role.BANK_OFFICER, None, district),
    ]
    return demo_accounts_add(plan=plan, path=path)


def demo_ensure() -> list[DemoAccount]:
    """The whole demo: the accounts, the bazaar's sellers and buyers, the outlets with their
    managers and first stock. Each step is idempotent; returns every demo account once."""
    accounts = {account.username: account for account in demo_accounts_ensure()}
    for account in bazaar_demo_ensure():
        accounts.setdefault(account.username, account)
    state, district = demo_places()
    outlets_demo_ensure(state=state)
    skills_demo_ensure(district=district)
    grievances_demo_ensure(district=district)
    schemes_demo_ensure(district=district)
    facilities_demo_ensure(district=district)
    events_demo_ensure(state=state, district=district)
    return list(accounts.values())
