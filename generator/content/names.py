"""How content names its files: what a file is by its suffix, and which file
a name means. Kept apart, on the standard library alone: the Markdown workers
find a text's images with it and should start on nothing more."""

from __future__ import annotations

import unicodedata

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"})
MEDIA_SUFFIXES = frozenset({".mp4", ".webm", ".mp3", ".m4a", ".ogg", ".opus"})  # sound, video
# Image formats editors have that the site cannot use, and what to export each
# as: one table, whether a file is known by its suffix (scan.pdf) or by its
# bytes (a phone's HEIC photo saved as .jpg), so the advice is the same
UNSUPPORTED_IMAGES = {"HEIC": "JPEG", "HEIF": "JPEG", "AVIF": "JPEG", "PSD": "JPEG", "DNG": "JPEG",
                      "CR2": "JPEG", "NEF": "JPEG", "ARW": "JPEG", "BMP": "PNG", "SVG": "PNG",
                      "PDF": "PNG"}  # a drawing or a page of text stays sharp as PNG


def file_key(name: str) -> str:
    """How a file is known by name: é is one letter, whether it was typed as
    one (NFC, as most editors write) or as e and an accent (NFD, as macOS
    writes file names); files are found by listing their folder, never by
    making a path of the name, so the name stays a key."""
    return unicodedata.normalize("NFC", name)
