"""HTML for responsive images: <picture> with WebP and a fallback, and figures."""

from __future__ import annotations

from html import escape

from generator.images.pipeline import Rendition

SIZES = {
    "hero": "100vw",
    "figure": "(min-width: 76em) 46rem, (min-width: 60em) 60vw, 100vw",
    "wide": "(min-width: 76em) 61rem, 100vw",
    "card": "(min-width: 60em) 20rem, (min-width: 45em) 45vw, 100vw",
    "portrait": "10rem",
}


def picture(rendition: Rendition, media_url: str, alt: str, usage: str = "figure",
            eager: bool = False, css: str = "") -> str:
    """Returns a <picture> for a rendition.

    Args:
        rendition: The image's outputs.
        media_url: The URL of the media folder relative to the page, with a
            trailing slash.
        alt: The alt text (plain text; escaped here).
        usage: Which `sizes` to use (figure, wide, card, portrait).
        eager: Load at once (the cover); body images load lazily.
        css: A class for the <img>.
    """
    default = rendition.of(rendition.fallback_format)[0]  # one, for browsers without WebP
    sizes = SIZES[usage]
    loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    cls = f' class="{escape(css)}"' if css else ""
    return (
        "<picture>"
        f'<source type="image/webp" srcset="{_srcset(rendition, "webp", media_url)}" sizes="{sizes}">'
        f'<img src="{media_url}{default.name}" '
        f'width="{default.width}" height="{default.height}" '
        f'alt="{escape(alt)}" {loading}{cls}>'
        "</picture>")


def _srcset(rendition: Rendition, fmt: str, media_url: str) -> str:
    return ", ".join(f"{media_url}{v.name} {v.width}w" for v in rendition.of(fmt))


def largest(rendition: Rendition, media_url: str) -> str:
    """Returns the URL of the largest variant (what a lightbox shows)."""
    return media_url + rendition.of("webp")[-1].name


def figure(rendition: Rendition, media_url: str, alt: str, caption: str | None = None,
           credit: str | None = None, usage: str = "figure", eager: bool = False,
           caption_lang: str | None = None, zoom: bool = False) -> str:
    """Returns a <figure> with a picture and, when given, caption and credit.

    Args:
        zoom: Link the picture to its largest size (a photo story's lightbox).
    """
    shown = picture(rendition, media_url, alt, usage, eager)
    if zoom:
        shown = (f'<a class="pl-zoom" href="{largest(rendition, media_url)}" data-pl-zoom '
                 f'data-caption="{escape(caption or "")}">{shown}</a>')
    parts = [shown]
    if caption or credit:
        lang = f' lang="{caption_lang}"' if caption_lang else ""
        text = f"<span{lang}>{escape(caption)}</span>" if caption else ""
        if credit:
            text += f' <small class="pl-credit">{escape(credit)}</small>'
        parts.append(f"<figcaption>{text.strip()}</figcaption>")
    return f'<figure class="pl-figure pl-figure--{usage}">' + "".join(parts) + "</figure>"


def gallery(items: list[tuple[Rendition, str, str | None]], media_url: str, label: str) -> str:
    """Returns a gallery of thumbnails that open the lightbox.

    Args:
        items: (rendition, alt text, caption) per photo.
        media_url: The media folder's URL relative to the page.
        label: The gallery's accessible name.
    """
    cells = []
    for rendition, alt, caption in items:
        thumb = picture(rendition, media_url, alt, "card")
        cells.append(f'<li><a class="pl-zoom" href="{largest(rendition, media_url)}" data-pl-zoom '
                     f'data-caption="{escape(caption or "")}">{thumb}</a></li>')
    return (f'<section class="pl-gallery" aria-label="{escape(label)}">'
            f'<ul class="pl-gallery__list">{"".join(cells)}</ul></section>')
