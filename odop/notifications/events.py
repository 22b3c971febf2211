"""The registry of event kinds: each domain declares the messages it sends, in English and
Hindi, and `notify` renders the one in the person's preferred language.

Pure module: no ORM. A domain registers its events when its app is ready (`AppConfig.ready`)
or at import of its services module; registering the same code twice with the same templates
is harmless, with different templates an error (two domains must not share a code).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.template import Context, Engine

LANGUAGES = ("en", "hi")

# Plain text messages: no HTML escaping (an SMS is not a web page); no template tags beyond
# Django's built-ins (a template is data, never code).
_ENGINE = Engine(autoescape=False)


class EventKindError(ValueError):
    """An event code unknown, or registered twice with different templates."""


@dataclass(frozen=True)
class EventKind:
    """An event's subject and body per language (Django template syntax, `{{ name }}`)."""

    code: str
    subjects: Mapping[str, str]
    bodies: Mapping[str, str]


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    language: str


_REGISTRY: dict[str, EventKind] = {}


def notification_event_register(
    code: str, *, subject_en: str, subject_hi: str, body_en: str, body_hi: str
) -> EventKind:
    """Declare event `code` with its subject and body in English and Hindi."""
    kind = EventKind(
        code=code,
        subjects={"en": subject_en, "hi": subject_hi},
        bodies={"en": body_en, "hi": body_hi},
    )
    for text in (subject_en, subject_hi, body_en, body_hi):
        _ENGINE.from_string(text)  # a template that does not parse is refused now, not at send
    existing = _REGISTRY.get(code)
    if existing is not None and existing != kind:
        raise EventKindError(f"Event {code!r} is already registered with other templates.")
    _REGISTRY[code] = kind
    return kind


def event_kind(code: str) -> EventKind:
    """The registered event `code`; EventKindError if no domain declared it."""
    try:
        return _REGISTRY[code]
    except KeyError as error:
        raise EventKindError(f"No notification event {code!r} is registered.") from error


def event_codes() -> list[str]:
    return sorted(_REGISTRY)


def message_render(*, kind: EventKind, language: str, context: Mapping[str, Any]) -> Message:
    """The event's message in `language` (English when the language has no template)."""
    language = language if language in kind.bodies else "en"
    values = Context(dict(context))
    subject = _ENGINE.from_string(kind.subjects[language]).render(values)
    body = _ENGINE.from_string(kind.bodies[language]).render(values)
    return Message(subject=" ".join(subject.split()), body=body.strip(), language=language)
