"""The one registry of the enterprises the programme supports (issue 11).

Artisans, self-help groups, FPOs, cooperatives, MSMEs and exporters, each in one district,
verified by that district's officer. Every domain that serves a producer (the bazaar, the
exporter pipeline, and later schemes, facilities, training, events) refers to `Producer`; this
app imports no domain.

The tables were created by the bazaar (issue 5) and moved here with their rows, history and ids
(migrations 0001/0002: state moved, tables renamed). The database constraint names keep their
`bazaar_` prefix: renaming them would rebuild the tables on SQLite for a cosmetic change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from odop.core import bounds
from odop.core.identifiers import (
    aadhaar_last_four_validate,
    fssai_validate,
    gstin_validate,
    iec_validate,
    ifsc_validate,
    pan_validate,
    pin_validate,
    udyam_validate,
)
from odop.core.models import TimeStampedModel


class ProducerKind(models.TextChoices):
    ARTISAN = "artisan", _("Artisan")
    SHG = "shg", _("Self-help group")
    FPO = "fpo", _("Farmer producer organisation")
    COOPERATIVE = "cooperative", _("Cooperative")
    MSME = "msme", _("MSME")
    EXPORTER = "exporter", _("Exporter")


class ProducerStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    SUSPENDED = "suspended", _("Suspended")


class Producer(TimeStampedModel):
    """A seller on the bazaar, in one district, verified by that district's officer.

    `user` is the producer's own account (role producer); an officer may register a producer
    who has none yet (assisted onboarding), which needs the producer's recorded consent.
    Aadhaar is never stored: at most its last four digits, for the officer's recognition.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ProducerKind)
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, related_name="producers"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="producer",
    )
    address = models.TextField(
        _("address"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    pin_code = models.CharField(_("PIN code"), max_length=6, validators=[pin_validate])
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    gstin = models.CharField(_("GSTIN"), max_length=15, blank=True, validators=[gstin_validate])
    udyam_number = models.CharField(
        _("Udyam registration number"), max_length=19, blank=True, validators=[udyam_validate]
    )
    iec = models.CharField(_("IEC"), max_length=10, blank=True, validators=[iec_validate])
    fssai_number = models.CharField(
        _("FSSAI licence number"), max_length=14, blank=True, validators=[fssai_validate]
    )
    pan = models.CharField(_("PAN"), max_length=10, blank=True, validators=[pan_validate])
    aadhaar_last_four = models.CharField(
        _("Aadhaar (last four digits)"),
        max_length=4,
        blank=True,
        validators=[aadhaar_last_four_validate],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProducerStatus, default=ProducerStatus.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    onboarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The officer who registered the producer on their behalf."),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_note = models.CharField(
        _("how consent was given"), max_length=300, blank=True
    )  # e.g. "signed form kept at the DIC", "in person, thumb impression"
    pin_warning = models.CharField(max_length=300, blank=True)
    # Bank details for subsidy payment. The account number is never stored: only its last four
    # digits (to show) and a keyed hash (to recognise the same account again), see
    # `producers.services.producer_bank_set`.
    bank_account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    bank_ifsc = models.CharField(_("IFSC"), max_length=11, blank=True, validators=[ifsc_validate])
    bank_account_last_four = models.CharField(
        _("account number (last four digits)"), max_length=4, blank=True
    )
    bank_account_hash = models.CharField(max_length=64, blank=True, editable=False)
    officer_note = models.TextField(
        _("officers' note"),
        blank=True,
        validators=bounds.text_validators(bounds.NOTE_MAX),
        help_text=_("Seen by officers only, never by the producer or the public."),
    )
    products = models.ManyToManyField(
        "registry.DistrictProduct",
        blank=True,
        related_name="producers",
        verbose_name=_("products made"),
        help_text=_("District products of the producer's own district."),
    )
    history = HistoricalRecords(excluded_fields=["bank_account_hash"])

    class Meta:
        ordering = ["district", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(onboarded_by__isnull=True) | Q(consent_recorded_at__isnull=False),
                name="bazaar_assisted_onboarding_has_consent",
                violation_error_code="consent_missing",
                violation_error_message=_(
                    "An officer may register a producer only with the producer's consent."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=ProducerStatus.VERIFIED) | Q(verified_by__isnull=False),
                name="bazaar_verified_has_verifier",
            ),
            bounds.text_constraint(
                "address", bounds.NOTE_MAX, name="bazaar_producer_address_length"
            ),
            bounds.text_constraint(
                "officer_note", bounds.NOTE_MAX, name="producers_officer_note_length"
            ),
            models.CheckConstraint(
                condition=Q(bank_account_last_four="")
                | Q(bank_account_last_four__regex=r"^\d{4}$"),
                name="producers_bank_account_last_four_only",
                violation_error_code="invalid_bank_account",
                violation_error_message=_("Only the last four digits of an account are kept."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == ProducerStatus.VERIFIED


class ContactReveal(models.Model):
    """A signed-in buyer saw a producer's phone and email. Producers see every reveal."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="reveals")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.viewer} saw {self.producer} at {self.at:%Y-%m-%d %H:%M}"


class CertificationKind(models.TextChoices):
    GI_AUTHORISED_USER = "gi_authorised_user", _("GI authorised user")
    FSSAI = "fssai", _("FSSAI licence")
    ORGANIC = "organic", _("Organic (NPOP / PGS-India)")
    HANDLOOM_MARK = "handloom_mark", _("Handloom Mark")
    SILK_MARK = "silk_mark", _("Silk Mark")
    BIS = "bis", _("BIS certification")
    INDIA_HANDMADE = "india_handmade", _("India Handmade")
    OTHER = "other", _("Other")


class Certification(TimeStampedModel):
    """A certificate a producer holds, with its expiry; its badge shows only while valid."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("kind"), max_length=24, choices=CertificationKind)
    number = models.CharField(_("certificate number"), max_length=60)
    gi_entry = models.ForeignKey(
        "registry.GIEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorised_users",
        verbose_name=_("GI"),
    )
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    valid_until = models.DateField(
        _("valid until"), validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["producer", "valid_until", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=CertificationKind.GI_AUTHORISED_USER) | Q(gi_entry__isnull=False),
                name="bazaar_gi_certificate_names_gi",
                violation_error_code="gi_entry_missing",
                violation_error_message=_("A GI authorised-user certificate names its GI."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="bazaar_certificate_dates_ordered",
                violation_error_code="dates_reversed",
                violation_error_message=_("A certificate cannot expire before it starts."),
            ),
            bounds.range_constraint(
                "valid_from",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="bazaar_certificate_valid_from_range",
                nullable=True,
            ),
            bounds.range_constraint(
                "valid_until",
                bounds.DATE_MIN,
                bounds.DATE_MAX,
                name="bazaar_certificate_valid_until_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_expired(self) -> bool:
        """True once the day after `valid_until` has begun (issue 12: shown "expired")."""
        return self.valid_until < timezone.localdate()


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    TRANSGENDER = "transgender", _("Transgender")
    NOT_STATED = "not_stated", _("Not stated")


class SocialCategory(models.TextChoices):
    GENERAL = "general", _("General")
    OBC = "obc", _("Other Backward Class")
    SC = "sc", _("Scheduled Caste")
    ST = "st", _("Scheduled Tribe")
    EWS = "ews", _("Economically Weaker Section")
    NOT_STATED = "not_stated", _("Not stated")


class MemberRole(models.TextChoices):
    PRESIDENT = "president", _("President")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Member")


COLLECTIVE_KINDS = frozenset({ProducerKind.SHG, ProducerKind.FPO, ProducerKind.COOPERATIVE})


class ProducerMember(TimeStampedModel):
    """A member of a collective producer (an SHG's or FPO's or cooperative's members).

    Schemes count women, SC/ST and other members of the collectives they support, so gender
    and social category are recorded; Aadhaar never beyond its last four digits.
    """

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender)
    social_category = models.CharField(
        _("social category"),
        max_length=16,
        choices=SocialCategory,
        default=SocialCategory.NOT_STATED,
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole, default=MemberRole.MEMBER)
    aadhaar_last_four = models.CharField(
        _("Aadhaar (last four digits)"),
        max_length=4,
        blank=True,
        validators=[aadhaar_last_four_validate],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["producer", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aadhaar_last_four="") | Q(aadhaar_last_four__regex=r"^\d{4}$"),
                name="producers_member_aadhaar_last_four_only",
                violation_error_code="invalid_aadhaar_last_four",
                violation_error_message=_("Only the last four digits of Aadhaar are kept."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProducerEventKind(models.TextChoices):
    MERGED = "merged", _("Merged a duplicate record into this one")


class ProducerEvent(models.Model):
    """Something done to a producer record as a whole (a merge), with who, when and what.

    `other_producer_id` is the merged duplicate's id, kept as a number: that record is deleted
    by the merge (its history rows remain in `HistoricalProducer`).
    """

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ProducerEventKind)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    other_producer_id = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, validators=bounds.text_validators(bounds.NOTE_MAX))

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            bounds.text_constraint("note", bounds.NOTE_MAX, name="producers_event_note_length"),
        ]

    def __str__(self) -> str:
        return f"{self.producer_id}: {self.kind} {self.other_producer_id}"
