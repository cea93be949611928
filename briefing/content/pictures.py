"""Pictures on the page: the logo (PNG, JPEG or SVG), photos (PNG or JPEG) and the QR code of
the web address."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import stat
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group
from reportlab.graphics.shapes import Image as Raster
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image

from .. import cache
from ..errors import Problem
from .fields import Text
from .model import Logo, Photo

MAX_PIXELS = 50_000_000  # a larger image is refused before it is decoded
MAX_SIDE = 1200  # pixels on the longer side: more than a logo needs in print; larger is scaled
PHOTO_DPI = 300  # a photo's pixels per inch at the largest size it can print: enough for print
PHOTO_QUALITY = 85  # JPEG quality of photos: no visible loss in print, a small file
KEPT_PHOTOS = 50  # photos kept in the cache, the newest: each takes up to about 1 MB
_ORIENTATION = 0x0112  # the EXIF tag of a photo's orientation
_QUARTER_TURNS = {5, 6, 7, 8}  # orientations that turn the picture a quarter
_RESAMPLED = {"RGB", "RGBA", "L", "LA", "CMYK"}  # modes scaled well as they are
_RASTER = {".png", ".jpg", ".jpeg"}


class _TooLarge(Exception):
    """An image with more than :data:`MAX_PIXELS` pixels."""


class Picture(NamedTuple):
    """A loaded logo or photo: its intrinsic size in points and how to draw it at any size."""

    path: Path
    width: float
    height: float
    alt: str
    drawing: Any = None  # the parsed SVG, for SVG files
    scaled: bytes | None = None  # a large logo scaled down (as PNG); a photo (as JPEG)
    kept: str = ""  # a photo's key in the cache: what it was loaded from

    def flowable(self, height: float) -> Flowable:
        """The picture scaled to ``height``, keeping its proportions."""
        factor = height / self.height
        if self.drawing is None:
            source = io.BytesIO(self.scaled) if self.scaled else str(self.path)
            image = Image(source, self.width * factor, height)
            image.width, image.height = image.drawWidth, image.drawHeight
            return image
        group = Group(*self.drawing.contents, transform=(factor, 0, 0, factor, 0, 0))
        return _Vector(self.width * factor, height, group)


class _Renderer(renderPDF._PDFRenderer):
    """ReportLab's PDF renderer, drawing raster images as image objects: its inline images
    do not work with the binary streams briefing writes."""

    def drawImage(self, image: Raster) -> None:
        self._canvas.drawImage(
            ImageReader(image.path), image.x, image.y, image.width, image.height, mask="auto"
        )


class _Vector(Drawing):
    """An SVG drawing, drawn by :class:`_Renderer`."""

    def draw(self, showBoundary: Any = None) -> None:
        _Renderer().draw(renderPDF.renderScaledDrawing(self), self.canv, 0, 0)


def _file(name: Text, base: Path, expected: str, problems: list[Problem]) -> Path | None:
    """The regular file that ``name`` names from ``base``, or a located problem and None."""
    if re.match(r"(?i)[a-z][a-z0-9+.-]*://", str(name)):  # a web address: nothing is fetched
        problems.append(
            Problem(
                f"the image '{name}' is a web address, and a build reads only files",
                name.locate(),
                f"{expected}, saved on this computer first",
            )
        )
        return None
    path = base / str(name)
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISREG(mode):
        return path
    if mode is None:
        wrong = "was not found"
    elif stat.S_ISDIR(mode):
        wrong = "is a folder"
    else:
        wrong = "is not a regular file"
    problems.append(
        Problem(f"the image '{name}' {wrong} (looked for {path})", name.locate(), expected)
    )
    return None


def _too_large(name: Text, needed: str) -> Problem:
    """The problem of an image over :data:`MAX_PIXELS`."""
    millions = MAX_PIXELS // 1_000_000
    return Problem(
        f"the image '{name}' has more than {millions} million pixels",
        name.locate(),
        f"an image of at most {millions} million pixels ({needed})",
    )


def load_logo(logo: Logo, base: Path, problems: list[Problem]) -> Picture | None:
    """Load the logo named in the content, or add a located problem and return None.

    Images are checked whole (a truncated file is not readable), refused above
    :data:`MAX_PIXELS` before they are decoded, and scaled down to :data:`MAX_SIDE`; an SVG
    may refer only to images in its own folder.
    """
    expected = "a PNG, JPEG or SVG file, named relative to the file it is written in"
    path = _file(logo.file, base, expected, problems)
    if path is None:
        return None
    suffix = path.suffix.lower()
    try:
        with _bounded():
            if suffix in _RASTER:
                from PIL import Image as Pillow

                with Pillow.open(path) as opened:
                    width, height = opened.size
                    decoded = _decoded(opened)
                    scaled = None if decoded.size == (width, height) else _png(decoded)
                return Picture(path, float(width), float(height), str(logo.alt), None, scaled)
            if suffix == ".svg":
                from svglib.svglib import svg2rlg

                with _logged("svglib.svglib") as records:
                    drawing = svg2rlg(str(path), external_reference_root=str(path.parent))
                outside = [
                    str(r.args[0])
                    for r in records
                    if r.msg.startswith("Refusing") and isinstance(r.args, tuple) and r.args
                ]
                if outside:
                    problems.append(
                        Problem(
                            f"the SVG '{logo.file}' refers to '{outside[0]}', outside its folder",
                            logo.file.locate(),
                            "an SVG whose images are in its own folder or written into it",
                        )
                    )
                    return None
                if drawing is not None and drawing.width > 0 and drawing.height > 0:
                    for node in _rasters(drawing):
                        node.path = _decoded(_opened(node.path))
                    return Picture(path, drawing.width, drawing.height, str(logo.alt), drawing)
    except _TooLarge:
        needed = f"a logo needs no more than {MAX_SIDE} pixels on its longer side"
        problems.append(_too_large(logo.file, needed))
        return None
    except Exception:  # noqa: BLE001, S110 - any decoder failure: not a usable image
        pass
    problems.append(
        Problem(
            f"the file '{logo.file}' is not a readable PNG, JPEG or SVG image",
            logo.file.locate(),
            expected,
        )
    )
    return None


def load_photo(
    photo: Photo, base: Path, problems: list[Problem], widest: tuple[float, float]
) -> Picture | None:
    """Load a photo named in the content, or add a located problem and return None.

    ``widest`` is the largest size it can print at, in points. A photo is refused above
    :data:`MAX_PIXELS` before it is decoded, turned upright as its EXIF orientation says, made
    RGB (CMYK, grayscale and palette images too; transparency on white), scaled down to
    :data:`PHOTO_DPI` at ``widest``, and encoded as JPEG, which leaves out its metadata
    (a phone's photo carries where it was taken). What a file gives is kept, in the process
    and in the cache, until the file changes: loading a large photo takes a fifth of a second.
    """
    expected = "a PNG or JPEG file, named relative to the content file"
    path = _file(photo.file, base, expected, problems)
    if path is None:
        return None
    bound = (round(widest[0] / 72 * PHOTO_DPI), round(widest[1] / 72 * PHOTO_DPI))
    try:
        key = cache.key_of(path, f"{bound[0]}x{bound[1]}", f"q{PHOTO_QUALITY}")
        data, width, height = _loaded(path, key, bound)
    except _TooLarge:
        problems.append(
            _too_large(
                photo.file,
                f"{PHOTO_DPI} dpi across a page needs about "
                f"{bound[0] * bound[1] // 1_000_000} million",
            )
        )
        return None
    except Exception:  # noqa: BLE001 - any decoder failure: not a usable image
        problems.append(
            Problem(
                f"the file '{photo.file}' is not a readable PNG or JPEG image",
                photo.file.locate(),
                expected,
            )
        )
        return None
    alt = "" if photo.decorative else str(photo.alt)
    return Picture(path, float(width), float(height), alt, None, data, key)


def _entry(path: Path) -> str:
    """The name of a photo's entry in the cache: one for each file."""
    digest = hashlib.blake2b(str(path.resolve()).encode(), digest_size=8).hexdigest()
    return f"photo-{digest}"


@lru_cache(maxsize=16)
def _loaded(path: Path, key: str, bound: tuple[int, int]) -> tuple[bytes, int, int]:
    """The photo at ``path`` as JPEG data at most ``bound`` pixels, and its size: from the
    cache when it holds it under ``key`` (the file's size and time), else read."""
    stored = cache.load(_entry(path), key)
    if isinstance(stored, tuple) and [type(v) for v in stored] == [bytes, int, int]:
        return stored
    with _bounded():
        from PIL import Image as Pillow
        from PIL import ImageOps

        with Pillow.open(path) as opened:
            if opened.format not in ("PNG", "JPEG"):
                raise ValueError(opened.format)
            if opened.width * opened.height > MAX_PIXELS:
                raise _TooLarge
            if opened.getexif().get(_ORIENTATION, 1) in _QUARTER_TURNS:
                bound = (bound[1], bound[0])  # as stored, before it is turned upright
            # scaled down before anything else, so that no full-size copy is made (a large
            # JPEG is even decoded at a fraction of its size)
            image = opened if opened.mode in _RESAMPLED else _flattened(opened)
            image.thumbnail(bound, Pillow.Resampling.LANCZOS, reducing_gap=3.0)
            image = _flattened(ImageOps.exif_transpose(image))
    loaded = (_jpeg(image), *image.size)
    cache.store(_entry(path), key, loaded)
    cache.prune("photo-", 2 * KEPT_PHOTOS)  # each as loaded and as drawn
    return loaded


def drawn(picture: Picture, width: int) -> Any:
    """A photo for ReportLab to draw with at most ``width`` pixels across."""
    return _reader(jpeg(picture, width))


def jpeg(picture: Picture, width: int) -> bytes:
    """A photo's JPEG data with at most ``width`` pixels across: resampled from what was
    loaded when that has more, and kept, in the process and in the cache, for the next build
    at that size."""
    if width >= picture.width or picture.scaled is None:
        return picture.scaled or picture.path.read_bytes()
    size = (width, round(width * picture.height / picture.width))
    return _resampled(picture.path, picture.kept, picture.scaled, size)


@lru_cache(maxsize=4)
def _reader(data: bytes) -> Any:
    """JPEG data as ReportLab reads images, kept: it decodes the pixels once, to name them."""
    return ImageReader(io.BytesIO(data))


@lru_cache(maxsize=16)
def _resampled(path: Path, key: str, data: bytes, size: tuple[int, int]) -> bytes:
    """JPEG data of a photo loaded as ``data``, resampled to ``size``; from the cache when it
    holds that size of the photo at ``path`` loaded under ``key``."""
    name, kept = f"{_entry(path)}-drawn", f"{key}-{size[0]}x{size[1]}"
    stored = cache.load(name, kept) if key else None
    if isinstance(stored, bytes):
        return stored
    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(data)) as image:
        smaller = image.convert("RGB").resize(size, Pillow.Resampling.LANCZOS)
    resampled = _jpeg(smaller)
    if key:
        cache.store(name, kept, resampled)
    return resampled


