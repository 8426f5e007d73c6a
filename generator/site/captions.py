"""WebVTT captions, read strictly, with line numbers (which webvtt-py does not
give; it also takes STYLE blocks and any HTML in a caption). A caption's text
is plain text with the few WebVTT tags (<i>, <b>, <u>, <c>, <v Name>, <lang>,
<ruby>, <rt>, times): anything else that starts with < is refused. A file that
passes is published as written; browsers show it as text, never as HTML."""

from __future__ import annotations

import re
from itertools import groupby

from generator.content.messages import _

_TIME = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
_TIMING = re.compile(rf"^({_TIME})[ \t]+-->[ \t]+({_TIME})((?:[ \t]+\S+)*)[ \t]*$")
_SETTING = re.compile(r"^(?:vertical|line|position|size|align|region):\S+$")
_TAG = re.compile(rf"</?(?:[cibuv]|lang|ruby|rt)(?:\.[^\s.<>]+)*(?:[ \t][^<>\n]*)?>|<{_TIME}>")
_SIGNATURE = re.compile(r"^\ufeff?WEBVTT(?:[ \t].*)?$")
_EXAMPLE = "00:00:01.000 --> 00:00:04.000"
# A time as SRT writes it (00:00:01,000), which subtitle programs save by default
_SRT = re.compile(r"\d{2,}:[0-5]\d:[0-5]\d,\d{3}[ \t]+-->")


class Invalid(ValueError):
    """Captions that cannot be published: the line, what is wrong, what to do."""

    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def read_captions(text: str) -> None:
    """Checks a WebVTT file; raises Invalid for the first thing wrong, with its line."""
    lines = re.split(r"\r\n|\r|\n", text)
    if not _SIGNATURE.match(lines[0]) and any(_SRT.match(line) for line in lines[:3]):
        raise Invalid(1, _("these captions are an SRT file; the site shows WebVTT"),
                      _("export them from the subtitle program as WebVTT (a file that starts "
                        "with the line WEBVTT)"))
    if not _SIGNATURE.match(lines[0]):
        raise Invalid(1, _("captions (WebVTT) start with the line WEBVTT"),
                      _("put WEBVTT on the first line; a subtitle program can export WebVTT"))
    count, previous = 0, 0.0
    for first, block in list(_blocks(lines))[1:]:  # the first is the header
        if block[0].startswith("NOTE") and block[0][4:5] in ("", " ", "\t") or \
                block[0].startswith("REGION"):
            continue
        if block[0].startswith("STYLE"):
            raise Invalid(first, _("the captions hold a STYLE block"),
                          _("remove it: captions look the same on every page of the site"))
        previous = _cue(first, block, previous)
        count += 1
    if count == 0:
        raise Invalid(1, _("the captions file holds no captions"),
                      _("add the captions, each as: {example} and the text on the next line")
                      .format(example=_EXAMPLE))


def _blocks(lines: list[str]):
    """(first line number, lines) of each run of lines without a blank one."""
    for blank, run in groupby(enumerate(lines, 1), key=lambda numbered: not numbered[1].strip()):
        if not blank:
            numbered = list(run)
            yield numbered[0][0], [line for _number, line in numbered]


def _cue(first: int, block: list[str], previous: float) -> float:
    """Checks one cue; returns its start (cues come in order of time)."""
    at = 0 if "-->" in block[0] else 1
    timing = _TIMING.match(block[at]) if at < len(block) else None
    if timing is None and at < len(block) and _SRT.match(block[at]):
        raise Invalid(first + at, _("the times on this line have a comma before the "
                                    "milliseconds, as an SRT file has; WebVTT has a point there"),
                      _("write them as {example}, or export the captions from the subtitle "
                        "program as WebVTT").format(example=_EXAMPLE))
    if timing is None or not all(_SETTING.match(s) for s in timing[3].split()):
        raise Invalid(first + min(at, len(block) - 1), _("this line should give a caption's "
                                                          "times"),
                      _("write them as {example} (minutes, seconds and milliseconds; hours "
                        "may go first), with a blank line between captions")
                      .format(example=_EXAMPLE))
    start, end = _seconds(timing[1]), _seconds(timing[2])
    if end <= start or start < previous:
        raise Invalid(first + at, _("this caption ends before it starts, or starts before the "
                                    "one above it"), _("check the times"))
    for number, line in enumerate(block[at + 1:], first + at + 1):
        rest = _TAG.sub("", line)
        if "-->" in line or "<" in rest:
            raise Invalid(number, _("a caption's text holds {found}").format(
                found=rest[rest.find("<"):][:40] if "<" in rest else "-->"),
                _("captions are plain text, with at most <i>, <b>, <u> or <v Name>; leave a "
                  "blank line between captions"))
    return start


def _seconds(time: str) -> float:
    parts = [float(p) for p in time.split(":")]
    return sum(value * 60 ** power for power, value in enumerate(reversed(parts)))
