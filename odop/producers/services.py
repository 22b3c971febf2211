"""Write-side use cases of the producer registry. Each is atomic, checks permission first,
validates with the model's `full_clean()` (identifiers, checksums, constraints) and records who
did what: `simple_history` rows for producers, members and certifications, `ContactReveal` rows
for every contact shown to a buyer, a `ProducerEvent` row for every merge.

Moved from the bazaar (issue 11), which calls these and no longer defines producers.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.accounts.signup import account_register
from odop.core.errors import field_error, permission_require
from odop.core.identifiers import aadhaar_last_four, bank_account_validate
from odop.core.models import row_create
from odop.geography.gst import gst_codes_by_lgd_state, gstin_state_agrees
from odop.geography.models import District
from odop.geography.pincodes import pin_district_check
from odop.geography.resolver import DistrictIndex
from odop.producers import permissions
from odop.producers.models import (
    COLLECTIVE_KINDS,
    Certification,
    CertificationKind,
    ContactReveal,
    Gender,
    MemberRole,
    Producer,
    ProducerEvent,
    ProducerEventKind,
    ProducerKind,
    ProducerMember,
    ProducerStatus,
    SocialCategory,
)
from odop.producers.notifications import certificate_expiring_notify
from odop.registry.models import DistrictProduct, GIEntry

# ---------------------------------------------------------------- producers

PRODUCER_FIELDS = (
    "name",
    "kind",
    "address",
    "pin_code",
    "phone",
    "email",
    "gstin",
    "udyam_number",
    "iec",
    "fssai_number",
    "pan",
    "aadhaar_last_four",
)


def identifiers_normalise(fields: dict[str, Any]) -> dict[str, Any]:
    """Identifiers are stored in capitals without spaces, as the issuing bodies print them;
    phone numbers without the spaces and hyphens people group digits with (so that the same
    number typed twice is recognised as a duplicate)."""
    clean = dict(fields)
    for name in ("gstin", "udyam_number", "iec", "pan", "fssai_number", "pin_code"):
        if isinstance(clean.get(name), str):
            clean[name] = "".join(clean[name].split()).upper()
    if isinstance(clean.get("phone"), str):
        clean["phone"] = _PHONE_SEPARATORS.sub("", clean["phone"])
    return clean


_PHONE_SEPARATORS = re.compile(r"[\s\-().]+")

# The identifiers that belong to one enterprise only: a second record with one of them is a
# duplicate (issue 11). FSSAI and PAN are left out: one PAN may hold several licensed units,
# and an FSSAI licence is per premises.
DUPLICATE_FIELDS: tuple[str, ...] = ("gstin", "udyam_number", "iec", "phone")


def phone_key(phone: str) -> str:
    """The last ten digits: "+91 98765 43210" and "098765-43210" are the same phone."""
    return "".join(ch for ch in phone if ch.isdigit())[-10:]


def duplicates_find(
    *, values: Mapping[str, str], exclude_pk: int | None = None
) -> dict[str, Producer]:
    """For each of `DUPLICATE_FIELDS` set in `values`, another producer that already has it."""
    found: dict[str, Producer] = {}
    others = Producer.objects.select_related("district")
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    for name in DUPLICATE_FIELDS:
        value = (values.get(name) or "").strip()
        if not value:
            continue
        if name == "phone":
            key = phone_key(value)
            if len(key) < 10:
                continue
            match = others.filter(phone__endswith=key).order_by("pk").first()
        else:
            match = others.filter(**{name: value}).order_by("pk").first()
        if match is not None:
            found[name] = match
    return found


def duplicate_error(actor: User, name: str, existing: Producer) -> ValidationError:
    """The refusal of a duplicate: the existing record named to an officer who may see it,
    a generic message to anyone else (who must not learn who holds an identifier)."""
    label = str(getattr(Producer._meta.get_field(name), "verbose_name", name))
    if permissions.can_see_officer_view(actor, existing):
        message = _(
            "A producer with this %(label)s is already registered: %(name)s (no. %(id)s, "
            "%(district)s)."
        ) % {
            "label": label,
            "name": existing.name,
            "id": existing.pk,
            "district": existing.district,
        }
    else:
        message = _(
            "A producer with this %(label)s is already registered. Ask your district officer."
        ) % {"label": label}
    return ValidationError(message, code="duplicate_producer")


def _duplicates_refuse(actor: User, producer: Producer) -> None:
    values = {name: getattr(producer, name) for name in DUPLICATE_FIELDS}
    found = duplicates_find(values=values, exclude_pk=producer.pk)
    if found:
        raise ValidationError(
            {name: [duplicate_error(actor, name, existing)] for name, existing in found.items()}
        )


def producer_validate_gstin_state(producer: Producer) -> None:
    """A GSTIN's first two digits are the GST code of the State it is registered in; one
    that names another State than the producer's district's is refused (issue 12: a "27"
    Maharashtra GSTIN was accepted for a producer in Uttar Pradesh). Precondition: the GSTIN
    passed `full_clean()` (its shape and check character)."""
    if not producer.gstin:
        return
    state = producer.district.state
    if gstin_state_agrees(gstin=producer.gstin, lgd_state_code=state.lgd_code) is False:
        expected = " / ".join(sorted(gst_codes_by_lgd_state()[state.lgd_code]))
        raise field_error(
            "gstin",
            _(
                "This GSTIN begins with %(code)s, the GST code of another State: a producer "
                "in %(state)s has a GSTIN beginning with %(expected)s."
            )
            % {"code": producer.gstin[:2], "state": state.name, "expected": expected},
            "gstin_state_mismatch",
        )


def _pin_warning(producer: Producer, index: DistrictIndex | None = None) -> str:
    """A note when India Post puts the PIN code in another district than the one chosen.

    A warning, not an error: post-office districts lag behind new LGD districts, and a
    producer may collect post in the next district's office.
    """
    check = pin_district_check(pin=producer.pin_code, district=producer.district, index=index)
    return "" if check.agrees else str(check.message)[:300]


@transaction.atomic
def producer_register(
    *,
    actor: User,
    district: District,
    name: str,
    kind: ProducerKind | str,
    pin_code: str,
    consent_note: str = "",
    district_index: DistrictIndex | None = None,
    **fields: Any,
) -> Producer:
    """Register a producer: a producer account registers itself; an officer registers one on
    the producer's behalf (assisted onboarding), which needs a note of how the producer gave
    consent. Every producer starts awaiting verification by the district's officer.

    `district_index` (the resolver's, for the PIN check) saves loading it once per producer
    when many are registered at once (`producers.bulk`).
    """
    unknown = set(fields) - set(PRODUCER_FIELDS)
    if unknown:
        raise TypeError(f"unknown producer fields: {sorted(unknown)}")
    producer = Producer(
        district=district,
        **identifiers_normalise({"name": name, "kind": kind, "pin_code": pin_code, **fields}),
    )
    if actor.role == Role.PRODUCER:
        if Producer.objects.filter(user=actor).exists():
            raise ValidationError(
                _("This account already has a producer record."), code="producer_exists"
            )
        producer.user = actor
    else:
        permission_require(permissions.can_register_producer(actor, district))
        if not consent_note.strip():
            raise field_error(
                "consent_note",
                _("Record how the producer agreed to be registered."),
                "consent_missing",
            )
        producer.onboarded_by = actor
        producer.consent_recorded_at = timezone.now()
        producer.consent_note = consent_note.strip()
    producer.full_clean()
    producer_validate_gstin_state(producer)
    _duplicates_refuse(actor, producer)
    producer.pin_warning = _pin_warning(producer, district_index)
    producer.save()
    return producer


@transaction.atomic
def producer_update(*, actor: User, producer: Producer, **fields: Any) -> Producer:
    """Change a producer's own details (not its status or district: officers' moves)."""
    permission_require(permissions.can_edit_producer(actor, producer))
    unknown = set(fields) - set(PRODUCER_FIELDS)
    if unknown:
        raise TypeError(f"unknown producer fields: {sorted(unknown)}")
    for name, value in identifiers_normalise(fields).items():
        setattr(producer, name, value)
    producer.full_clean()
    producer_validate_gstin_state(producer)
    _duplicates_refuse(actor, producer)
    producer.pin_warning = _pin_warning(producer)
    producer.save()
    return producer


@transaction.atomic
def producer_account_link(*, actor: User, producer: Producer, user: User) -> Producer:
    """Give an officer-registered producer their own account, so they can sell themselves."""
    permission_require(permissions.can_verify_producer(actor, producer))
    if user.role != Role.PRODUCER:
        raise ValidationError(_("Only a producer account can be linked."), code="not_producer")
    if Producer.objects.filter(user=user).exclude(pk=producer.pk).exists():
        raise ValidationError(
            _("This account already has a producer record."), code="producer_exists"
        )
    producer.user = user
    producer.save(update_fields=["user", "updated_at"])
    return producer


@transaction.atomic
def producer_verify(*, actor: User, producer: Producer, verified: bool = True) -> Producer:
    """The district's officer verifies a producer (or suspends one); history keeps who/when."""
    permission_require(permissions.can_verify_producer(actor, producer))
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if verified:
        producer.status = ProducerStatus.VERIFIED
        producer.verified_by = actor
        producer.verified_at = timezone.now()
    else:
        producer.status = ProducerStatus.SUSPENDED
    producer.full_clean()
    producer.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
    return producer


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    address: str


