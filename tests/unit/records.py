"""Small in-memory records for the unit tests: models validated as the content
reader validates them, nodes linked as resolve links them, no files read."""

from __future__ import annotations

from pathlib import Path

from generator.content.kinds import PILOTS, STORIES
from generator.content.records.pilots import PilotMeta
from generator.content.records.site import SiteConfig
from generator.content.records.stories import StoryMeta
from generator.content.records.taxonomies import Taxonomies
from generator.site import prose as markup
from generator.site.model import Pilot, Prose, Site, Story

LANGS = {"languages": ["nl", "en"]}
HERE = Path("/nowhere")  # nothing of these records is ever read from disk


def site_config(**changes) -> SiteConfig:
    data = {"title": {"nl": "Proef", "en": "Trial"}, "languages": ["nl", "en"],
            "base_url": "https://example.org/site/", **changes}
    return SiteConfig.model_validate(data, context=LANGS)


def taxonomies() -> Taxonomies:
    return Taxonomies.model_validate({
        "themes": {"work": {"label": {"nl": "Werk", "en": "Work"}}},
        "intervention_types": {"meeting": {"label": {"nl": "Bijeenkomst", "en": "Meeting"},
                                           "color": "#1f77b4", "icon": "users"}}},
        context=LANGS)


def prose(lang: str, title: str, body: str = "Tekst.", summary: str | None = None) -> Prose:
    analysis = markup.analyse(markup.Text(body, 4))
    return Prose(lang, title, summary, None, body, 4, HERE / f"{lang}.md", analysis.images,
                 analysis.rendered)


def pilot(pilot_id: str = "houten", **meta) -> Pilot:
    data = {"country": "NL", "place": "Houten", "location": {"lat": 52.028, "lon": 5.168},
            "period": {"start": "2019-01", "end": "2019-11"}, "status": "finished", **meta}
    node = Pilot(PILOTS, pilot_id, HERE / pilot_id,
                 {"nl": prose("nl", "Houten"), "en": prose("en", "Houten")})
    node.meta = PilotMeta.model_validate(data, context=LANGS)
    return node


def story(story_id: str, home: Pilot, nl: str = "Een verhaal", en: str | None = "A story",
          body: str = "Tekst.", **meta) -> Story:
    data = {"pilot": home.id, "date": "2019-05-10", "format": "article",
            "narrator": {"name": "Anoniem"}, "consent": {"given": True}, **meta}
    texts = {"nl": prose("nl", nl, body)}
    if en is not None:
        texts["en"] = prose("en", en, body)
    node = Story(STORIES, story_id, HERE / story_id, texts)
    node.meta = StoryMeta.model_validate(data, context=LANGS)
    node.pilot = home
    home.stories.append(node)
    return node


def site(pilots: list[Pilot], stories: list[Story] = (), **config) -> Site:
    return Site(site_config(**config), taxonomies(), HERE,
                pilots={p.id: p for p in pilots}, stories={s.id: s for s in stories})
