"""The preview's doors: who may talk to it, and what a browser may learn from it.

The preview listens on 127.0.0.1 only, yet a web page the editor opens can
still reach it. By DNS rebinding, a name of the attacker's points at 127.0.0.1
a moment after the page loaded: the browser then counts the preview as that
page's own site and lets it read every preview page (drafts too) and the
events stream. Such a request still carries the attacker's name in `Host`, so
every request must name the preview itself (127.0.0.1:PORT or localhost:PORT,
exactly as a browser writes them), come from no other origin (`Origin`, which
browsers send on every POST and every cross-origin fetch) and not be a
cross-site request other than a visit (`Sec-Fetch-Site`).

What a browser gets names no folder of this computer (the project, the home
folder, where Python and the generator are installed): not even the editor's
own pages need them, and a page that got in some other way must learn nothing
more than the content.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from email.message import Message
from pathlib import Path

# How fetch metadata calls requests the preview answers whoever sent them: its
# own pages ("same-origin"), and what the editor typed or bookmarked ("none")
_OWN_FETCHES = ("same-origin", "none")


def names(port: int) -> set[str]:
    """The Host values that address the preview on `port` (a browser leaves :80 out)."""
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    return hosts | ({"127.0.0.1", "localhost"} if port == 80 else set())


def is_local(headers: Message, port: int) -> bool:
    """Tells whether a request (its `headers`) is addressed to the preview on
    `port` by its own name and comes from no other site."""
    hosts, origins = headers.get_all("Host") or [], headers.get_all("Origin") or []
    # two Host or Origin headers: no browser sends them, so no guessing which one counts
    if len(hosts) != 1 or hosts[0] not in names(port) or len(origins) > 1:
        return False
    if origins and origins[0] not in {f"http://{host}" for host in names(port)}:
        return False  # includes "null": sandboxed frames, file:// pages
    site = headers.get("Sec-Fetch-Site")
    # a link from elsewhere may open a page (the page it came from cannot read it)
    return site is None or site in _OWN_FETCHES or headers.get("Sec-Fetch-Mode") == "navigate"


def without_paths(text: str, root: Path | None) -> str:
    """Returns `text`, to be shown in a browser, with the folders of this
    computer taken out: the files of the project (`root`, None if not known)
    named from it (content/..., as problems name them), the home folder as ~,
    and where Python and the generator are installed as [python] and [generator]."""
    for folder, shown in _places(root):
        text = text.replace(folder + os.sep, "" if shown == "." else shown + os.sep)
        text = text.replace(folder, shown)
    return text


def _places(root: Path | None) -> list[tuple[str, str]]:
    """The folders to take out, most specific first, each as written and as resolved."""
    found = {Path(__file__).resolve().parents[2]: "[generator]",
             Path(os.path.expanduser("~")): "~"}
    for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                   *sysconfig.get_paths().values()):
        found[Path(prefix)] = "[python]"
    if root is not None:  # last: a project that is also the generator's folder is named so
        found[root] = "."
    places = {}
    for folder, shown in found.items():
        for written in (os.path.abspath(folder), os.path.realpath(folder)):
            if len(written) > 1:  # never "/"
                places[written] = shown
    return sorted(places.items(), key=lambda place: -len(place[0]))