@transaction.atomic
def contact_reveal(*, viewer: User, producer: Producer) -> Contact:
    """Show a producer's contact details to a signed-in buyer, and log that they saw them.

    The producer and their officers see their own details without a log row.
    """
    permission_require(permissions.can_see_contact(viewer, producer))
    if permissions.is_buyer(viewer):
        row_create(ContactReveal, producer=producer, viewer=viewer)
    return Contact(phone=producer.phone, email=producer.email, address=producer.address)


@transaction.atomic
def certification_add(
    *,
    actor: User,
    producer: Producer,
    kind: CertificationKind | str,
    number: str,
    valid_until: dt.date,
    valid_from: dt.date | None = None,
    gi_entry: GIEntry | None = None,
) -> Certification:
    """Record a certificate a producer holds. A GI authorised-user number names its GI."""
    permission_require(permissions.can_edit_producer(actor, producer))
    if valid_until < timezone.localdate():
        # An expired certificate proves nothing to a buyer (issue 12: a 2020 one was taken).
        raise field_error(
            "valid_until",
            _("This certificate expired on %(date)s: enter one that is still valid.")
            % {"date": date_format(valid_until, "SHORT_DATE_FORMAT")},
            "certificate_expired",
        )
    certification = Certification(
        producer=producer,
        kind=kind,
        number=number.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        gi_entry=gi_entry,
    )
    certification.full_clean()
    certification.save()
    return certification


