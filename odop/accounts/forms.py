"""Forms of the sign-in, sign-up and recovery pages (issue 12). They validate input only; the
accounts are made by `odop.accounts.signup`."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from odop.accounts.signup import account_with_email

NAME_MAX = 150
EMAIL_MAX = 150  # the email becomes the username (150 characters at most)


class LoginForm(AuthenticationForm):
    """Django's sign-in form; an empty field says it is required, not that the credentials
    did not match (issue 12)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Your username and password did not match. Please try again. (If you have just "
            "signed up, confirm your email first.)"
        ),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username or email")
        self.fields["username"].error_messages["required"] = _("Enter your username or email.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")

    def clean(self) -> dict[str, Any]:
        """An email signs in the account that has it (case does not matter); self-registered
        accounts have their email as username anyway."""
        typed = self.cleaned_data.get("username") or ""
        if "@" in typed:
            account = account_with_email(typed)
            if account is not None:
                self.cleaned_data["username"] = account.get_username()
        return super().clean()


class AccountFieldsForm(forms.Form):
    """What every self-service account gives: a name, an email and a password (twice)."""

    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX)
    email = forms.EmailField(
        label=_("Email"),
        max_length=EMAIL_MAX,
        help_text=_("We send a link to this address; your account works once you open it."),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 8 characters; not a common password, and not like your name or email."
        ),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, second = data.get("password"), data.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", _("The two passwords differ."))
        return data


class BuyerSignupForm(AccountFieldsForm):
    """A buyer's sign-up: who they are and whom they buy for."""

    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    country = forms.CharField(label=_("Country"), max_length=100, initial="India")

    field_order = ["name", "organisation", "country", "email", "password", "password_again"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"


class EmailForm(forms.Form):
    """One email: to send a new verification link to."""

    email = forms.EmailField(label=_("Email"), max_length=254)
