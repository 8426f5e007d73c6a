"""Small real sound and video files for tests, made with PyAV (FFmpeg's
libraries, with the encoders browsers' codecs need, come inside its wheel):
a grey picture and silence are all a test needs, and keep the files tiny."""

from __future__ import annotations

from pathlib import Path

import av

# suffix -> (container, video codec or None, sound codec)
KINDS = {".mp4": ("mp4", "libx264", "aac"), ".webm": ("webm", "libvpx-vp9", "libopus"),
         ".mp3": ("mp3", None, "libmp3lame"), ".opus": ("ogg", None, "libopus"),
         ".m4a": ("mp4", None, "aac"), ".ogg": ("ogg", None, "libopus")}


def make_media(path: Path, seconds: float = 2, size: tuple[int, int] = (320, 180),
               metadata: dict[str, str] | None = None) -> Path:
    """Writes a video (or, for a sound suffix, a recording) of `seconds`."""
    container, video, sound = KINDS[path.suffix]
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=container) as out:
        out.metadata.update(metadata or {})
        pictures = out.add_stream(video, rate=10) if video else None
        sound = out.add_stream(sound, rate=48000, layout="mono")
        if pictures:
            pictures.width, pictures.height, pictures.pix_fmt = *size, "yuv420p"
            _pictures(out, pictures, seconds, size)
        _silence(out, sound, seconds)
    return path


def _pictures(out, stream, seconds: float, size: tuple[int, int], rate: int = 10) -> None:
    for index in range(round(seconds * rate)):
        frame = av.VideoFrame(*size, "yuv420p")
        for plane in frame.planes:
            plane.update(bytes([64 + index * 8 % 128]) * plane.buffer_size)
        frame.pts = index
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)


def _silence(out, stream, seconds: float, rate: int = 48000) -> None:
    step = stream.codec_context.frame_size or 1024
    for start in range(0, round(seconds * rate), step):
        frame = av.AudioFrame(format=stream.codec_context.format.name, layout="mono", samples=step)
        frame.sample_rate, frame.pts = rate, start
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
