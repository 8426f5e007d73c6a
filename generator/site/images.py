"""The images a record uses: a cover, a photo, the images in its texts. Each
must be a file in the record's folder that decodes in full within the pixel
limit (measured once per file version, see generator.images.probe)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.content.bundle import Bundle
from generator.content.fields import Image
from generator.content.names import UNSUPPORTED_IMAGES
from generator.site.mdrefs import ImageRef
from generator.content.messages import _
from generator.content.problems import Problems, did_you_mean
from generator.content.yamlsrc import line_at
from generator.images.pipeline import Source, Unshowable, clash, plan
from generator.images.probe import COVER_MIN_WIDTH, WARN_MEGAPIXELS, WIDEST, ImageIndex, Measured
from generator.site.model import Prose

IMAGE_FIELDS = ("cover", "photo")  # the meta.yml fields that name an image


class ImageChecks:
    """Checks the images of records (`index`: what each image file is, kept
    between builds)."""

    def __init__(self, index: ImageIndex, problems: Problems):
        self.index, self.problems = index, problems
        self.published: dict[str, str] = {}  # name -> hash of the image published under it

    def record(self, bundle: Bundle, prose: dict[str, Prose]) -> None:
        """Checks every image of a record: meta.yml's and its texts'."""
        used = set()
        for name in IMAGE_FIELDS:
            image = getattr(bundle.meta, name, None)
            if image is not None:
                self._named(image, bundle, name)
                used.add(image.file)
        for text in prose.values():
            for ref in (r for r in text.images if not r.is_media):  # generator.site.media's
                self._in_text(ref, bundle, text.path)
                used.add(ref.src)
        for name, kind in sorted(bundle.unsupported.items()):
            if name not in used:  # said once, where it is used; else here
                said = _unsupported(name, kind) if kind != "PDF" else _document(name)
                self.problems.add(bundle.dir / name, None, *said, level="warning")

    def _named(self, image: Image, bundle: Bundle, field: str) -> None:
        line = line_at(bundle.raw, (field, "file"))
        found = self.file(image.file, bundle, bundle.meta_path, line)
        if found is not None and field == "cover" and found.width < COVER_MIN_WIDTH:
            self.problems.add(bundle.meta_path, line, _(
                "the cover {name} is {width} px wide; covers look blurred below {minimum} px")
                .format(name=image.file, width=found.width, minimum=COVER_MIN_WIDTH),
                _("use a larger image"), level="warning")

    def _in_text(self, ref: ImageRef, bundle: Bundle, path: Path) -> None:
        if odd := invisible(ref.src):
            self.problems.add(path, ref.line, _(
                "the file name of the image {name} holds an invisible character ({code})")
                .format(name=ref.src, code=odd), _(
                "retype the file name between the brackets ( ), or rename the file with "
                "letters, digits and hyphens"))
            return
        if odd := invisible(ref.alt) or invisible(ref.title or ""):
            self.problems.add(path, ref.line, _(
                "the alt text or caption of the image {name} holds an invisible character "
                "({code})").format(name=ref.src, code=odd), _(
                "retype the text of the image: the character usually comes with text pasted "
                "from another program"), level="warning")
        if not ref.alt:
            self.problems.add(path, ref.line, _("the image {name} has no alt text").format(
                name=ref.src), _("describe the image between the brackets: "
                                 "![what the image shows]({name})").format(name=ref.src))
        if ref.is_remote:
            self.problems.add(path, ref.line, _("the image {name} is on another website").format(
                name=ref.src), _("save the image in the record's folder and use its file name "
                                 "(the site loads nothing from other websites)"))
            return
        self.file(ref.src, bundle, path, ref.line)

    def file(self, name: str, bundle: Bundle, path: Path, line: int | None) -> Measured | None:
        """Checks an image a record names; returns what it is, or None (reported)."""
        if name in bundle.refused:
            return None  # the content boundary has said why
        if name in bundle.unsupported:
            self.problems.add(path, line, *_unsupported(name, bundle.unsupported[name]))
            return None
        if name not in bundle.media:
            self.problems.add(path, line, _('the image "{name}" is not in {folder}.')
                              .format(name=name, folder=f"{bundle.kind.folder}/{bundle.id}/")
                              + did_you_mean(name, bundle.media),
                              _("put the image file in the record's folder, or correct the name"))
            return None
        found = self.index.measure(bundle.media[name])
        if found.error:
            self.problems.add(path, line, *explain(name, found))
            return None
        if not self._planned(name, bundle.media[name], found, path, line):
            return None
        if found.megapixels > WARN_MEGAPIXELS:  # shown at most 1600 px wide: the rest is weight
            self.problems.add(path, line, _(
                "{name} is {size:.0f} megapixels; the site shows it at most {widest} pixels wide")
                .format(name=name, size=found.megapixels, widest=WIDEST), _(
                "a smaller copy (4000 px on the long side) keeps the repository light; this one "
                "is fine to publish"), level="notice")
        return found

    def _planned(self, name: str, file: Path, found: Measured, path: Path,
                 line: int | None) -> bool:
        """Plans an image as the build will (the same function decides): what
        it cannot make, or would publish under another image's name, is refused."""
        try:
            rendition = plan(Source(file, found.digest, found.width, found.height, found.alpha))
        except Unshowable as exc:
            self.problems.add(path, line, *unshowable(name, exc))
            return False
        if clash(rendition, self.published):
            self.problems.add(path, line, _("{name} would be published under the same name as "
                                            "another image of the site").format(name=name),
                              _("rename the file"))
            return False
        return True


