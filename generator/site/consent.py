"""What may be published: drafts only when drafts are asked for, stories only
with their narrator's consent."""

from __future__ import annotations

from generator.content.bundle import Bundle
from generator.content.messages import _
from generator.content.problems import Problems
from generator.content.yamlsrc import line_at


def included(bundle: Bundle, drafts: bool) -> bool:
    """Whether a valid record takes part in this build (a draft only with --drafts)."""
    return bundle.meta is not None and (drafts or not bundle.meta.draft)


def consented(bundle: Bundle, problems: Problems) -> bool:
    """Whether a story's narrator agreed to publication; says so when not."""
    if bundle.meta.consent.given:
        return True
    problems.add(bundle.meta_path, line_at(bundle.raw, ("consent",)),
                 _('story "{id}" is not published: consent is not given').format(id=bundle.id),
                 _("set consent: {given: true, date: ...} once the narrator has agreed"),
                 level="notice")
    return False
