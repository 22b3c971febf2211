"""The API's JSON parser: a body too large or nested too deep is a 400 with a code.

DRF's own parser hands the body to `json.loads`, which recurses once per level of nesting: a
body of 50,000 `[` (anonymous, any POST endpoint) raised `RecursionError`, a 500 (issue #10).
No request of this API needs more than a few levels, so anything deeper than
`ODOP_API_JSON_MAX_DEPTH` is refused; and a body longer than `ODOP_API_MAX_BODY_BYTES` is
refused before it is parsed.
"""

import codecs
import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def json_depth(value: Any) -> int:
    """How deeply `value` nests lists and objects (a scalar is 0), without recursion."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        pending.extend((child, depth) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    """`JSONParser` with a size and a nesting limit; errors carry `body_too_large` or
    `json_too_deep`, or `parse_error` for JSON that does not parse."""

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.ODOP_API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(
                f"The request body is larger than {limit:,} bytes.", code="body_too_large"
            )
        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, parse_constant=_constant_refuse)
        except RecursionError as error:
            raise _too_deep() from error
        except (ValueError, LookupError) as error:
            raise ParseError(f"JSON parse error - {error}", code="parse_error") from error
        if json_depth(data) > settings.ODOP_API_JSON_MAX_DEPTH:
            raise _too_deep()
        return data


def _too_deep() -> ParseError:
    return ParseError(
        f"JSON nested deeper than {settings.ODOP_API_JSON_MAX_DEPTH} levels is not accepted.",
        code="json_too_deep",
    )


def _constant_refuse(name: str) -> None:
    """NaN and Infinity are not JSON numbers (DRF's strict mode refuses them too)."""
    raise ValueError(f"{name} is not a valid JSON value")
