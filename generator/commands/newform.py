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
from html import escape
from typing import Any
from urllib.parse import parse_qs

from generator.commands.doors import is_local, without_paths
from generator.commands.scaffold import (Options, ScaffoldError, create, pilots_of,
                                         site_languages)
from generator.content.messages import _, language

NEW = "/_new"
MAX_FORM = 10_000  # bytes a form may post: three short fields
MAX_TITLE = 200  # characters of a title the form takes


def handle_new(handler: Any, preview: Any) -> None:
    """Shows the form (GET) or creates the story (POST).

    Args:
        handler: The preview's request handler.
        preview: The preview (its content folder, token and port).
    """
    if not is_local(handler.headers, preview.port):  # the preview refused it already
        return _send(handler, 403, _page(_("This form only works at http://127.0.0.1/.")))
    if handler.command != "POST":
        return _send(handler, 200, _form(preview, {}, ""))
    fields = _fields(handler)
    if fields is None or not hmac.compare_digest(fields.get("token", ""), preview.token):
        return _send(handler, 403, _page(_("The form has expired: open {address} again.")
                                         .format(address=NEW)))
    title = fields.get("title", "")[:MAX_TITLE]  # made one line of text by create
    record_id, pilot = fields.get("id", "").strip(), fields.get("pilot", "").strip()
    content = preview.paths.content
    try:
        files = create(content, "story", record_id, Options(pilot=pilot, title=title),
                       site_languages(content))
    except (ScaffoldError, OSError) as exc:  # said in the browser: no folders of this computer
        return _send(handler, 400, _form(preview, fields, without_paths(str(exc),
                                                                        preview.paths.root)))
    preview.pending.set()
    names = ", ".join(path.name for path in files)
    return _send(handler, 200, _page(
        _("Created content/stories/{id}/ with {files}. Fill in the TODOs in your editor; the "
          "story is a draft until you remove `draft: true`, and it is not shown anywhere, "
          "not even here, until the narrator's consent is written in meta.yml "
          "(consent: {{given: true, date: ...}}).").format(id=record_id, files=names),
        f"/stories/{record_id}/", _("See it in the preview (once consent is written down)")))


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


def _form(preview: Any, values: dict[str, str], error: str) -> str:
    content = preview.paths.content
    first = site_languages(content)[0]
    chosen = values.get("pilot", "")
    options = "".join(f'<option{" selected" if p == chosen else ""}>{escape(p)}</option>'
                      for p in pilots_of(content))
    alert = f'<p role="alert" class="error">{escape(error)}</p>' if error else ""
    return _html(_("New story"), f"""{alert}
<form method="post" action="{NEW}">
<input type="hidden" name="token" value="{escape(preview.token)}">
<p><label for="id">{escape(_("Id: the story's address, lowercase letters, digits and hyphens "
                             "(e.g. afval-bij-de-flat)"))}</label>
<input id="id" name="id" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value="{escape(values.get("id", ""))}"></p>
<p><label for="pilot">{escape(_("Pilot"))}</label>
<select id="pilot" name="pilot" required>{options}</select></p>
<p><label for="title">{escape(_("Title ({language})").format(language=first))}</label>
<input id="title" name="title" maxlength="{MAX_TITLE}" value="{escape(values.get("title", ""))}"></p>
<p><button>{escape(_("Create the story"))}</button></p>
</form>""")


def _page(text: str, link: str = "", label: str = "") -> str:
    more = f'<p><a href="{escape(link)}">{escape(label)}</a></p>' if link else ""
    return _html(_("New story"), f"<p>{escape(text)}</p>{more}")


def _html(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="{language()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}
label{{display:block;font-weight:600}}input,select{{font:inherit;width:100%;padding:.4rem}}
button{{font:inherit;padding:.5rem 1rem}}.error{{color:#8b0000;font-weight:600}}</style>
</head><body><main><h1>{escape(title)}</h1>{body}</main></body></html>"""


def _send(handler: Any, status: int, page: str) -> None:
    handler.reply(status, "text/html; charset=utf-8", page.encode("utf-8"))
