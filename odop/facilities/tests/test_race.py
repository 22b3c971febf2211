"""Issue 15's "done when": 30 concurrent requests for the same two hours of one machine make
exactly one booking, on SQLite and on PostgreSQL.

Real threads, each with its own database connection, released together by a barrier. On
PostgreSQL `booking_create`'s row lock on the machine serialises them (and the exclusion
constraint would refuse an overlap anyway); on SQLite each transaction begins IMMEDIATE, so
the write lock does (a file database, as `make run` uses: its 20-second busy timeout makes
the writers queue). `bench/booking_race.py` runs the same race over HTTP.

The default SQLite test database is in memory with a shared cache, where a second writer is
refused at once ("database table is locked") instead of queuing: there the test still proves
exactly one booking, and counts those refusals as refusals. Run it on a file database to see
every loser told `slot_taken`:
`ODOP_TEST_DATABASE_NAME=/tmp/odop-test.sqlite3 pytest --reuse-db odop/facilities/tests/test_race.py`.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from odop.accounts.models import User
from odop.core.errors import error_code
from odop.facilities import services
from odop.facilities.models import Booking, BookingEvent, BookingStatus
from odop.facilities.tests.conftest import next_monday
from odop.facilities.tests.factories import (
    BookingFactory,
    CentreFactory,
    EquipmentFactory,
    verified_producer_user,
)

REQUESTS = 30


@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_bookings_of_one_slot_make_exactly_one() -> None:
    # given thirty verified producers and one machine
    machine = EquipmentFactory.create(centre=CentreFactory.create())
    producers = [verified_producer_user() for _ in range(REQUESTS)]
    start = next_monday(10)
    barrier = threading.Barrier(REQUESTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def book(user: User) -> None:
        try:
            barrier.wait()
            services.booking_create(
                actor=user, equipment=machine, start=start, end=start + dt.timedelta(hours=2)
            )
            outcome = "booked"
        except ValidationError as error:
            outcome = error_code(error)
        except Exception as error:  # the test reports any other failure
            outcome = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    # when they all book the same two hours at once
    threads = [threading.Thread(target=book, args=(user,)) for user in producers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly one booking exists and every other request was told the slot is taken
    assert outcomes.count("booked") == 1, outcomes
    refused = outcomes.count("slot_taken")
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        refused += outcomes.count("OperationalError: database table is locked")
    assert refused == REQUESTS - 1, outcomes
    assert Booking.objects.filter(equipment=machine).count() == 1
    assert BookingEvent.objects.filter(booking__equipment=machine).count() == 1


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_postgresql_refuses_an_overlap_written_past_the_service() -> None:
    # given one booking, written directly (no service, no lock)
    machine = EquipmentFactory.create(centre=CentreFactory.create())
    start = next_monday(10)
    first = BookingFactory.create(equipment=machine, start=start, end=start + dt.timedelta(hours=2))
    # then an overlapping one is refused by the database, an adjacent one is not
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory.create(
            equipment=machine,
            start=start + dt.timedelta(hours=1),
            end=start + dt.timedelta(hours=3),
        )
    BookingFactory.create(
        equipment=machine, start=start + dt.timedelta(hours=2), end=start + dt.timedelta(hours=3)
    )
    # and a cancelled booking no longer holds its time
    first.status = BookingStatus.CANCELLED
    first.save()
    BookingFactory.create(equipment=machine, start=start, end=start + dt.timedelta(hours=1))
