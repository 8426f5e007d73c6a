"""Sound and video files, checked with FFmpeg's libraries (PyAV) and copied
without their metadata.

A file is read by the one FFmpeg demuxer its name promises (never one guessed
from its content: some, such as HLS playlists, open other files), its streams
must be in codecs browsers play, every packet is read and each stream's first
frame decoded: a renamed, truncated or damaged file is a content problem at
`check`. What is published is a new file: the first video and sound stream
copied packet for packet (no re-encoding), with no metadata (titles, the
phone's position) and FFmpeg's bitexact flag (the same bytes every build).
Both are kept in the store by the file's content, this package's code and
PyAV's files (FFmpeg is inside them).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable


from generator.content.store import Store, code_digest, key_of

if TYPE_CHECKING:
    import av


@dataclass(frozen=True)
class Format:
    """What a suffix promises: its kind, FFmpeg's muxer and demuxer for it,
    the video and sound codecs browsers play in it, and its MIME type."""

    kind: str
    muxer: str
    demuxer: str
    video: frozenset[str]
    audio: frozenset[str]
    mime: str


_H264, _AAC, _OPUS = frozenset({"h264", "vp9", "av1"}), frozenset({"aac"}), frozenset({"opus"})
FORMATS = {".mp4": Format("video", "mp4", "mp4", _H264, _AAC | {"mp3"} | _OPUS, "video/mp4"),
           ".webm": Format("video", "webm", "matroska", frozenset({"vp8", "vp9", "av1"}),
                           _OPUS | {"vorbis"}, "video/webm"),
           ".mp3": Format("audio", "mp3", "mp3", frozenset(), frozenset({"mp3"}), "audio/mpeg"),
           ".m4a": Format("audio", "mp4", "mp4", frozenset(), _AAC, "audio/mp4"),
           ".ogg": Format("audio", "ogg", "ogg", frozenset(), _OPUS | {"vorbis"}, "audio/ogg"),
           ".opus": Format("audio", "ogg", "ogg", frozenset(), _OPUS, "audio/ogg")}
_WRITE = {"mp4": {"movflags": "+faststart"}, "mp3": {"id3v2_version": "0"}}  # no tags at all
_READ = {"protocol_whitelist": "file"}  # a file may lead to no other file or address


@dataclass(frozen=True)
class Probed:
    """What a sound or video file is: its kind, a video's size as shown (after
    its rotation), the bytes of its copy; or why it cannot be
    published (`error`: unreadable, container, codec, missing or damaged) and
    what was found (`detail`)."""

    kind: str = ""
    width: int = 0
    height: int = 0
    size: int = 0
    error: str = ""
    detail: str = ""


class MediaIndex:
    """What each file is, and its copy: in memory by the file's path, size and
    times; in the store in `folder` (without it a temporary one) by its content,
    hashed by `digest` (generator.images.probe's)."""

    def __init__(self, folder: Path | None, digest: Callable[[Path], str]):
        self._temporary = None if folder else tempfile.TemporaryDirectory(prefix="pilots-media-")
        self.store = Store(folder or Path(self._temporary.name))
        self.digest, self.known = digest, {}

    def probe(self, file: Path) -> tuple[Probed, str]:
        """What a file is, and the key of its copy in the store."""
        info = file.stat()
        mark = (os.path.realpath(file), info.st_mtime_ns, info.st_ctime_ns, info.st_size)
        if mark not in self.known:
            key = key_of(self.digest(file), file.suffix.lower(), code_digest(("images",), ("av",)))
            stored = self.store.read(key_of(key, "facts"))
            probed = Probed(**json.loads(stored)) if stored else None
            if probed is None or not probed.error and self.store.get(key) is None:
                probed = self._made(file, key)
            self.known[mark] = (probed, key)
        return self.known[mark]

    def _made(self, file: Path, key: str) -> Probed:
        av = _av()
        with tempfile.TemporaryDirectory(prefix="pilots-copy-") as folder:
            out = Path(folder) / f"copy{file.suffix.lower()}"
            try:
                probed = examine(file, FORMATS[file.suffix.lower()], out)
            except (av.FFmpegError, OSError, ValueError, IndexError) as exc:
                probed = Probed(error="damaged", detail=type(exc).__name__)
            if not probed.error:
                self.store.put(key, out.read_bytes(), out.suffix)
        self.store.put(key_of(key, "facts"), json.dumps(asdict(probed)).encode(), ".json")
        return probed


def examine(file: Path, fmt: Format, out: Path) -> Probed:
    """Checks a file; writes its copy to `out` when it may be published."""
    av = _av()
    try:
        source = av.open(str(file), format=fmt.demuxer, options=_READ, metadata_errors="ignore")
    except av.FFmpegError:
        demuxers = dict.fromkeys(f.demuxer for f in FORMATS.values())  # in order: deterministic
        found = next((name for name in demuxers if _reads(file, name)), "")
        return Probed(error="container" if found else "unreadable", detail=found)
    with source:
        streams = []
        for kind, codecs in (("video", fmt.video), ("audio", fmt.audio)):
            stream = next((s for s in source.streams if s.type == kind and not  # no cover picture
                           s.disposition & av.stream.Disposition.attached_pic), None)
            if stream is not None and codecs:
                if stream.codec_context.codec.canonical_name not in codecs:
                    return Probed(error="codec", detail=stream.codec_context.codec.canonical_name)
                streams.append(stream)
        if not any(stream.type == fmt.kind for stream in streams):
            return Probed(error="missing", detail=fmt.kind)  # "video" or "audio"
        return _copy(source, streams, fmt, out)


def _reads(file: Path, demuxer: str) -> bool:
    """Whether a demuxer reads sound or video from a file (what a renamed one is)."""
    av = _av()
    try:
        with av.open(str(file), format=demuxer, options=_READ) as source:
            return bool(source.streams.audio or source.streams.video)
    except av.FFmpegError:
        return False


def _copy(source: av.container.InputContainer, streams: list, fmt: Format, out: Path) -> Probed:
    """Copies the streams' packets into `out`, decoding each one's first frame;
    a file that ends before its stated duration is damaged (truncated)."""
    av = _av()
    ends: dict[int, float] = {}
    waiting, shape = {s.index: s for s in streams}, (0, 0)
    with av.open(str(out), "w", format=fmt.muxer, options=_WRITE.get(fmt.muxer, {}),
                 container_options={"fflags": "+bitexact"}) as target:
        copies = {s.index: target.add_stream_from_template(s) for s in streams}
        for packet in source.demux(streams):
            if packet.dts is None:
                continue  # the demuxer's last, empty packet
            index, start = packet.stream.index, packet.pts if packet.pts is not None else packet.dts
            if index in waiting:
                shape = _first_frame(packet.decode(), index, waiting) or shape
            end = float((start + (packet.duration or 0)) * packet.time_base)
            ends[index] = max(ends.get(index, 0), end)  # pictures come out of order
            packet.stream = copies[index]
            target.mux(packet)
        for index in list(waiting):  # what a decoder holds back until the end
            shape = _first_frame(waiting[index].decode(None), index, waiting) or shape
    stated = source.duration / av.time_base if source.duration else 0
    if waiting or not ends or max(ends.values()) < stated * 0.9:
        return Probed(error="damaged", detail="incomplete")
    return Probed(fmt.kind, *shape, out.stat().st_size)


def _first_frame(frames: list, index: int, waiting: dict) -> tuple[int, int] | None:
    """A video's size as shown, from its first frame (a phone held upright
    stores it on its side); its stream waits on while it has no frame yet."""
    if not frames:
        return None
    del waiting[index]
    frame = frames[0]
    if not isinstance(frame, _av().VideoFrame):
        return None
    return (frame.height, frame.width) if frame.rotation % 180 else (frame.width, frame.height)


def _av():
    """PyAV, imported when a site first has sound or video: a build without
    them would take a twentieth of a second longer for it."""
    import av  # noqa: PLC0415

    return av
