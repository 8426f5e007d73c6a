"""The preview's form that creates a story, for editors who do not use a
terminal: http://127.0.0.1:8000/_new does what `pilots new story` does, with
the same checks, and the preview shows the new draft once it is rebuilt.

Only the preview serves it, and only on 127.0.0.1. A page of another website
cannot use it: a POST must carry the preview's own token (written in the form,
which another site cannot read), and, like every request to the preview, be
addressed to 127.0.0.1 or localhost by name (so a DNS name rebound to this
machine is refused) and come from no other Origin (see doors).
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader

from generator.commands.doors import is_local, without_paths
from generator.content.boundary import Boundary, Refused
from generator.commands.scaffold import (Options, ScaffoldError, create, pilots_of,
                                         site_languages)
from generator.content.messages import _, language
from generator.content.yamlsrc import split_front_matter

NEW = "/_new"
MAX_FORM = 10_000  # bytes a form may post: three short fields
MAX_TITLE = 200  # characters of a title the form takes
_PAGE = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True,
                    trim_blocks=True, lstrip_blocks=True).get_template("newform.html.j2")


def handle_new(handler: Any, preview: Any) -> None:
    """Shows the form (GET) or creates the story (POST), for the preview's request
    handler; the preview gives its content folder, token and port."""
    if not is_local(handler.headers, preview.port):  # the preview refused it already
        return _send(handler, 403, text=_("This form only works at http://127.0.0.1/."))
    if handler.command != "POST":
        return _send_form(handler, 200, preview, {})
    fields = _fields(handler)
    if fields is None or not hmac.compare_digest(fields.get("token", ""), preview.token):
        return _send(handler, 403, text=_("The form has expired: open {address} again.")
                     .format(address=NEW))
    title = fields.get("title", "")[:MAX_TITLE]  # made one line of text by create
    record_id, pilot = fields.get("id", "").strip(), fields.get("pilot", "").strip()
    try:
        files = create(preview.paths.content, "story", record_id, Options(pilot=pilot, title=title))
    except (ScaffoldError, OSError) as exc:  # said in the browser: no folders of this computer
        return _send_form(handler, 400, preview, fields,
                          without_paths(str(exc), preview.paths.root))
    preview.pending.set()
    names = ", ".join(path.name for path in files)
    return _send(handler, 200, text=_(
        "Created content/stories/{id}/ with {files}. Fill in the TODOs in your editor. The "
        "preview shows it, labelled; it is published only once you remove the line draft: true and "
        "the narrator's consent is written in meta.yml "
        "(consent: {{given: true, date: ...}}).").format(id=record_id, files=names),
        link=f"/stories/{record_id}/", label=_("See it in the preview"))


def _fields(handler: Any) -> dict[str, str] | None:
    kind = handler.headers.get("Content-Type", "").split(";")[0].strip()
    try:
        length = int(handler.headers.get("Content-Length") or 0)
    except ValueError:
        return None
    if kind != "application/x-www-form-urlencoded" or not 0 < length <= MAX_FORM:
        return None
    data = parse_qs(handler.rfile.read(length).decode("utf-8", "replace"))
    return {name: values[0] for name, values in data.items()}


def _send_form(handler: Any, status: int, preview: Any, values: dict[str, str],
               error: str = "") -> None:
    content = preview.paths.content
    texts = {"id": _("Id: the story's address, lowercase letters, digits and hyphens "
                     "(e.g. afval-bij-de-flat)"),
             "pilot": _("Pilot"), "create": _("Create the story"), "choose": _("Choose a pilot"),
             "title_in": _("Title ({language})").format(language=site_languages(content)[0])}
    _send(handler, status, texts=texts, error=error, action=NEW, token=preview.token,
          values=values, pilots=_pilots(content), max_title=MAX_TITLE)


def _pilots(content: Path) -> list[tuple[str, str]]:
    """Each pilot's id and how the list shows it: its title in the site's first
    language, which editors know it by, and the id."""
    lang, boundary, shown = site_languages(content)[0], Boundary(content), []
    for pilot in pilots_of(content):
        try:
            front = split_front_matter(boundary.read_text(content / "pilots" / pilot / f"{lang}.md"))
            title = front.front.data.get("title") if isinstance(front.front.data, dict) else None
        except (Refused, OSError):
            title = None
        shown.append((pilot, f"{title} ({pilot})" if isinstance(title, str) and title else pilot))
    return shown


def _send(handler: Any, status: int, **values: Any) -> None:
    """Answers with the page: the form when `values` hold its token, else a text."""
    page = _PAGE.render(lang=language(), title=_("New story"), **values)
    handler.reply(status, "text/html; charset=utf-8", page.encode("utf-8"))
