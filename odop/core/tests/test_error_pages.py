"""Styled error pages in both languages and a favicon (issue 12, item 9)."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [("/no-such-page/", "Page not found"), ("/hi/no-such-page/", "पेज नहीं मिला")],
)
def test_404_is_a_page_of_the_site_in_its_language(client: Client, path: str, heading: str) -> None:
    """Issue 12: the 404 page wears the site frame (header, navigation, stylesheet)."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html
    assert "core/site.css" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "heading"), [("", "Not allowed"), ("/hi", "अनुमति नहीं है")])
def test_403_is_a_page_of_the_site_in_its_language(prefix: str, heading: str) -> None:
    """Issue 12: the 403 page was unstyled text. A buyer may not draw up an export plan."""
    client = Client()
    client.force_login(UserFactory.create(role=Role.BUYER))
    response = client.post(f"{prefix}/exports/", {})
    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("hi", "कुछ गड़बड़ हो गई")]
)
def test_500_page_needs_no_database(language: str, heading: str) -> None:
    """Issue 12: the 500 page renders with the database down (no `db` fixture: any query here
    fails the test) and keeps the site's stylesheet."""
    request = RequestFactory().get("/")
    with translation.override(language):
        response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "core/site.css" in html
    assert f'lang="{language}"' in html


def test_favicon_answers_on_the_first_visit(client: Client) -> None:
    """Issue 12: `/favicon.ico` was a 404 on every first visit."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header


@pytest.mark.django_db
def test_every_page_links_the_icon(client: Client) -> None:
    assert 'rel="icon"' in client.get("/").content.decode()
