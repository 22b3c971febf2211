"""The `odop` console script: Django's management commands under the project's name.

`odop migrate`, `odop runserver`, `odop import_reference`, ... behave like `manage.py <cmd>`.
"""

import os
import sys


def main() -> None:
    """Run a management command with the local settings unless told otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["odop", *sys.argv[1:]])


if __name__ == "__main__":
    main()
