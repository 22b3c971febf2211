"""PIN code → district: does India Post place a PIN in the district the user chose?

A producer's address carries a PIN code and a district picked from the LGD list; a mismatch is
usually a wrong pick. India Post's directory comes from `bharatpin` (offline, no network) and
names districts its own way ("Purbi Champaran", "Leh Ladakh", old names), so its names go
through the project's one district resolver (`geography.resolver`, with the curated and
officer-confirmed aliases), never through a matcher of their own.

Reads only; writes nothing. The answer is advice for the person entering the address, never a
refusal: India Post's districts are postal divisions' records and lag behind new districts.
"""

from dataclasses import dataclass
from functools import cache
from typing import Final

import bharatpin
from django.utils.translation import gettext_lazy as _

from odop.core.identifiers import identifier_normalise, pin_validate
from odop.geography.models import District
from odop.geography.resolver import DistrictIndex
from odop.geography.selectors import district_index_load

# bharatpin 1.0.1 files the Andaman and Nicobar districts (PINs 744xxx) under "Dadra & Nagar
# Haveli and Daman & Diu" and has no Andaman State at all: put them back in their own UT.
_STATE_OF_DISTRICT: Final = {
    "nicobars": "Andaman and Nicobar Islands",
    "north and middle andaman": "Andaman and Nicobar Islands",
    "south andamans": "Andaman and Nicobar Islands",
}
# Placeholders the directory uses where it has no district or State (about 100 PINs).
_MISSING: Final = frozenset({"", "na", "unknown"})


def _known(name: object) -> str:
    """A directory name, or "" for a placeholder."""
    text = str(name or "").strip()
    return "" if text.lower() in _MISSING else text


@dataclass(frozen=True)
class PostalPlace:
    """One (district, State) pair India Post gives for a PIN, as it spells them ("" when the
    directory has a placeholder instead)."""

    district: str
    state: str


@dataclass(frozen=True)
class PinCheck:
    """What India Post says about a PIN, and whether it agrees with the district chosen.

    `known` is False when the directory has no such PIN (then nothing else is filled in).
    `post_office_district`/`post_office_state` are the agreeing place when there is one, else
    India Post's main place for the PIN (head office first). `matched_district` is the LGD
    district India Post's name resolves to (None when it does not resolve). `places` lists every
    place of the PIN: about one PIN in thirteen spans two districts.
    """

    pin: str
    known: bool
    post_office_district: str
    post_office_state: str
    matched_district: District | None
    agrees: bool
    message: str
    places: tuple[PostalPlace, ...] = ()


@cache
def postal_places(pin: str) -> tuple[PostalPlace, ...]:
    """Every (district, State) India Post gives for a six-digit PIN, head office's first.

    Empty when the directory has no such PIN. bharatpin parses its directory (165,000 post
    offices, about 3 s) once per process, on first use; answers are cached per PIN on top.
    """
    places: dict[PostalPlace, None] = {}
    for office in bharatpin.get_all_offices_info(pin):  # sorted head office → branch office
        district = _known(office["district"])
        state = _STATE_OF_DISTRICT.get(district.lower(), _known(office["state"]))
        places.setdefault(PostalPlace(district=district, state=state), None)
    return tuple(places)


def postal_place_resolve(*, index: DistrictIndex, place: PostalPlace) -> int | None:
    """The LGD code of India Post's district, by the project's resolver, or None.

    The State must name exactly one LGD State and the district must resolve within it
    (exact, alias or fuzzy); an ambiguous or unknown name gives None, never a guess.
    """
    if not place.district:
        return None
    state_codes = index.state_codes(place.state)
    if len(state_codes) != 1:
        return None
    return index.resolve(state_code=next(iter(state_codes)), name=place.district).code


def pin_district_check(
    *, pin: str, district: District, index: DistrictIndex | None = None
) -> PinCheck:
    """Whether India Post places `pin` in `district` (an LGD district the user chose).

    Raises `ValidationError` (`invalid_pin`) for a value that is not a PIN code. A PIN missing
    from the directory gives `known=False`. The PIN agrees when any of its places resolves to
    `district`. Pass `index` when checking many rows; otherwise the resolver index is loaded
    (three queries), plus one query for a disagreeing district.
    """
    pin = identifier_normalise(pin)
    pin_validate(pin)
    places = postal_places(pin)
    if not places:
        return PinCheck(
            pin=pin,
            known=False,
            post_office_district="",
            post_office_state="",
            matched_district=None,
            agrees=False,
            message=_("India Post's directory has no PIN code %(pin)s: check the PIN code.")
            % {"pin": pin},
        )
    index = index or district_index_load()
    codes = [postal_place_resolve(index=index, place=place) for place in places]
    if district.lgd_code in codes:
        place = places[codes.index(district.lgd_code)]
        return PinCheck(
            pin=pin,
            known=True,
            post_office_district=place.district,
            post_office_state=place.state,
            matched_district=district,
            agrees=True,
            message=_("India Post places PIN code %(pin)s in %(district)s, as chosen.")
            % {"pin": pin, "district": district.name},
            places=places,
        )
    resolved = next(((p, c) for p, c in zip(places, codes, strict=True) if c is not None), None)
    if resolved is None:
        place = next((place for place in places if place.district), places[0])
        if not place.district:
            return PinCheck(
                pin=pin,
                known=True,
                post_office_district="",
                post_office_state=place.state,
                matched_district=None,
                agrees=False,
                message=_(
                    "India Post's directory has PIN code %(pin)s but no district for it: "
                    "check that %(district)s is right."
                )
                % {"pin": pin, "district": district.name},
                places=places,
            )
        return PinCheck(
            pin=pin,
            known=True,
            post_office_district=place.district,
            post_office_state=place.state,
            matched_district=None,
            agrees=False,
            message=_(
                "India Post places PIN code %(pin)s in %(post_office_district)s "
                "(%(post_office_state)s), a name not matched to an LGD district: check that "
                "%(district)s is right."
            )
            % {
                "pin": pin,
                "post_office_district": place.district,
                "post_office_state": place.state,
                "district": district.name,
            },
            places=places,
        )
    place, code = resolved
    matched = District.objects.select_related("state").get(lgd_code=code)
    return PinCheck(
        pin=pin,
        known=True,
        post_office_district=place.district,
        post_office_state=place.state,
        matched_district=matched,
        agrees=False,
        message=_(
            "India Post places PIN code %(pin)s in %(matched)s (%(state)s), not in "
            "%(district)s: check the PIN code or the district."
        )
        % {
            "pin": pin,
            "matched": matched.name,
            "state": matched.state.name,
            "district": district.name,
        },
        places=places,
    )
