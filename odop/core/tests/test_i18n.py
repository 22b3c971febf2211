"""The Hindi catalogue: complete, compiled from the committed .po, and served on the pages."""

import ast
import gettext
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
HINDI_PO = LOCALE_DIR / "hi" / "LC_MESSAGES" / "django.po"
HINDI_MO = LOCALE_DIR / "hi" / "LC_MESSAGES" / "django.mo"

# Strings the home page shows with an empty database, and their Hindi in the catalogue.
HOME_STRINGS = {
    "One District One Product": "एक ज़िला एक उत्पाद",
    "Search products and districts": "उत्पाद और ज़िले खोजें",
    "No reference data has been imported yet.": "अभी तक कोई संदर्भ डेटा आयात नहीं किया गया है।",
    "Products by sector": "क्षेत्र के अनुसार उत्पाद",
    "States and Union Territories": "राज्य और केंद्र शासित प्रदेश",
    "Data sources:": "डेटा स्रोत:",
}


@dataclass
class PoEntry:
    """One message of a .po file: its flags, msgid (and plural) and every msgstr form."""

    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[str, str] = field(default_factory=dict)


def po_entries(path: Path) -> list[PoEntry]:
    """The live (not obsolete) entries of a .po file, header included (its msgid is "")."""
    entries: list[PoEntry] = []
    entry = PoEntry()
    keyword: str | None = None

    def finish() -> None:
        nonlocal entry, keyword
        if entry.msgid is not None:
            entries.append(entry)
        entry, keyword = PoEntry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue  # comments, references and obsolete (#~) entries
        elif line.startswith('"'):
            assert keyword is not None, f"{path}: continuation line without a keyword: {raw}"
            _append(entry, keyword, ast.literal_eval(line))
        else:
            name, _space, text = line.partition(" ")
            if name in {"msgctxt", "msgid"} and entry.msgid is not None:
                finish()  # an entry not followed by a blank line
            keyword = name
            _append(entry, keyword, ast.literal_eval(text), start=True)
    finish()
    return entries


def _append(entry: PoEntry, keyword: str, text: str, *, start: bool = False) -> None:
    if keyword.startswith("msgstr"):
        entry.msgstr[keyword] = ("" if start else entry.msgstr[keyword]) + text
    elif keyword in {"msgctxt", "msgid", "msgid_plural"}:
        setattr(entry, keyword, ("" if start else getattr(entry, keyword)) + text)
    else:
        raise AssertionError(f"Unknown .po keyword {keyword!r}")


def _msgfmt() -> str:
    path = shutil.which("msgfmt")
    assert path, "GNU gettext's msgfmt is needed (apt-get install gettext)"
    return path


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """LocaleMiddleware leaves the request's language active: give the next test English."""
    yield
    translation.deactivate()


@pytest.fixture
def no_boundaries(settings, tmp_path: Path) -> Path:
    """An empty data folder: the home page shows its "map unavailable" notice, not the map."""
    settings.ODOP_DATA_DIR = tmp_path
    return tmp_path


def _home(client: Client) -> str:
    response = client.get(reverse("catalogue:home"))
    assert response.status_code == 200
    return response.content.decode()


# --- The catalogue files ------------------------------------------------------------------


