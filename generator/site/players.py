"""A sound or video as its page shows it (Player), and videos on other
websites read from their addresses: YouTube, Vimeo and listed PeerTube servers,
each behind a click (generator/emit/templates/_media.html.j2), starting where a
shared address starts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from generator.site.csp import VIMEO, YOUTUBE
from generator.site.model import Prose

_YOUTUBE = ("YouTube", "https://www.youtube.com/watch?v={id}", YOUTUBE + "/embed/{id}?autoplay=1",
            "&t={start}s", "&start={start}")
_VIMEO = ("Vimeo", "https://vimeo.com/{id}{hash}", VIMEO + "/video/{id}?dnt=1&autoplay=1{secret}",
          "#t={start}s", "#t={start}s")
# A video's address without https:// -> (its host, its page there, its player,
# and what each of those two gets when it starts later than at 0 seconds)
_ADDRESSES = tuple((re.compile(pattern, re.ASCII), templates) for pattern, templates in (
    (r"(?:www\.|m\.)?youtube\.com/(?:watch\?(?:[^#]*&)?v=|shorts/|embed/|live/)(?P<id>[\w-]{11})"
     r"(?:[&?#].*)?", _YOUTUBE),
    # youtube-nocookie.com: what a site's embed code holds, which editors copy too
    (r"(?:youtu\.be/|(?:www\.)?youtube-nocookie\.com/embed/)(?P<id>[\w-]{11})(?:[?#].*)?",
     _YOUTUBE),
    (r"player\.vimeo\.com/video/(?P<id>\d+)(?:\?(?:[^#]*?&)?h=(?P<h>[0-9a-f]+))?(?:[&?#].*)?",
     _VIMEO),
    (r"(?:www\.)?vimeo\.com/(?P<id>\d+)(?:/(?P<h>[0-9a-f]+))?(?:[?#].*)?", _VIMEO),
    (r"(?P<host>[a-z0-9.-]+)/(?:w|videos/watch|videos/embed)/(?P<id>[\w-]+)(?:[?#].*)?",
     ("{host}", "https://{host}/w/{id}", "https://{host}/videos/embed/{id}?autoplay=1&p2p=0",
      "?start={start}", "&start={start}"))))
# Where a shared address starts its video (t=1m30s, t=90, start=90): digits and
# h, m, s only (a fraction of a second is dropped), so that no more of the
# address than a number reaches the page
_START = re.compile(r"(?:(\d{1,4})h)?(?:(\d{1,4})m)?(?:(\d{1,6})(?:\.\d{1,3})?s?)?",
                    re.ASCII | re.IGNORECASE)


@dataclass
class Player:
    """A sound or video as its page shows it: its kind ("video", "audio", or
    "external" for a video on another website), the file published in media/
    (an external video's id), its type and a video's size; the copy to publish
    and the poster; captions by language as (published name, text), transcripts
    as texts (their clean HTML is `rendered`); of an external video its host, its
    page there and its player."""

    kind: str
    name: str = ""
    mime: str = ""
    width: int = 0
    height: int = 0
    file: Path | None = None
    poster: Path | None = None
    captions: dict[str, tuple[str, str]] = field(default_factory=dict)
    transcripts: dict[str, Prose] = field(default_factory=dict)
    host: str = ""
    page: str = ""
    embed: str = ""


def external(url: str, hosts: list[str]) -> Player | None:
    """The player of a video on YouTube, Vimeo or a listed PeerTube server, or None."""
    scheme, _sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    for pattern, templates in _ADDRESSES:
        match = pattern.fullmatch(host.lower() + slash + path)
        if match and scheme.lower() in ("http", "https") and match.groupdict().get(
                "host", "") in ["", *hosts]:
            h = match.groupdict().get("h")
            values = {**match.groupdict(), "hash": f"/{h}" if h else "",
                      "secret": f"&h={h}" if h else "", "start": _start(url)}
            name, page, embed, at_page, at_embed = (t.format(**values) for t in templates)
            if values["start"]:
                page, embed = page + at_page, embed + at_embed
            return Player("external", match["id"], host=name, page=page, embed=embed)
    return None


def _start(url: str) -> int:
    """The second a shared address starts its video at (`t` or `start`, in its
    query or after its #); 0 when it has none or one that cannot be read."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query) + parse_qsl(parts.fragment):
        if key in ("t", "start") and (time := _START.fullmatch(value)):
            hours, minutes, seconds = (int(n or 0) for n in time.groups())
            return hours * 3600 + minutes * 60 + seconds
    return 0
