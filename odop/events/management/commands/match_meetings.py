"""`odop match_meetings INPUT.json --out OUT.json`: the matchmaking engine for spreadsheets."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from odop.events.hs_codes import hs_codes_known
from odop.events.matching import ProblemError, match, problem_from_json


class Command(BaseCommand):
    help = (
        "Choose and schedule buyer-seller meetings from INPUT.json (slots, tables, buyers, "
        "sellers; optional confirmed meetings to keep) and write meetings + waitlist to --out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="the problem, as JSON")
        parser.add_argument("--out", type=Path, required=True, help="where to write the result")
        parser.add_argument(
            "--seconds", type=float, default=20.0, help="wall-clock limit of the slot placement"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"{source}: no such file") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{source}: not valid JSON ({error})") from error
        try:
            known = hs_codes_known()
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        try:
            problem = problem_from_json(data, known_codes=known)
            result = match(problem, seconds=options["seconds"])
        except ProblemError as error:
            raise CommandError(
                f"{source}: {len(error.errors)} error(s), nothing written:\n  "
                + "\n  ".join(error.errors)
            ) from error
        out: Path = options["out"]
        out.write_text(json.dumps(result.as_json(), indent=1) + "\n", encoding="utf-8")
        stats = result.stats
        self.stdout.write(
            f"{len(result.meetings)} meetings, {len(result.waitlist)} on the waitlist "
            f"({stats['compatible_pairs']} compatible pairs, solver {stats['solver']}) -> {out}"
        )
