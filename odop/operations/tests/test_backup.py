"""`odop backup` / `odop restore` (issue #10): a round trip on whichever database the suite runs
on (SQLite's online backup API, or pg_dump/pg_restore), media included; archives from another
vendor or from newer code are refused before anything is touched."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.transaction import TransactionManagementError

from odop.geography.models import State
from odop.geography.tests.factories import StateFactory
from odop.operations.backup import MANIFEST_NAME, backup_create, backup_restore


def _archive_with_manifest(path: Path, **changes: object) -> Path:
    manifest = {
        "format": 1,
        "vendor": connection.vendor,
        "created_at": "2026-01-01T00:00:00+00:00",
        "django_version": "6.1",
        "migrations": {},
        "media_files": 0,
        **changes,
    }
    payload = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo(MANIFEST_NAME)
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    return path


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_brings_back_rows_and_media(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    # given: two States and a photo
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "photos").mkdir(parents=True)
    (tmp_path / "media" / "photos" / "sikki.jpg").write_bytes(b"photo")
    StateFactory.create(lgd_code=10, name="Bihar")
    StateFactory.create(lgd_code=21, name="Odisha")
    archive = tmp_path / "backup.tar.gz"

    # when: backed up, then one State renamed, one deleted, one added, the photo replaced
    call_command("backup", str(archive), verbosity=0)
    State.objects.filter(lgd_code=10).update(name="Changed")
    State.objects.filter(lgd_code=21).delete()
    StateFactory.create(lgd_code=9, name="Uttar Pradesh")
    (tmp_path / "media" / "photos" / "sikki.jpg").write_bytes(b"other")
    (tmp_path / "media" / "stray.txt").write_text("new")
    call_command("restore", str(archive), "--yes", verbosity=0)

    # then: the database and the media folder are as they were at the backup
    assert sorted(State.objects.values_list("lgd_code", "name")) == [
        (10, "Bihar"),
        (21, "Odisha"),
    ]
    assert (tmp_path / "media" / "photos" / "sikki.jpg").read_bytes() == b"photo"
    assert not (tmp_path / "media" / "stray.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_the_manifest_names_the_vendor_and_the_migrations(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "no-media-yet"
    path, manifest = backup_create(destination=tmp_path / "b.tar.gz")
    assert path.exists()
    assert manifest.vendor == connection.vendor
    assert "0001_initial" in manifest.migrations["operations"]
    assert manifest.media_files == 0
    with tarfile.open(path) as archive:
        names = archive.getnames()
    assert MANIFEST_NAME in names
    assert [file.name for file in tmp_path.iterdir()] == ["b.tar.gz"]  # no .partial left


@pytest.mark.django_db
def test_an_archive_from_another_vendor_is_refused(tmp_path: Path) -> None:
    # given: an archive made on the other database
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = _archive_with_manifest(tmp_path / "other.tar.gz", vendor=other)
    StateFactory.create(lgd_code=10, name="Bihar")

    # when / then: a clear, coded refusal, and the database untouched
    with pytest.raises(ValidationError) as error:
        backup_restore(archive_path=archive)
    assert error.value.code == "backup_vendor_mismatch"
    with pytest.raises(CommandError, match=f"made on a {other} database"):
        call_command("restore", str(archive), "--yes")
    assert State.objects.filter(lgd_code=10).exists()


@pytest.mark.django_db
def test_an_archive_from_newer_code_is_refused(tmp_path: Path) -> None:
    archive = _archive_with_manifest(
        tmp_path / "newer.tar.gz", migrations={"bazaar": ["0001_initial", "9999_future"]}
    )
    with pytest.raises(ValidationError) as error:
        backup_restore(archive_path=archive)
    assert error.value.code == "backup_migrations_unknown"
    assert "bazaar.9999_future" in error.value.messages[0]


@pytest.mark.django_db
def test_a_backup_inside_a_transaction_is_refused_rather_than_incomplete(tmp_path: Path) -> None:
    with pytest.raises(TransactionManagementError):
        backup_create(destination=tmp_path / "b.tar.gz")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_an_archive_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(ValidationError) as error:
        backup_restore(archive_path=junk)
    assert error.value.code == "backup_unreadable"
