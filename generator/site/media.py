"""Sound and video in texts, written like a picture on a line of its own:
`![what it is](interview.mp4 "a caption")`. A file in the record's folder
(checked by generator.images.media) needs captions in the language of each text
that shows it (interview.nl.vtt) if a video, a transcript (interview.nl.md) if
a sound recording. A video on YouTube, Vimeo or a PeerTube server listed in
site.yml is shown behind a click (generator/emit/templates/_media.html.j2)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from generator.content.boundary import Refused, size
from generator.content.bundle import BESIDE_MEDIA, Bundle
from generator.content.load import Content
from generator.content.messages import N_, SITE, _, translations
from generator.content.problems import Problems, did_you_mean
from generator.content.yamlsrc import line_at
from generator.images.media import FORMATS, MediaIndex, Probed
from generator.images.pipeline import slug
from generator.site.captions import Invalid, read_captions
from generator.site.images import ImageChecks
from generator.site.mdrefs import ImageRef
from generator.site.players import Player, external
from generator.site.model import Prose
from generator.site.prose import Text, heading_id
from generator.site.texts import check_headings, check_markup, check_rendered, ids_of
from generator.site.textwork import TextWork

GITHUB_PAGES = 1 << 30  # GitHub Pages publishes at most 1 GB per site
CLOSE = 0.8  # from this share of it on, editors are told
STORY_MEDIA = {"video-story": ("video", "external"), "audio-story": ("audio",)}


def published(nodes: Iterable[Any]) -> dict[str, Path | str]:
    """Every sound, video and captions file the records' pages show: its path
    in the site -> the copy to publish, or the captions as checked."""
    files: dict[str, Path | str] = {}
    for player in (p for node in nodes for p in node.players.values()):
        if player.file is not None:
            files[f"media/{player.name}"] = player.file
        files.update({f"media/{name}": text for name, text in player.captions.values()})
    return files


class MediaChecks:
    """Checks the sound and video of each record (captions and transcripts read
    through the content boundary), and what the site's come to."""

    def __init__(self, index: MediaIndex, images: ImageChecks, texts: TextWork,
                 content: Content, problems: Problems):
        self.index, self.images, self.texts, self.content = index, images, texts, content
        self.boundary, self.problems = content.boundary, problems
        self.sizes: dict[str, tuple[int, Path]] = {}  # published name -> (bytes, file)
        self._ids: dict[Path, list[tuple[str, int]]] = {}  # a transcript's ids and their lines

    def record(self, bundle: Bundle, prose: dict[str, Prose]) -> dict[str, Player]:
        """Checks the sound and video in a record's texts; returns their players."""
        players: dict[str, Player | None] = {}
        for text in prose.values():
            for index, ref in enumerate(text.images):
                if not ref.is_media or not self._shown(ref, index, text):
                    continue
                if ref.src not in players:
                    players[ref.src] = self._player(ref, bundle, text)
                if players[ref.src] is not None:
                    self._in_language(players[ref.src], ref, bundle, text)
        found = {src: player for src, player in players.items() if player is not None}
        self._unused_posters(bundle, prose, found)
        self._strays(bundle)
        self._told(bundle, prose, found)
        self._shared_ids(bundle, prose, found)
        return found

    def _shared_ids(self, bundle: Bundle, prose: dict[str, Prose], players: dict[str, Player]
                    ) -> None:
        """Refuses an id a transcript shares with the rest of its page (a heading's,
        a footnote's): a link reaches only the first, and the page is not valid HTML."""
        for text in prose.values():
            seen = set(ids_of(text.rendered.html if text.rendered else ""))
            for ref in text.images:
                if text.lang not in getattr(players.get(ref.src), "transcripts", {}):
                    continue
                path = bundle.dir / f"{ref.src.rsplit('.', 1)[0]}.{text.lang}.md"
                ids = self._ids.get(path, [])
                clash = next(((name, line) for name, line in ids if name in seen), None)
                if clash:
                    self.problems.add(path, clash[1], _(
                        "the id {name!r} of this transcript is on its page already (in the text "
                        "that shows it, or in a transcript shown there)").format(
                        name=clash[0][:60]), _(
                        "give the heading other words, or the footnote another name: [^a1]; "
                        "show a recording once in a text"))
                seen.update(name for name, _line in ids)

    def _told(self, bundle: Bundle, prose: dict[str, Prose], players: dict[str, Player]) -> None:
        """A video story shows a video in each of its texts, an audio story a recording."""
        kinds = STORY_MEDIA.get(getattr(bundle.meta, "format", ""), ())
        for text in prose.values() if kinds else ():
            if not any(p.kind in kinds for r in text.images if (p := players.get(r.src))):
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("format",)), _(
                    "a {format} tells its story in a {what}, but {name} shows none").format(
                    format=bundle.meta.format, name=text.path.name, what=_("video") if
                    "video" in kinds else _("sound recording")), _(
                    "put it in the text: ![what it is](interview.mp4), or choose another format"))

    def _unused_posters(self, bundle: Bundle, prose: dict[str, Prose],
                        players: dict[str, Player]) -> None:
        """Warns of a poster named after no video the texts show: the address
        written otherwise in meta.yml than in the text leaves the video without it."""
        shown = {r.src for text in prose.values() for r in text.images if r.is_remote} | {
            p.name for p in players.values() if p.kind == "external"}
        for key in getattr(bundle.meta, "posters", None) or {}:
            if key not in shown:
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("posters", key)), _(
                    "the poster for {video} is for no video the texts show.").format(
                    video=key[:80]) + did_you_mean(key, sorted(shown)), _(
                    "write the video's address as the text does, or its id (dQw4w9WgXcQ)"),
                    level="warning")

    def _strays(self, bundle: Bundle) -> None:
        """Warns of captions or a transcript named after no sound or video file."""
        stems = {n.rsplit(".", 1)[0] for n in bundle.media if "." + n.rsplit(".", 1)[-1].lower()
                 in FORMATS}
        for name in bundle.media:
            beside = BESIDE_MEDIA.match(name)
            if beside and beside["stem"] not in stems:
                self.problems.add(bundle.dir / name, None, _(
                    "{name} is named after no sound or video file in this folder.").format(
                    name=name) + did_you_mean(beside["stem"], stems), _(
                    "name it after its file: interview.mp4 has interview.nl.vtt and "
                    "interview.nl.md beside it"), level="warning")

    def check_total(self) -> None:
        """Says when the site's sound and video come close to what GitHub Pages takes."""
        total = sum(bytes_ for bytes_, _file in self.sizes.values())
        if total > CLOSE * GITHUB_PAGES:
            largest = max(self.sizes.values())
            self.problems.add(largest[1], None, _(
                "the site's sound and video files come to {size}; GitHub Pages publishes at most "
                "1 GB per site").format(size=size(total)), _(
                "make the largest files smaller (this one is {size}), or show long recordings "
                "from a video website").format(size=size(largest[0])),
                level="error" if total > GITHUB_PAGES else "warning")

    def _shown(self, ref: ImageRef, index: int, text: Prose) -> bool:
        """Whether a sound or video (image `index` of a text) is written as its page
        shows one: described, and a paragraph of its own (generator.emit.pages puts
        a player only there; anywhere else it would be left out without a word)."""
        name = ref.src[:80]
        if not ref.alt:
            self.problems.add(text.path, ref.line, _("{name} has no description").format(
                name=name), _("say what it is between the brackets: ![what it is]({name})")
                .format(name=name))
        if not ref.alone:
            self.problems.add(text.path, ref.line, _("{name} shares its line with other text")
                              .format(name=name),
                              _("put a video or sound recording on a line of its own"))
            return False
        if text.rendered and text.rendered.alone(index) not in text.rendered.html:
            # on a line of its own, but with text on the line right above or below it
            self.problems.add(text.path, ref.line, _(
                "{name} is in a paragraph with other text: the line above or below it holds "
                "text too").format(name=name), _(
                "leave an empty line above and below a video or sound recording"))
            return False
        return True

    def _player(self, ref: ImageRef, bundle: Bundle, text: Prose) -> Player | None:
        name = ref.src[:80]
        if ref.is_remote:
            return self._external(ref, bundle, text)
        if ref.src not in bundle.media and ref.src not in bundle.refused:
            self.problems.add(text.path, ref.line, _('the file "{name}" is not in {folder}.')
                              .format(name=name, folder=f"{bundle.kind.folder}/{bundle.id}/")
                              + did_you_mean(ref.src, bundle.media),
                              _("put the file in the record's folder, or correct the name"))
        return self._file(ref, bundle, text) if ref.src in bundle.media else None

    def _file(self, ref: ImageRef, bundle: Bundle, text: Prose) -> Player | None:
        probed, key = self.index.probe(bundle.media[ref.src])
        if probed.error:
            self.problems.add(text.path, ref.line, *explain(ref.src, probed))
            return None
        stem, suffix = ref.src.rsplit(".", 1)
        name = f"{slug(stem)}-{key[:10]}.{suffix.lower()}"
        self.sizes[name] = (probed.size, bundle.media[ref.src])
        poster = next((stem + s for s in (".jpg", ".jpeg", ".png", ".webp")
                       if stem + s in bundle.media), None)
        if poster and self.images.file(poster, bundle, text.path, ref.line) is None:
            poster = None
        elif poster is None and probed.kind == "video":
            self.problems.add(text.path, ref.line, _(
                "{name} has no picture: readers see a black frame until they play it").format(
                name=ref.src), _("put a picture named {poster} beside it (or .png, .webp)").format(
                poster=stem + ".jpg"), level="notice")
        captions = self._beside(stem, "vtt", bundle, self._captions) if probed.kind == "video" \
            else self._unshown(ref.src, bundle)
        return Player(probed.kind, name, FORMATS["." + suffix.lower()].mime, probed.width,
                      probed.height, self.index.store.get(key), bundle.media.get(poster or ""),
                      captions, self._beside(stem, "md", bundle, self._transcript))

    def _unshown(self, recording: str, bundle: Bundle) -> dict[str, tuple[str, str]]:
        """A sound recording has no captions: its player shows none, so they are
        not published (nor read); the editor is told the transcript is shown,
        unless a video of the same name has them (interview.webm, interview.mp3)."""
        stem = Path(recording).stem
        if any(Path(name).stem == stem and getattr(FORMATS.get(Path(name).suffix.lower()), "kind",
                                                   "") == "video" for name in bundle.media):
            return {}
        for name in sorted(bundle.media):
            beside = BESIDE_MEDIA.match(name)
            if beside and beside["stem"] == stem and name.endswith(".vtt"):
                transcript = f"{stem}.{beside['lang']}.md"
                self.problems.add(bundle.dir / name, None, _(
                    "{name} is not published: a sound recording's player shows no captions; "
                    "readers get the transcript, {transcript}, under the player").format(
                    name=name, transcript=transcript), _(
                    "put what the captions say in {transcript}, and delete {name}").format(
                    name=name, transcript=transcript), level="warning")
        return {}

    def _external(self, ref: ImageRef, bundle: Bundle, text: Prose) -> Player | None:
        player = external(ref.src, self.content.site.video_hosts)
        if player is None:
            self.problems.add(text.path, ref.line, _(
                "{url} is not a video on YouTube, Vimeo or a PeerTube server listed in site.yml")
                .format(url=ref.src[:80]), _(
                "give the video's own address (https://www.youtube.com/watch?v=..., "
                "https://vimeo.com/...), list its PeerTube server under `video_hosts` in "
                "content/site.yml, or write a link: [what it is](address)"))
            return None
        posters = getattr(bundle.meta, "posters", None) or {}
        key = player.name if player.name in posters else ref.src
        if key in posters and self.images.file(posters[key], bundle, bundle.meta_path,
                                                line_at(bundle.raw, ("posters", key))):
            player.poster = bundle.media[posters[key]]
        return player

    def _beside(self, stem: str, suffix: str, bundle: Bundle,
                read: Callable[[Path, str, str], Any]) -> dict[str, Any]:
        """A file's captions or transcripts (interview.nl.vtt) by language, each checked."""
        found = {}
        for name in sorted(bundle.media):
            lang = re.fullmatch(re.escape(stem) + rf"\.([a-z]{{2,3}})\.{suffix}", name)
            try:
                text = self.boundary.read_text(bundle.media[name], bundle.dir) if lang else None
            except Refused as exc:
                self.problems.add(bundle.dir / name, None, exc.message, exc.hint)
                continue
            if text is not None and not text.strip():
                self.problems.add(bundle.dir / name, 1, _("{name} is empty").format(name=name),
                                  _("write it, or delete the file"))
            elif text is not None and (value := read(bundle.dir / name, text, lang[1])):
                found[lang[1]] = value
        return found

    def _captions(self, path: Path, text: str, lang: str) -> tuple[str, str] | None:
        try:
            read_captions(text)
        except Invalid as exc:
            self.problems.add(path, exc.line, exc.message, exc.hint)
            return None
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        return f"{slug(path.name.rsplit('.', 2)[0])}-{digest}.{lang}.vtt", text

    def _transcript(self, path: Path, text: str, lang: str) -> Prose | None:
        """A transcript is Markdown, checked as a text is (under its time budget),
        with no pictures in it."""
        words = self.content.texts.get(lang) or translations(lang, SITE)  # as for a text
        backlink = words.gettext("Back to the text")
        analysis = self.texts.analysis(Text(text, 1, backlink))
        prose = Prose(lang, "", None, None, text, 1, path, analysis.images, analysis.rendered)
        if not check_rendered(analysis, prose, self.problems):
            return None
        check_markup(prose, self.problems)
        check_headings([h for h in analysis.headings if h.level == 1], path, self.problems)
        lines = {heading_id(h.title, "-"): h.line for h in analysis.headings}
        self._ids[path] = [(name, lines.get(name, 1)) for name in ids_of(analysis.rendered.html)]
        for ref in analysis.images[:1]:
            self.problems.add(path, ref.line, _("a transcript shows no pictures, videos or sound"),
                              _("write in words what is shown or heard"))
        return prose

    def _in_language(self, player: Player, ref: ImageRef, bundle: Bundle, text: Prose) -> None:
        """A video needs captions, a sound recording a transcript, in the
        language of each text that shows it."""
        if player.kind not in ("video", "audio"):
            return
        video = player.kind == "video"
        file = f"{ref.src.rsplit('.', 1)[0]}.{text.lang}." + ("vtt" if video else "md")
        if file not in bundle.media and file not in bundle.refused:
            self.problems.add(text.path, ref.line, _(
                "{name} has no {what} in the language of this text: {file} is missing").format(
                name=ref.src, what=_("captions") if video else _("transcript"), file=file), (_(
                    "write {file}: the captions as WebVTT (subtitle programs and video websites "
                    "export it); each language the story is published in needs its own") if
                    video else _(
                    "write {file}: what is said in the recording, in Markdown; each language "
                    "the story is published in needs its own")).format(file=file))


