"""The README's commands work as written on a fresh clone (issue 12, item 11): the `odop`
console script lives in `.venv/bin/`, which is not on a newcomer's PATH, and every command
the README names exists."""

import re
from pathlib import Path

from django.core.management import get_commands

README = Path(__file__).resolve().parents[3] / "README.md"
# A command to type: at the start of a line of a code block, or of a table cell in backticks.
COMMAND = re.compile(r"(?:^|\| `)(?P<prefix>\.venv/bin/)?odop (?P<name>[a-z_<][^\s`]*)", re.M)


def readme_commands() -> list[tuple[str, str]]:
    return [
        (match["prefix"] or "", match["name"]) for match in COMMAND.finditer(README.read_text())
    ]


def test_every_odop_command_in_the_readme_runs_from_the_virtualenv() -> None:
    commands = readme_commands()
    assert len(commands) > 10  # the pattern still finds the table and the code blocks
    bare = [name for prefix, name in commands if not prefix]
    assert bare == [], f"write these as .venv/bin/odop …: {bare}"


def test_every_command_the_readme_names_exists() -> None:
    known = set(get_commands())
    unknown = [name for _prefix, name in readme_commands() if name[0] != "<" and name not in known]
    assert unknown == []