REMINDER_DAYS = 30


def certification_reminders_send(*, today: dt.date, days: int = REMINDER_DAYS) -> int:
    """Remind producers whose certificates expire within `days` and were not reminded yet.

    Each certificate is reminded once (`reminded_at`); renewing it means a new certificate row.
    The message goes through the notifications module, so only on the channels the producer's
    account agreed to (every attempt is logged, a skipped one too). Producers without an
    account still count as reminded: their officer sees the expiry list.
    """
    due = Certification.objects.select_related("producer__user").filter(
        reminded_at__isnull=True,
        valid_until__gte=today,
        valid_until__lte=today + dt.timedelta(days),
    )
    count = 0
    for certification in due:
        with transaction.atomic():
            certificate_expiring_notify(certification)
            Certification.objects.filter(pk=certification.pk).update(reminded_at=timezone.now())
        count += 1
    return count


# ---------------------------------------------------------------- bank details

BANK_HASH_SALT = "odop.producers.bank_account"


def bank_account_hash(account_number: str) -> str:
    """A keyed hash of an account number (HMAC-SHA256 with the site's secret key): the same
    account is recognised again without the number being stored or guessable from a dump."""
    return salted_hmac(BANK_HASH_SALT, account_number, algorithm="sha256").hexdigest()


@transaction.atomic
def producer_bank_set(
    *, actor: User, producer: Producer, ifsc: str, account_number: str, holder: str
) -> Producer:
    """Record the account subsidies are paid into. Only the last four digits and a keyed hash
    of the number are kept; the IFSC is checked for its shape (it has no check character)."""
    permission_require(permissions.can_edit_producer(actor, producer))
    number = "".join(account_number.split())
    try:
        bank_account_validate(number)
    except ValidationError as error:
        raise ValidationError({"account_number": [error]}) from error
    producer.bank_ifsc = "".join(ifsc.split()).upper()
    producer.bank_account_holder = holder.strip()
    producer.bank_account_last_four = number[-4:]
    producer.bank_account_hash = bank_account_hash(number)
    producer.full_clean()
    producer.save()
    return producer


# ---------------------------------------------------------------- members and products


