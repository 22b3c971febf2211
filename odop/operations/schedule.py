"""The daily jobs, as data: which task, and from what local time of day it is due."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ScheduledJob:
    """A task the scheduler enqueues once a day, at or after `at` (local time), with `day`."""

    name: str
    task_path: str
    at: dt.time


SCHEDULE: tuple[ScheduledJob, ...] = (
    ScheduledJob(
        name="certification_reminders",
        task_path="odop.bazaar.tasks.certification_reminders_run",
        at=dt.time(6, 0),
    ),
    ScheduledJob(
        name="selection_expire",
        task_path="odop.selection.tasks.selection_expire_run",
        at=dt.time(0, 30),
    ),
    ScheduledJob(
        name="applications_escalate",
        task_path="odop.schemes.tasks.applications_escalate_run",
        at=dt.time(6, 0),
    ),
    # Late in the day, so that a reply sent during the office hours of the day after the due
    # date is not overtaken by an escalation at dawn.
    ScheduledJob(
        name="grievances_escalate",
        task_path="odop.grievances.tasks.grievances_escalate_run",
        at=dt.time(23, 30),
    ),
    # Late in the day, after the day's writes and out of office hours: the public MIS files
    # (nation + every State, XLSX and PDF) are then ready for the next morning.
    ScheduledJob(
        name="mis_reports_refresh",
        task_path="odop.reports.tasks.mis_reports_refresh_run",
        at=dt.time(23, 30),
    ),
)