def explain(name: str, found: Measured) -> tuple[str, str]:
    """Returns (message, hint) for an image that cannot be used."""
    if found.error == "unsupported":
        return _unsupported(name, found.format)
    if found.error == "damaged":
        return (_("{name} is damaged or incomplete and cannot be read to the end ({error})")
                .format(name=name, error=found.detail),
                _("open it in a photo program and save it again, or export it anew"))
    if found.error == "too-large":
        message = _("{name} is larger than the limit of {limit:g} megapixels").format(
            name=name, limit=found.limit)
        if found.width:
            message += " " + _("({width} × {height} pixels, {size:.0f} megapixels)").format(
                width=found.width, height=found.height, size=found.megapixels)
        return message, _("scale it down to at most 4000 pixels on the long side")
    return (_("{name} is not an image that can be read").format(name=name),
            _("save it as JPEG, PNG or WebP"))


def invisible(text: str) -> str:
    """Names the first control character or line or paragraph separator in a
    text ("U+2028 LINE SEPARATOR"), or returns "" when there is none."""
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") and ch != "\t":
            name = _("a line break") if ch in "\r\n" else unicodedata.name(ch, "")
            return f"U+{ord(ch):04X}" + (f" {name}" if name else "")
    return ""


def unshowable(name: str, exc: Unshowable) -> tuple[str, str]:
    """Returns (message, hint) for an image too small, or too long and thin, to show."""
    sizes = {"name": name, "width": exc.width, "height": exc.height, "minimum": exc.minimum,
             "limit": exc.limit}
    if exc.reason == "small":
        return (_("{name} is only {width} × {height} pixels: too small to be seen on a page")
                .format(**sizes),
                _("use an image of at least {minimum} pixels on each side").format(**sizes))
    if exc.reason == "tall":
        message = _("{name} is {width} × {height} pixels: too narrow for its height to be shown "
                    "(at most {limit} pixels high, it would be less than {minimum} pixels wide)")
    else:
        message = _("{name} is {width} × {height} pixels: too low for its width to be shown "
                    "(at the widths the site shows it would be less than {minimum} pixels high)")
    return message.format(**sizes), _("crop it, or cut it into several images")


def _document(name: str) -> tuple[str, str]:
    """A PDF no text shows is a document (a report) more likely than a picture."""
    return (_("{name} is not part of the content model and will not be published.")
            .format(name=name), _("offer a document by a link to where it is published; to "
                                  "show a page of it as a picture, export that page as PNG"))


def _unsupported(name: str, kind: str) -> tuple[str, str]:
    """Returns (message, hint) for an image in a format the site cannot use."""
    target = UNSUPPORTED_IMAGES[kind]
    return (_("{name}: {format} is not supported: export it as {target}").format(
        name=name, format=kind, target=target),
            _("open it in a photo program (Photos, Preview, GIMP) and export or save it as "
              "{target}; then use the new file's name").format(target=target))