@transaction.atomic
def producer_member_add(
    *,
    actor: User,
    producer: Producer,
    name: str,
    gender: Gender | str,
    social_category: SocialCategory | str = SocialCategory.NOT_STATED,
    role: MemberRole | str = MemberRole.MEMBER,
    aadhaar: str = "",
) -> ProducerMember:
    """Add a member to a collective (SHG, FPO, cooperative). `aadhaar` may be the full number
    (checked, then only its last four digits kept) or just the last four digits."""
    permission_require(permissions.can_edit_producer(actor, producer))
    if producer.kind not in COLLECTIVE_KINDS:
        raise ValidationError(
            _("Only a collective (SHG, FPO, cooperative) has members."), code="not_collective"
        )
    digits = "".join(aadhaar.split())
    if len(digits) > 4:
        try:
            digits = aadhaar_last_four(digits)
        except ValidationError as error:
            raise ValidationError({"aadhaar_last_four": [error]}) from error
    member = ProducerMember(
        producer=producer,
        name=name.strip(),
        gender=gender,
        social_category=social_category,
        role=role,
        aadhaar_last_four=digits,
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def producer_products_set(
    *, actor: User, producer: Producer, products: Iterable[DistrictProduct]
) -> Producer:
    """Say which district products the producer makes: products of its own district only
    (the programme supports a district's own products)."""
    permission_require(permissions.can_edit_producer(actor, producer))
    chosen = list(products)
    foreign = [product for product in chosen if product.district_id != producer.district_id]
    if foreign:
        raise ValidationError(
            {
                "products": [
                    ValidationError(
                        _("%(product)s is not a product of the producer's district."),
                        code="product_other_district",
                        params={"product": foreign[0]},
                    )
                ]
            }
        )
    producer.products.set(chosen)
    return producer


# ---------------------------------------------------------------- merging duplicates

_BLANK_FILLED = (
    "address",
    "phone",
    "email",
    "gstin",
    "udyam_number",
    "iec",
    "fssai_number",
    "pan",
    "bank_account_holder",
    "bank_ifsc",
    "bank_account_last_four",
    "bank_account_hash",
)


@transaction.atomic
def producer_merge(
    *, actor: User, survivor: Producer, duplicate: Producer, note: str = ""
) -> Producer:
    """Merge `duplicate` into `survivor` (national admins): every row of every app that refers
    to the duplicate (listings, certifications, reveals, exporter candidates, members, and
    whatever later modules add) is moved to the survivor, the survivor's blank identifiers are
    filled from the duplicate, its products united, and the duplicate deleted. History keeps
    both records as they were; a `ProducerEvent` on the survivor names the duplicate.

    The referring models are found through Django's relation registry, not imported, so this
    app stays below the domains that refer to it.
    """
    permission_require(permissions.can_merge_producers(actor))
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("A record cannot be merged into itself."), code="same_producer")
    locked = {
        row.pk: row
        for row in Producer.objects.select_for_update().filter(pk__in=[survivor.pk, duplicate.pk])
    }
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if survivor.district_id != duplicate.district_id:
        raise ValidationError(
            _("Only records of the same district can be merged."), code="other_district"
        )
    if survivor.user_id is not None and duplicate.user_id is not None:
        raise ValidationError(
            _("Both records have their own account: unlink one first."),
            code="both_have_accounts",
        )
    reason = f"merged producer {duplicate.pk} into {survivor.pk}"
    moved: dict[str, int] = {}
    for relation in Producer._meta.related_objects:
        if relation.many_to_many or not relation.field.concrete:
            continue
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: duplicate})
        if hasattr(model, "history"):
            batch = list(rows)
            for row in batch:  # one save each, so every moved row gets its history record
                setattr(row, relation.field.name, survivor)
                row._change_reason = reason  # type: ignore[attr-defined]  # simple_history
                row.save(update_fields=[relation.field.attname])
            count = len(batch)
        else:
            count = rows.update(**{relation.field.name: survivor})
        if count:
            moved[model._meta.label_lower] = count
    survivor.products.add(*duplicate.products.all())
    for name in _BLANK_FILLED:
        if not getattr(survivor, name) and getattr(duplicate, name):
            setattr(survivor, name, getattr(duplicate, name))
    account, duplicate_id, duplicate_name = duplicate.user, duplicate.pk, duplicate.name
    duplicate._change_reason = reason  # type: ignore[attr-defined]
    duplicate.delete()
    if account is not None:
        survivor.user = account
    survivor._change_reason = reason  # type: ignore[attr-defined]
    survivor.save()
    summary = ", ".join(f"{label}: {count}" for label, count in sorted(moved.items()))
    row_create(
        ProducerEvent,
        producer=survivor,
        kind=ProducerEventKind.MERGED,
        actor=actor,
        other_producer_id=duplicate_id,
        note=f"{duplicate_name}. {summary}. {note}".strip()[:2000],
    )
    return survivor


# ---------------------------------------------------------------- self-service sign-up


@transaction.atomic
def producer_signup(
    *,
    email: str,
    password: str,
    person_name: str,
    district: District,
    name: str,
    kind: ProducerKind | str,
    pin_code: str,
    phone: str = "",
) -> tuple[User | None, Producer | None]:
    """A producer signs up on their own (issue 12): an inactive account with role producer
    (`accounts.signup.account_register`, active once its email is verified) and its producer
    record, registered by that account through `producer_register`, so it starts exactly as a
    producer who registers from the bazaar: awaiting verification by the district's officer.

    Returns (None, None) when the email already has an account (nothing is created; the
    caller answers as if it had worked). Any refusal (password, PIN, duplicate phone) raises
    a `ValidationError` keyed by field, and nothing is kept.
    """
    user = account_register(email=email, password=password, name=person_name, role=Role.PRODUCER)
    if user is None:
        return None, None
    producer = producer_register(
        actor=user,
        district=district,
        name=name,
        kind=kind,
        pin_code=pin_code,
        phone=phone,
        email=user.email,
    )
    return user, producer
