"""Bulk registration of producers by officers: a CSV or XLSX list, checked whole.

The file is refused whole, writing nothing, when any row is wrong: a ValidationError lists
every refused row and why (each item has a `code`: missing_columns, empty_file, unknown_state,
district_unresolved, out_of_scope, consent_missing, invalid_gstin, gstin_check_failed,
duplicate_in_file, duplicate_producer, ...). A file that passes is registered in one
transaction. Rows already registered (same district, same name and the same identifiers) are
counted unchanged, so importing the same file again writes nothing.

Districts are spelled any way: they are resolved by the geography resolver, as every import's.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.errors import error_code
from odop.core.imports import ImportReport
from odop.core.tabular import Table, table_from_csv_bytes, table_from_xlsx_bytes
from odop.core.text import text_key
from odop.geography.models import District
from odop.geography.resolver import DistrictIndex, Failure
from odop.geography.selectors import district_index_load
from odop.producers import permissions
from odop.producers.models import Producer, ProducerKind
from odop.producers.services import (
    DUPLICATE_FIELDS,
    duplicate_error,
    duplicates_find,
    identifiers_normalise,
    phone_key,
    producer_register,
    producer_validate_gstin_state,
)

REQUIRED_COLUMNS = ("name", "kind", "state", "district", "pin_code", "consent_note")
OPTIONAL_COLUMNS = (
    "address",
    "phone",
    "email",
    "gstin",
    "udyam_number",
    "iec",
    "fssai_number",
    "pan",
)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
_XLSX_MAGIC = b"PK\x03\x04"


def upload_table_read(upload: UploadedFile) -> Table:
    """An uploaded .csv (UTF-8 or Windows-1252) or .xlsx of at most 5 MB, as a table.

    Codes: file_type (name or content does not fit), file_size, and `core.tabular`'s
    (empty_file, bad_encoding, bad_csv, bad_xlsx).
    """
    name = upload.name or "upload"
    if not name.lower().endswith((".csv", ".xlsx")):
        raise ValidationError(_("Upload a .csv or .xlsx file."), code="file_type")
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="file_size")
    upload.seek(0)
    raw = upload.read()
    if name.lower().endswith(".xlsx") != raw.startswith(_XLSX_MAGIC):
        raise ValidationError(
            _("The file's content does not match its name: upload a .csv or .xlsx file."),
            code="file_type",
        )
    if name.lower().endswith(".xlsx"):
        return table_from_xlsx_bytes(raw, name=name)
    return table_from_csv_bytes(raw, name=name)


@dataclass(frozen=True)
class _Row:
    number: int
    district: District | None
    fields: dict[str, str]
    consent_note: str


def _problem(number: int, column: str, message: str, code: str) -> ValidationError:
    return ValidationError(
        _("Row %(row)s, %(column)s: %(message)s")
        % {"row": number, "column": column, "message": message},
        code=code,
    )


def _district_resolve(
    row: Mapping[str, str], *, number: int, index: DistrictIndex, districts: dict[int, District]
) -> District | ValidationError:
    codes = index.state_codes(row.get("state", ""))
    if len(codes) != 1:
        return _problem(number, "state", _("no single State or UT has this name."), "unknown_state")
    answer = index.resolve(state_code=next(iter(codes)), name=row.get("district", ""))
    if answer.code is None or answer.code not in districts:
        names = "; ".join(
            entry.name for entry in map(index.district, answer.candidates) if entry is not None
        )
        message = _("no district of the State has this name.")
        if answer.failure == Failure.AMBIGUOUS:
            message = _("several districts fit this name: %(names)s.") % {"names": names}
        return _problem(number, "district", message, "district_unresolved")
    return districts[answer.code]


def _existing(row: _Row) -> Producer | None:
    """The producer this row registered before (same district, name, identifiers), if any."""
    if row.district is None:
        return None
    candidates = Producer.objects.filter(district=row.district)
    key = text_key(row.fields["name"])
    for producer in candidates.filter(name__iexact=row.fields["name"].strip()):
        if text_key(producer.name) != key:
            continue
        if all(
            (getattr(producer, name) or "") == (row.fields.get(name) or "")
            for name in ("gstin", "udyam_number", "iec", "pin_code")
        ):
            return producer
    return None


@transaction.atomic
def producers_import(*, actor: User, table: Table) -> ImportReport:
    """Register every producer of an officer's list, or none (see the module's docstring)."""
    if not permissions.can_bulk_register(actor):
        raise PermissionDenied
    table.require_columns(REQUIRED_COLUMNS)
    if not table.rows:
        raise ValidationError(_("%(file)s has no rows.") % {"file": table.name}, code="empty_file")
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(
            _("A list holds at most %(max)s producers.") % {"max": MAX_ROWS}, code="too_many_rows"
        )
    index = district_index_load()
    districts = District.objects.select_related("state").in_bulk(field_name="lgd_code")
    kinds = {text_key(value): value for value in ProducerKind.values} | {
        text_key(str(label)): value for value, label in ProducerKind.choices
    }
    problems: list[ValidationError] = []
    rows: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(table.rows, start=2):
        fields = identifiers_normalise(
            {
                column: (raw.get(column) or "").strip()
                for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
                if column not in ("state", "district", "consent_note")
            }
        )
        kind = kinds.get(text_key(fields["kind"]))
        if kind is None:
            problems.append(
                _problem(number, "kind", _("not a kind of producer."), "invalid_choice")
            )
        else:
            fields["kind"] = kind
        place = _district_resolve(raw, number=number, index=index, districts=districts)
        district = place if isinstance(place, District) else None
        if isinstance(place, ValidationError):
            problems.append(place)
        elif not permissions.can_register_producer(actor, place):
            problems.append(_problem(number, "district", _("outside your scope."), "out_of_scope"))
        consent = (raw.get("consent_note") or "").strip()
        if not consent:
            problems.append(
                _problem(
                    number,
                    "consent_note",
                    _("record how the producer agreed to be registered."),
                    "consent_missing",
                )
            )
        row = _Row(number=number, district=district, fields=fields, consent_note=consent)
        candidate = Producer(district=district, **fields)
        gstin_ok = True
        try:
            candidate.full_clean(exclude=["district"] + (["kind"] if kind is None else []))
        except ValidationError as error:
            for column, errors in error.message_dict.items():
                codes = [item.code for item in error.error_dict[column]]
                problems.append(_problem(number, column, " ".join(errors), codes[0] or "invalid"))
            gstin_ok = "gstin" not in error.message_dict
        if district is not None and gstin_ok:
            try:  # the row's number with the refusal the service would give (issue 12)
                producer_validate_gstin_state(candidate)
            except ValidationError as error:
                problems.append(
                    _problem(number, "gstin", " ".join(error.messages), error_code(error))
                )
        for name in DUPLICATE_FIELDS:
            value = fields.get(name, "")
            if not value:
                continue
            key = (name, phone_key(value) if name == "phone" else value)
            if key in seen:
                problems.append(
                    _problem(
                        number,
                        name,
                        _("the same as row %(other)s.") % {"other": seen[key]},
                        "duplicate_in_file",
                    )
                )
            else:
                seen[key] = number
        rows.append(row)

    report = ImportReport(source=table.name, rows_read=len(rows))
    fresh: list[_Row] = []
    for row in rows:
        if _existing(row) is not None:
            report.count("unchanged")
            continue
        for name, existing in duplicates_find(values=row.fields).items():
            refusal = duplicate_error(actor, name, existing)
            problems.append(
                _problem(row.number, name, " ".join(refusal.messages), refusal.code or "")
            )
        fresh.append(row)
    if problems:
        raise ValidationError(problems)
    for row in fresh:
        assert row.district is not None  # a row without a district was refused above
        values = dict(row.fields)
        producer_register(
            actor=actor,
            district=row.district,
            name=values.pop("name"),
            kind=values.pop("kind"),
            pin_code=values.pop("pin_code"),
            consent_note=row.consent_note,
            district_index=index,
            **{name: value for name, value in values.items() if value},
        )
        report.count("created")
    return report