_EXPORT = N_("export it (again) as MP4 with H.264 video and AAC sound, or a sound recording as "
             "MP3")
_WHY = {  # what is wrong with a file (Probed.error) -> (message, hint)
    "container": (N_("{name} is not what its name says: its content is {kind}"),
                  N_("rename it to end in {suffixes}")),
    "codec": (N_("{name} is in {detail}, which not every browser plays"), _EXPORT),
    "missing": (N_("{name} holds no {detail}, which its name promises"), _EXPORT),
    "damaged": (N_("{name} is damaged or incomplete and cannot be played to the end"),
                N_("copy or export the file again")),
    "unreadable": (N_("{name} is not a video or sound recording that can be read (another kind "
                      "of file, renamed?)"), _EXPORT)}
_FOUND = {"mp4": ("MP4", ".mp4, .m4a"), "matroska": ("WebM", ".webm"), "mp3": ("MP3", ".mp3"),
          "ogg": ("Ogg", ".ogg, .opus")}  # what a renamed file is, and what it may be called


def explain(name: str, probed: Probed) -> tuple[str, str]:
    """Returns (message, hint) for a sound or video file that cannot be published."""
    message, hint = _WHY[probed.error]
    kind, suffixes = _FOUND.get(probed.detail, ("", ""))
    return (_(message).format(name=name, kind=kind, detail=probed.detail),
            _(hint).format(suffixes=suffixes))