def _jpeg(image: Any) -> bytes:
    """An RGB image as JPEG data at :data:`PHOTO_QUALITY`."""
    data = io.BytesIO()
    image.save(data, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    return data.getvalue()


def _flattened(image: Any) -> Any:
    """An RGB copy of ``image``: CMYK converted (Adobe's inverted CMYK JPEGs are read right by
    Pillow), grayscale and palettes expanded, transparency laid on white."""
    from PIL import Image as Pillow

    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "La", "RGBa") or "transparency" in image.info:
        image = image.convert("RGBA")
        white = Pillow.new("RGBA", image.size, "white")
        return Pillow.alpha_composite(white, image).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")


@contextlib.contextmanager
def _bounded() -> Iterator[None]:
    """Make Pillow refuse, while opening it, any image over :data:`MAX_PIXELS`."""
    from PIL import Image as Pillow

    limit = Pillow.MAX_IMAGE_PIXELS
    Pillow.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            yield
    except (Pillow.DecompressionBombWarning, Pillow.DecompressionBombError):
        raise _TooLarge from None
    finally:
        Pillow.MAX_IMAGE_PIXELS = limit


class _Kept(logging.Handler):
    """Keeps the records a library logs, rather than printing them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _logged(name: str) -> Iterator[list[logging.LogRecord]]:
    """The records the logger ``name`` logs while this runs, kept rather than printed."""
    handler = _Kept()
    logger = logging.getLogger(name)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _opened(image: Any) -> Any:
    """An image an SVG refers to (a file name, or one it holds), opened with Pillow."""
    from PIL import Image as Pillow

    return image if isinstance(image, Pillow.Image) else Pillow.open(image)


def _decoded(image: Any) -> Any:
    """A Pillow image, bounded, decoded whole (which finds a truncated file) and scaled down."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _TooLarge
    image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # a large JPEG decodes at a fraction of its size
    image.load()
    if max(image.size) > MAX_SIDE:
        image = image.copy()
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image


def _png(image: Any) -> bytes:
    """A scaled-down image as PNG data."""
    data = io.BytesIO()
    image.convert("RGB" if image.mode in ("CMYK", "YCbCr", "I", "F") else image.mode).save(
        data, "PNG", compress_level=1
    )
    return data.getvalue()


def _rasters(group: Group) -> Iterator[Raster]:
    """The raster images in a drawing, at any depth."""
    for node in group.contents:
        if isinstance(node, Raster):
            yield node
        elif isinstance(node, Group):
            yield from _rasters(node)