def test_hindi_po_passes_msgfmt_check_and_the_mo_is_compiled_from_it(tmp_path: Path):
    fresh = tmp_path / "django.mo"
    result = subprocess.run(
        [_msgfmt(), "--check", "-o", str(fresh), str(HINDI_PO)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert HINDI_MO.exists(), f"{HINDI_MO} is missing: run `odop compilemessages -l hi`"

    committed, expected = _catalog(HINDI_MO), _catalog(fresh)
    stale = sorted(
        str(key)
        for key in committed.keys() | expected.keys()
        if committed.get(key) != expected.get(key)
    )
    assert not stale, (
        f"{HINDI_MO.name} is out of date with {HINDI_PO.name} "
        f"(run `odop compilemessages -l hi`); differing messages: {stale[:10]}"
    )


def test_hindi_po_header_names_the_language_charset_and_plural_forms():
    header = po_entries(HINDI_PO)[0]

    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    text = header.msgstr["msgstr"]
    assert "Language: hi\n" in text
    assert "Content-Type: text/plain; charset=UTF-8\n" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in text


def test_every_hindi_message_is_translated_and_none_is_fuzzy():
    entries = [entry for entry in po_entries(HINDI_PO) if entry.msgid]
    assert len(entries) > 200, "the Hindi catalogue looks truncated"

    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    untranslated = [
        entry.msgid
        for entry in entries
        if not entry.msgstr or any(not text.strip() for text in entry.msgstr.values())
    ]
    wrong_plurals = [
        entry.msgid
        for entry in entries
        if entry.msgid_plural is not None and set(entry.msgstr) != {"msgstr[0]", "msgstr[1]"}
    ]
    assert not fuzzy, f"fuzzy messages: {fuzzy}"
    assert not untranslated, f"untranslated messages: {untranslated}"
    assert not wrong_plurals, f"plural messages without exactly two forms: {wrong_plurals}"


def test_po_parser_reads_plurals_continuations_and_flags(tmp_path: Path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: hi\\n"\n\n'
        "#: a.html:1\n#, python-format\n"
        'msgid "%(n)s file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "%(n)s फ़ाइल"\nmsgstr[1] ""\n\n'
        '#, fuzzy\nmsgid ""\n"Two "\n"lines"\nmsgstr "दो \\"पंक्तियाँ\\""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "गया"\n',
        encoding="utf-8",
    )

    header, plural, fuzzy = po_entries(po)

    assert header.msgstr == {"msgstr": "Language: hi\n"}
    assert plural.flags == {"python-format"}
    assert plural.msgstr == {"msgstr[0]": "%(n)s फ़ाइल", "msgstr[1]": ""}
    assert (fuzzy.msgid, fuzzy.msgstr["msgstr"], fuzzy.flags) == (
        "Two lines",
        'दो "पंक्तियाँ"',
        {"fuzzy"},
    )


# --- The pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_renders_in_hindi_under_hi(client: Client, no_boundaries):
    response = client.get("/hi/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="hi"' in html
    assert response["Content-Language"] == "hi"
    for english, hindi in HOME_STRINGS.items():
        assert hindi in html, f"{hindi!r} (for {english!r}) missing from the Hindi home page"
        assert english not in html, f"{english!r} left in English on the Hindi home page"
    # A blocktranslate with markup and placeholders: "0 <small>of 0</small>".
    assert "0 <small>कुल 0 में से</small>" in html
    assert "मानचित्र उपलब्ध नहीं है" in html
    # Links on a Hindi page stay in Hindi.
    assert 'href="/search/"' not in html
    assert 'href="/hi/search/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("_case", "path", "headers", "cookie", "language"),
    [
        ("the plain URL is English whatever the browser asks", "/", "hi,en;q=0.5", "hi", "en"),
        ("/hi/ is Hindi whatever the browser asks", "/hi/", "en", "en", "hi"),
        ("a Hindi path deeper down", "/hi/search/", "", "", "hi"),
    ],
)
def test_the_url_alone_sets_the_language(
    client: Client, no_boundaries, _case, path, headers, cookie, language
):
    # Ref: #10 (one URL, one page for every anonymous visitor: it can be cached)
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie

    response = client.get(path, headers={"accept-language": headers} if headers else {})

    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
def test_the_old_language_form_still_leads_to_the_hindi_page(client: Client, no_boundaries):
    # Pages cached or bookmarked before #10 posted to set_language; it redirects to /hi/.
    response = client.post(reverse("set_language"), {"language": "hi", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/hi/"
    assert '<html lang="hi"' in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_api_stays_unprefixed(client: Client, no_boundaries):
    assert client.get("/api/v1/").status_code == 200
    assert client.get("/hi/api/v1/").status_code == 404


@pytest.mark.django_db
def test_home_stays_in_english_by_default(client: Client, no_boundaries):
    html = _home(client)

    assert '<html lang="en"' in html
    for english, hindi in HOME_STRINGS.items():
        assert english in html
        assert hindi not in html
    assert "0 <small>of 0</small>" in html
