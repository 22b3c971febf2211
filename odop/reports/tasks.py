"""Background job of the reports: keep the public MIS files current (daily, see
odop/operations/schedule.py)."""

from django.tasks import task

from odop.core.background import task_retrying
from odop.reports.files import mis_files_refresh


@task(takes_context=True)
@task_retrying()
def mis_reports_refresh_run(*, day: str | None = None) -> int:
    """Build the MIS reports (XLSX and PDF, nation and every State) missing from the cache at
    the current data version. `day` is the scheduler's; the files depend only on the data."""
    return mis_files_refresh()
