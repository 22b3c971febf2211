"""The Redis-backed queue (issue #10): with REDIS_URL set, jobs go to RQ and `odop worker` runs
them. Redis runs on 127.0.0.1:6379 here and in CI: an unreachable Redis fails this test."""

import os
import subprocess
import sys
from pathlib import Path

import redis
from django.tasks import TaskResultStatus, task
from django.test import override_settings

from odop.core.background import task_retrying

REDIS_URL = os.environ.get("ODOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RQ_QUEUE = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
ROOT = Path(__file__).resolve().parents[3]


@task(takes_context=True)
@task_retrying(attempts=2)
def numbers_add(*, first: int, second: int) -> int:
    return first + second


@override_settings(TASKS=RQ_QUEUE, RQ_QUEUES={"default": {"URL": REDIS_URL}})
def test_odop_worker_runs_a_job_from_the_redis_queue() -> None:
    # given: Redis answers (no skip: a missing Redis is a broken environment)
    redis.Redis.from_url(REDIS_URL).ping()
    result = numbers_add.enqueue(first=2, second=3)
    assert result.status == TaskResultStatus.READY

    # when: `odop worker --batch` runs with REDIS_URL set, as `make run` would start it
    environment = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
    }
    environment.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [sys.executable, "-m", "odop.cli", "worker", "--batch", "--no-scheduler"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    # then: the job ran in the worker and its result is in Redis
    assert completed.returncode == 0, completed.stderr
    result.refresh()
    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, 5)
