"""People who use the platform and the role that scopes what each may see and do."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A user's single role. Officer roles carry a State or a district scope."""

    NATIONAL_ADMIN = "national_admin", _("National admin")
    STATE_OFFICER = "state_officer", _("State officer")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    PRODUCER = "producer", _("Producer")
    BUYER = "buyer", _("Buyer")
    MISSION_OFFICER = "mission_officer", _("Mission officer")
    ASSESSOR = "assessor", _("Committee assessor")
    # Issues 14-15: scoped by what they run, not by place (a centre, a batch), except the bank
    # officer, who sanctions for the branches of one district.
    CFC_OPERATOR = "cfc_operator", _("CFC operator")
    TRAINER = "trainer", _("Trainer")
    BANK_OFFICER = "bank_officer", _("Bank officer")


OFFICER_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.STATE_OFFICER, Role.DISTRICT_OFFICER})


class User(AbstractUser):
    """A platform user. The role decides the scope; the database refuses an unscoped officer."""

    role = models.CharField(_("role"), max_length=24, choices=Role, default=Role.BUYER)
    state = models.ForeignKey(
        "geography.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )
    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        default="en",
        choices=[("en", _("English")), ("hi", _("Hindi"))],
    )
    # Self-registered buyers (issue 12): who they buy for, and when they proved their email.
    # Accounts made by officers or the demo have no verification date (they never signed up).
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.STATE_OFFICER)
                | Q(state__isnull=False, district__isnull=True),
                name="accounts_state_officer_has_state",
                violation_error_message=_("A State officer must be scoped to one State."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.DISTRICT_OFFICER) | Q(district__isnull=False),
                name="accounts_district_officer_has_district",
                violation_error_message=_("A district officer must be scoped to one district."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.BANK_OFFICER) | Q(district__isnull=False),
                name="accounts_bank_officer_has_district",
                violation_error_message=_("A bank officer must be scoped to one district."),
            ),
        ]

    @property
    def is_officer(self) -> bool:
        # A superuser (the operator) counts as an officer with national scope.
        return self.role in OFFICER_ROLES or self.is_superuser

    @property
    def is_national_admin(self) -> bool:
        return self.role == Role.NATIONAL_ADMIN or self.is_superuser


def signed_in_user(user: User | AnonymousUser) -> User | None:
    """The user if signed in (a `User`), else None: the first step of every permission check."""
    return user if user.is_authenticated and isinstance(user, User) else None
