"""Encoders: frames (RGBX pixel arrays) in, an MP4, a GIF, a folder of PNGs or one PNG out.

Owns the file formats: H.264 in MP4 through PyAV, GIF and PNG through Pillow. Runs in
the export's worker thread, so it never touches a widget; it writes only to the path
it is given (the temporary one) and raises OSError as it comes (the caller explains it
and removes the file). PyAV and Pillow are imported here, only when an export starts.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ui.export.options import Format

PNG_COMPRESSION = 3  # zlib level: frames are large, and level 3 is ~4x faster than the default for ~10 % more bytes


class FrameWriter(Protocol):
    def write(self, rgbx: np.ndarray) -> None: ...

    def close(self) -> None:
        """Finish the file (flush the encoder); the file is complete after this returns."""

    def abort(self) -> None:
        """Stop without finishing; the caller removes what was written."""


def open_writer(kind: Format, path: Path, size: tuple[int, int], fps: int) -> FrameWriter:
    """A writer of `kind` writing to `path` (a folder for a PNG sequence)."""
    if kind is Format.MP4:
        return Mp4Writer(path, size, fps)
    if kind is Format.GIF:
        return GifWriter(path, fps)
    if kind is Format.PNG_SEQUENCE:
        return PngSequenceWriter(path)
    return PngWriter(path)


def _rgb_image(rgb: np.ndarray) -> Any:
    """A Pillow RGB image of the first three channels (X is padding)."""
    from PIL import Image

    return Image.fromarray(np.ascontiguousarray(rgb[:, :, :3]))


class Mp4Writer:
    """H.264 (yuv420p, BT.709) in MP4, constant frame rate: frame k is shown at k / fps."""

    def __init__(self, path: Path, size: tuple[int, int], fps: int) -> None:
        import av

        self._container = av.open(str(path), mode="w", format="mp4")
        codec = "libx264" if "libx264" in av.codecs_available else "h264"
        stream = self._container.add_stream(codec, rate=fps)
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.codec_context.time_base = Fraction(1, fps)
        # Screen content: sharp text and flat colours. `animation` keeps edges, crf 20 is visually clean.
        stream.options = {"crf": "20", "preset": "superfast", "tune": "animation"}
        context = stream.codec_context
        assert isinstance(context, av.VideoCodecContext)
        context.colorspace = context.color_primaries = context.color_trc = 1  # BT.709, as players assume for HD
        context.color_range = 1  # limited ("TV") range, what every player expects
        self._stream = stream
        self._count = 0

    def write(self, rgbx: np.ndarray) -> None:
        import av

        frame = av.VideoFrame.from_ndarray(rgbx, format="rgba")
        frame = frame.reformat(format="yuv420p", dst_colorspace="ITU709", dst_color_range="MPEG")
        frame.pts = self._count
        self._count += 1
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()

    def abort(self) -> None:
        try:
            self._container.close()
        except OSError:
            pass  # the file is removed anyway; a full disk may refuse the trailer


class GifWriter:
    """An endlessly looping GIF written frame by frame (never all frames in memory).

    Each frame stores only the rectangle that changed since the previous one, with its own
    256-colour palette; a frame equal to the previous one lengthens that one instead.
    Delays are whole hundredths of a second, rounded so that the total time stays exact.
    """

    def __init__(self, path: Path, fps: int) -> None:
        self._file = path.open("wb")
        self._fps = fps
        self._count = 0  # frames received
        self._shown = 0  # hundredths of a second already written
        self._previous: np.ndarray | None = None
        self._pending: tuple[Any, tuple[int, int]] | None = None  # a quantized region waiting for its delay

    def write(self, rgbx: np.ndarray) -> None:
        rgb = rgbx[:, :, :3]
        previous = self._previous
        if previous is None:
            region, offset = rgb, (0, 0)
            self._write_header(rgb)
        else:
            changed = np.any(rgb != previous, axis=2)
            rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            if rows.size == 0:
                self._count += 1  # the same picture: the pending frame stays longer
                return
            top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            region, offset = rgb[top:bottom, left:right], (int(left), int(top))
        self._flush_pending()
        self._previous = rgb.copy()
        self._pending = (self._quantized(region), offset)
        self._count += 1

    def _quantized(self, rgb: np.ndarray) -> Any:
        from PIL import Image

        return _rgb_image(rgb).quantize(256, method=Image.Quantize.FASTOCTREE)

    def _write_header(self, rgb: np.ndarray) -> None:
        from PIL import GifImagePlugin, Image

        screen = Image.new("P", (rgb.shape[1], rgb.shape[0]))
        header, _ = GifImagePlugin.getheader(screen, info={"loop": 0})
        for chunk in header:
            self._file.write(chunk)

    def _flush_pending(self) -> None:
        from PIL import GifImagePlugin

        if self._pending is None:
            return
        image, offset = self._pending
        until = round(self._count * 100 / self._fps)  # the pending frame lasts until the current one starts
        delay = max(1, until - self._shown)
        self._shown += delay
        for chunk in GifImagePlugin.getdata(image, offset, duration=delay * 10, disposal=1, include_color_table=True):
            self._file.write(chunk)
        self._pending = None

    def close(self) -> None:
        self._flush_pending()
        self._file.write(b";")
        self._file.close()

    def abort(self) -> None:
        self._file.close()


class PngSequenceWriter:
    """frame_00000.png, frame_00001.png, … in a folder; frame k is shown at k / fps."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._count = 0

    def write(self, rgbx: np.ndarray) -> None:
        _rgb_image(rgbx).save(self._folder / f"frame_{self._count:05d}.png", "PNG", compress_level=PNG_COMPRESSION)
        self._count += 1

    def close(self) -> None:
        return None

    def abort(self) -> None:
        return None


class PngWriter:
    """One picture."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def write(self, rgbx: np.ndarray) -> None:
        with self._path.open("wb") as handle:
            _rgb_image(rgbx).save(handle, "PNG", compress_level=PNG_COMPRESSION)

    def close(self) -> None:
        return None

    def abort(self) -> None:
        return None
