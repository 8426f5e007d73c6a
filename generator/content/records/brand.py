"""site.yml's `brand:`: a site's colours, logo and fonts, without CSS or SVG.
Colours are checked for WCAG 2.1 AA contrast in the light and the dark scheme
(text in the brand colour on the page, white text on it); the dark scheme's
colour is made from the light one when none is given."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from generator.content.boundary import Refused
from generator.content.fields import FileName, Model, matching
from generator.content.messages import N_, _
from generator.content.problems import Problems

HEX = r"^#[0-9a-fA-F]{6}$"
# as CSS writes it; the schema keeps the pattern, so that editors' tools check it too
Colour = Annotated[str, matching(HEX, N_('"{value}" is not a colour; write it as "#1f77b4" '
                                         "(in quotes)")), AfterValidator(str.lower),
                   WithJsonSchema({"type": "string", "pattern": HEX})]
WHITE, LIGHT_PAGE, DARK_PAGE = "#ffffff", "#ffffff", "#12191e"
TEXT, UI = 4.5, 3.0  # the contrast WCAG 2.1 AA asks of text, and of focus rings and controls


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours (#rrggbb), from 1 to 21."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, toward: str, share: float) -> str:
    """`colour` moved `share` (0 to 1) of the way toward `toward`."""
    parts = [round(int(colour[i:i + 2], 16) * (1 - share) + int(toward[i:i + 2], 16) * share)
             for i in (1, 3, 5)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def readable(colour: str, page: str, ratio: float) -> str:
    """The colour, lightened or darkened (toward white or black) until it reads on `page`."""
    toward = WHITE if page == DARK_PAGE else "#000000"
    share = 0.0
    while contrast(mix(colour, toward, share), page) < ratio and share < 1:
        share += 0.05
    return mix(colour, toward, min(share, 1.0))


class Fonts(Model):
    """Fonts the site serves itself (WOFF2 files in content/)."""

    text: FileName | None = Field(default=None, description=N_("the font of the texts"))
    headings: FileName | None = Field(default=None, description=N_("the font of the headings"))


class Brand(Model):
    """A site's own look."""

    colour: Colour = Field(description=N_(
        "the main colour (#rrggbb): header, links, buttons; white text must read on it"))
    colour_dark: Colour | None = Field(default=None, description=N_(
        "the main colour on the dark page (made from `colour` when left out)"))
    accent: Colour | None = Field(default=None, description=N_(
        "the colour of focus rings and highlights (#rrggbb)"))
    logo: FileName | None = Field(default=None, description=N_(
        "a PNG or WebP file in content/brand/, shown in the header"))
    fonts: Fonts = Field(default=Fonts(), description=N_("fonts in content/brand/ (WOFF2)"))

    @model_validator(mode="after")
    def _contrast(self) -> "Brand":
        checks = [(self.colour, WHITE, TEXT, N_("white text on `colour`")),
                  (self.dark, DARK_PAGE, TEXT, N_("`colour_dark` on the dark page"))]
        if self.accent:
            checks.append((self.accent, LIGHT_PAGE, UI, N_("`accent` on the light page")))
        # every failing colour at once: fixing one should not reveal the next
        failing = [_("{where} has a contrast of {found:.1f}:1; readers need at least "
                     "{needed:g}:1 (WCAG 2.1 AA)")
                   .format(where=_(where), found=found, needed=needed)
                   for colour, page, needed, where in checks
                   if (found := contrast(colour, page)) < needed]
        if failing:
            raise ValueError("; ".join(failing))
        return self

    @property
    def dark(self) -> str:
        """The main colour in the dark scheme."""
        return self.colour_dark or readable(self.colour, DARK_PAGE, TEXT)


FOLDER = "brand"  # content/brand/: the logo and fonts
# What a file must start with to be what its name says (a renamed file is refused)
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".webp": b"RIFF", ".woff2": b"wOF2"}


def brand_files(brand: Brand | None, root: Path, read, problems: Problems,
                line: int | None) -> dict[str, bytes]:
    """The logo and fonts site.yml names, read from content/brand/ and checked.
    `read` reads a file's bytes through the boundary (raises Refused); `line`
    is that of `brand:` in site.yml."""
    wanted = {"logo": brand.logo, **brand.fonts.model_dump()} if brand else {}
    found = {}
    for role, name in wanted.items():
        if name is None:
            continue
        suffix = Path(name).suffix.lower()
        kinds = (".png", ".webp") if role == "logo" else (".woff2",)
        try:
            data = read(root / FOLDER / name, root / FOLDER) if suffix in kinds else b""
            if not data.startswith(MAGIC.get(suffix, b"-")):
                raise Refused(_("{name} is not a {kinds} file").format(
                    name=name, kinds=" / ".join(k.lstrip(".").upper() for k in kinds)),
                    _("a logo is a PNG or WebP file (never SVG: it could hold a script), a "
                      "font a WOFF2 file, in content/brand/"))
            found[role] = data
        except Refused as exc:  # from the boundary too: one way to the editor
            problems.add(root / "site.yml", line, exc.message, exc.hint)
    return found
