"""Settings for bench/catalogue_bench.py: the local settings with the bench urlconf on top.

Used only by the gunicorn that the benchmark starts (bench/ on PYTHONPATH); DEBUG comes from
DJANGO_DEBUG as in `config.settings.local`, and the benchmark sets it to false.
"""

from config.settings.local import *  # noqa: F403

ROOT_URLCONF = "catalogue_urls"
