"""Issue 12, item 11: the owner deletes a listing photo (recorded, files removed), and the
officer who onboarded a producer keeps "List a product for them" once the producer is verified.
"""

import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from odop.bazaar import services
from odop.bazaar.models import ListingPhoto
from odop.bazaar.tests.factories import ProducerFactory
from odop.producers.models import ProducerStatus

pytestmark = pytest.mark.django_db


def _photo(world: SimpleNamespace) -> ListingPhoto:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, format="PNG")
    upload = SimpleUploadedFile("basket.png", buffer.getvalue(), content_type="image/png")
    return services.listing_photo_add(
        actor=world.seller, listing=world.listing, upload=upload, caption="Front"
    )


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_owner_deletes_a_photo_and_history_records_who(
    world: SimpleNamespace, media: Path, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """issue 12: there was no way to delete a photo."""
    photo = _photo(world)
    storage, names = photo.image.storage, [photo.image.name, photo.thumbnail.name]
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_photo_delete(actor=world.seller, photo=photo)
    assert ListingPhoto.objects.exists() is False
    deleted = ListingPhoto.history.get(id=photo.pk, history_type="-")
    assert deleted.history_user == world.seller
    assert not any(storage.exists(name) for name in names)


@pytest.mark.parametrize("who", ["district_officer_own", "producer_other", "buyer"])
def test_only_the_owner_deletes_a_photo(world: SimpleNamespace, media: Path, who: str) -> None:
    """issue 12: owner only; the officer who may edit the listing may not delete its photos
    while the producer has their own account."""
    photo = _photo(world)
    with pytest.raises(PermissionDenied):
        services.listing_photo_delete(actor=world.users[who], photo=photo)
    assert ListingPhoto.objects.filter(pk=photo.pk).exists() is True


def test_photo_delete_on_the_listing_editor_and_over_the_api(
    world: SimpleNamespace, media: Path
) -> None:
    """issue 12: a "Delete photo" button for the owner; DELETE on the API (204, 403)."""
    first, second = _photo(world), _photo(world)
    url = f"/bazaar/sell/listings/{world.listing.pk}/"
    client = Client()
    client.force_login(world.seller)
    assert "Delete photo" in client.get(url).content.decode()
    deleted = client.post(url, {"action": "photo_delete", "photo": first.pk})
    assert deleted.status_code == 302
    assert list(ListingPhoto.objects.values_list("pk", flat=True)) == [second.pk]
    again = client.post(url, {"action": "photo_delete", "photo": first.pk})
    assert again.status_code == 200
    assert "This listing has no such photo." in again.content.decode()
    api_url = f"/api/v1/bazaar/listings/{world.listing.pk}/photos/{second.pk}/"
    officer = APIClient()
    officer.force_authenticate(world.officer)
    assert officer.delete(api_url).status_code == 403
    owner = APIClient()
    owner.force_authenticate(world.seller)
    assert owner.delete(api_url).status_code == 204
    assert owner.delete(api_url).status_code == 404
    assert ListingPhoto.objects.exists() is False


def test_the_onboarding_officer_keeps_list_a_product_once_verified(
    world: SimpleNamespace,
) -> None:
    """issue 12: "List a product for them" disappeared once the producer was verified."""
    producer = ProducerFactory.create(
        name="Danapur Bamboo SHG",
        district=world.patna,
        user=None,
        onboarded_by=world.officer,
        consent_note="Signed form kept at the DIC",
        consent_recorded_at=timezone.now(),
        status=ProducerStatus.VERIFIED,
        verified_by=world.officer,
    )
    client = Client()
    client.force_login(world.officer)
    html = client.get("/bazaar/officer/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Producers you onboarded" in text
    assert f"/bazaar/sell/listings/new/?producer={producer.pk}" in html
    new = client.get(f"/bazaar/sell/listings/new/?producer={producer.pk}")
    assert new.status_code == 200
