"""Checking an uploaded document by its content, not its name: the first bytes must be those
of a PDF, a JPEG or a PNG, and the file no larger than the cap. Pure."""

from odop.schemes.models.applications import DOCUMENT_MAX_BYTES

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def document_content_type(head: bytes) -> str | None:
    """The content type the file's first bytes show, or None when they are not PDF/JPEG/PNG."""
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def document_size_ok(size: int) -> bool:
    return 0 < size <= DOCUMENT_MAX_BYTES
