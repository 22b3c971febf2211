"""The schemes shipped with the platform: `data/<code>.json`, read into `spec.SchemeSpec`.

These files are the platform's own configuration (like the selection scorecards), reviewed
like code, each citing the documents its rules come from. Reading them is the only I/O here.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

from odop.schemes.spec import SchemeSpec, SpecError, scheme_from_dict

SCHEME_DIRECTORY: Final = Path(__file__).resolve().parent / "data"


def shipped_scheme_data() -> list[dict[str, Any]]:
    """The shipped scheme files as read, by code; a file not named by its code is refused."""
    files = []
    for path in sorted(SCHEME_DIRECTORY.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("code") != path.stem:
            raise SpecError(f"{path.name}: the file name must be the scheme's code.")
        files.append(data)
    return files


@cache
def shipped_schemes() -> tuple[SchemeSpec, ...]:
    """Every shipped scheme, read and checked for layout (rules are checked by the engine)."""
    return tuple(scheme_from_dict(data) for data in shipped_scheme_data())
