"""Seats are never exceeded (issue 15): on PostgreSQL, 20 officers' selections of 20
different applicants for a batch of 5 seats, released together, select exactly 5; the rest
get `batch_full`. `application_decide` locks the batch row; SQLite has no row locks (a
writer locks the whole file), so the race runs on PostgreSQL, as CI does."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from odop.core.errors import error_code
from odop.skills import services
from odop.skills.models import Application, ApplicationStatus
from odop.skills.tests.factories import ApplicationFactory, BatchFactory, cast

APPLICANTS = 20
SEATS = 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks; this race is checked on PostgreSQL (CI)",
)
def test_twenty_selections_race_for_five_seats() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district, seats=SEATS)
    applications = ApplicationFactory.create_batch(APPLICANTS, batch=batch)
    barrier = threading.Barrier(APPLICANTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def select(application: Application) -> None:
        try:
            barrier.wait()
            services.application_decide(
                actor=people.district_officer, application=application, status="selected"
            )
            outcome = "selected"
        except ValidationError as error:
            outcome = error_code(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=select, args=(each,)) for each in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("selected") == SEATS
    assert outcomes.count("batch_full") == APPLICANTS - SEATS
    assert batch.applications.filter(status=ApplicationStatus.SELECTED).count() == SEATS
