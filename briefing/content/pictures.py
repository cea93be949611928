"""Pictures on the page: the logo (PNG, JPEG or SVG), photos (PNG or JPEG) and the QR code of
the web address."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import logging
import re
import stat
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group
from reportlab.graphics.shapes import Image as Raster
from reportlab.lib.utils import ImageReader

from .. import cache
from ..errors import Problem
from ..flowables import Flowable, Image
from .fields import Text
from .model import Content, Logo, Photo

MAX_PIXELS = 50_000_000  # a larger image is refused before it is decoded
MAX_SIDE = 1200  # pixels on the longer side: more than a logo needs in print; larger is scaled
MAX_ASPECT = 20  # an image's longer side to its shorter, at most
MAX_PIXELS_PER_BYTE = 200  # of its file, in an image of over MAX_SIDE squared (a photo has a few)
MAX_SVG_BYTES = 2_000_000  # an SVG logo's file, at most: a seal takes a few hundred KB
MAX_SVG_ELEMENTS = 5_000  # an SVG logo's elements, at most: each takes svglib about a millisecond
PHOTO_DPI = 300  # a photo's pixels per inch at the largest size it can print: enough for print
PHOTO_QUALITY = 85  # JPEG quality of photos: no visible loss in print, a small file
KEPT_PHOTOS = 50  # photos kept in the cache, the newest: each takes up to about 1 MB
_ORIENTATION = 0x0112  # the EXIF tag of a photo's orientation
_QUARTER_TURNS = {5, 6, 7, 8}  # orientations that turn the picture a quarter
_RESAMPLED = {"RGB", "RGBA", "L", "LA", "CMYK"}  # modes scaled well as they are
_RASTER = {".png", ".jpg", ".jpeg"}


class _Refused(Exception):
    """An image with more than :data:`MAX_PIXELS` pixels, too many for its file's size, or
    too long for its width (:func:`_check_pixels`)."""

    def __init__(self, found: str = "", most: str = "", sized: bool = True) -> None:
        millions = MAX_PIXELS // 1_000_000
        super().__init__(f"has more than {millions} million pixels", f"{millions} million pixels")
        self.found, self.most = (found, most) if found else self.args
        self.sized = sized  # whether the pixels a use needs tell the writer what to do


def _check_pixels(image: Any, size: int | None) -> None:
    """Raise :class:`_Refused` for an image of over :data:`MAX_PIXELS` pixels, over
    :data:`MAX_ASPECT` times as long one way as the other, or of over
    :data:`MAX_SIDE` squared and more than :data:`MAX_PIXELS_PER_BYTE` of its file's ``size``
    (its pixels are mostly empty, yet would take as long and as much memory as a photo's)."""
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        raise _Refused
    if max(image.size) > MAX_ASPECT * min(image.size):  # it would print a hair wide or high
        found = f"is {image.width} by {image.height} pixels"
        most = f"{MAX_ASPECT} times as wide as it is high, or as high as wide"
        raise _Refused(found, most, sized=False)
    if size is not None and pixels > max(MAX_SIDE**2, MAX_PIXELS_PER_BYTE * size):
        found = f"has {pixels / 1e6:.1f} million pixels in a file of {size / 1000:,.0f} KB"
        raise _Refused(found, f"{MAX_PIXELS_PER_BYTE} pixels a byte of its file")


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
    loop = False
    try:
        mode: int | None = path.stat().st_mode
    except OSError as error:
        mode, loop = None, error.errno == errno.ELOOP
    except ValueError:  # a NUL, which no file name holds
        mode, loop = None, False
    if mode is not None and stat.S_ISREG(mode):
        return path
    if "\0" in str(name):
        wrong = "holds a NUL character, which no file name can"
    elif mode is None:
        wrong = "is a link that leads back to itself" if loop else "was not found"
    elif stat.S_ISDIR(mode):
        wrong = "is a folder"
    else:
        wrong = "is not a regular file"
    problems.append(
        Problem(f"the image '{name}' {wrong} (looked for {path})", name.locate(), expected)
    )
    return None


def _check_svg(path: Path) -> None:
    """Raise :class:`_Refused` for an SVG file over :data:`MAX_SVG_BYTES`, or with over
    :data:`MAX_SVG_ELEMENTS` elements (counted by their tags, before it is parsed)."""
    size = path.stat().st_size
    if size > MAX_SVG_BYTES:
        found = f"is an SVG of {size / 1e6:,.1f} MB"
        raise _Refused(found, f"{MAX_SVG_BYTES // 1_000_000} MB, or a PNG of it", sized=False)
    with path.open("rb") as file:
        elements = len(re.findall(rb"<[A-Za-z]", file.read()))
    if elements > MAX_SVG_ELEMENTS:
        found = f"is an SVG of {elements:,} elements"
        raise _Refused(found, f"{MAX_SVG_ELEMENTS:,} elements, or a PNG of it", sized=False)


def _refused(name: Text, error: _Refused, needed: str) -> Problem:
    """The problem of an image with too many pixels (or an SVG with too much in it)."""
    return Problem(
        f"the image '{name}' {error.found}",
        name.locate(),
        f"an image of at most {error.most}" + (f" ({needed})" if error.sized else ""),
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
        if suffix in _RASTER:
            with _open(path) as opened:
                width, height = opened.size
                shown = _in_srgb(_decoded(opened, path.stat().st_size), _profile(opened))
                kept = shown is opened and shown.size == (width, height)  # drawn from the file
                scaled = None if kept else _png(shown)
            return Picture(path, float(width), float(height), str(logo.alt), None, scaled)
        if suffix == ".svg":
            from svglib.svglib import svg2rlg

            _check_svg(path)
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
                    image = _opened(node.path)
                    node.path = _in_srgb(_decoded(image, None), _profile(image))
                return Picture(path, drawing.width, drawing.height, str(logo.alt), drawing)
    except _Refused as error:
        needed = f"a logo needs no more than {MAX_SIDE} pixels on its longer side"
        problems.append(_refused(logo.file, error, needed))
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


def empty(name: str, width: float, height: float) -> Picture:
    """A box of ``width`` by ``height`` with nothing in it: a logo or photo that cannot be
    loaded, on a page with errors laid out only to measure it."""
    return Picture(Path(name), width, height, "", Drawing(width, height))


def outlined(content: Content, photos: dict[int, Picture], base: Path) -> dict[int, Picture]:
    """The loaded ``photos`` of ``content`` by their ids, and for each photo that cannot be
    loaded (too many pixels, its data broken) an empty box of the size its file gives, if any."""
    found = dict(photos)
    for photo in (b.photo for s in content.sections for b in s.blocks if b.photo is not None):
        size = None if id(photo) in found else _size(photo.file.folder(base) / str(photo.file))
        if size is not None:
            found[id(photo)] = empty(photo.file, *size)
    return found


def _size(path: Path) -> tuple[int, int] | None:
    """The size a PNG or JPEG file gives, upright as its EXIF orientation says; None if it is
    no such file."""
    try:
        if not path.is_file():  # none, or none to read (a pipe)
            return None
        with _open(path) as image:
            (width, height), turned = image.size, image.getexif().get(0x0112) in (5, 6, 7, 8)
    except Exception:  # noqa: BLE001 - not a PNG or JPEG file: its size is unknown
        return None
    return (height, width) if turned else (width, height)


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
        limits = f"l{MAX_PIXELS}x{MAX_ASPECT}x{MAX_PIXELS_PER_BYTE}"  # a file refused by them
        key = cache.key_of(path, f"{bound[0]}x{bound[1]}", f"q{PHOTO_QUALITY}", limits, "srgb")
        data, width, height = _loaded(path, key, bound)
    except _Refused as error:
        problems.append(
            _refused(
                photo.file,
                error,
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
    from PIL import Image as Pillow
    from PIL import ImageOps

    with _open(path) as opened:
        _check_pixels(opened, path.stat().st_size)
        profile = _profile(opened)
        if opened.getexif().get(_ORIENTATION, 1) in _QUARTER_TURNS:
            bound = (bound[1], bound[0])  # as stored, before it is turned upright
        # scaled down before anything else, so that no full-size copy is made (a large
        # JPEG is even decoded at a fraction of its size; other modes reduced in strips)
        image = opened if opened.mode in _RESAMPLED else _reduced(opened, bound)
        image.thumbnail(bound, Pillow.Resampling.LANCZOS, reducing_gap=3.0)
        image = _flattened(_in_srgb(ImageOps.exif_transpose(image), profile))
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


def _reduced(image: Any, bound: tuple[int, int]) -> Any:
    """An image of a mode that resamples badly (a palette, 16-bit gray) in one that resamples
    well, reduced by the largest whole factor that leaves it ``bound`` or more, a strip of rows
    at a time: a 7000 by 7000 palette image takes some 100 MB rather than the 800 MB of
    full-size RGBA copies."""
    from PIL import Image as Pillow

    factor = max(1, int(min(image.width / bound[0], image.height / bound[1])))
    rows = factor * max(1, _STRIP_ROWS // factor)  # whole blocks of the reduction in a strip
    size = (-(-image.width // factor), -(-image.height // factor))
    reduced = None
    for top in range(0, image.height, rows):
        box = (0, top, image.width, min(image.height, top + rows))
        strip = _resamplable(image.crop(box)).reduce(factor)
        reduced = reduced or Pillow.new(strip.mode, size)
        reduced.paste(strip, (0, top // factor))
    return reduced


_STRIP_ROWS = 512


def _resamplable(image: Any) -> Any:
    """An image in one of the modes that resample well: palettes expanded (with their
    transparency), 16-bit gray made 8-bit, others RGB."""
    if image.mode in ("P", "PA"):
        has_alpha = image.mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L")
    if image.mode in ("1", "L", "LA"):
        return image.convert("L" if image.mode == "1" else image.mode)
    return image.convert("RGBA" if image.mode in ("La", "RGBa") else "RGB")


def _profile(image: Any) -> bytes | None:
    """The ICC profile embedded in an image file, if any."""
    profile = image.info.get("icc_profile")
    return profile if isinstance(profile, bytes) and profile else None


def _in_srgb(image: Any, profile: bytes | None) -> Any:
    """``image`` in sRGB, the colours of the page: converted through its embedded ICC
    ``profile`` when it has one that fits it (a CMYK photo's colours as its printer meant them,
    an Adobe RGB or Display P3 photo's unfaded), CMYK without one converted plainly (Adobe's
    inverted CMYK JPEGs are read right by Pillow); anything else (an RGB, grayscale or palette
    image without a profile, or with one that cannot be read) the image itself."""
    from PIL import ImageCms

    if profile is not None:
        source = image
        if source.mode in ("P", "PA", "LA", "La", "RGBa"):
            alpha = source.mode != "P" or "transparency" in source.info
            source = source.convert("RGBA" if alpha else "RGB")
        if source.mode in ("RGB", "RGBA", "L", "CMYK"):
            with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
                embedded = ImageCms.ImageCmsProfile(io.BytesIO(profile))
                wanted = "RGBA" if source.mode == "RGBA" else "RGB"
                return ImageCms.profileToProfile(source, embedded, _srgb(), outputMode=wanted)
    return image.convert("RGB") if image.mode == "CMYK" else image


@lru_cache(maxsize=1)
def _srgb() -> Any:
    """The sRGB profile, the page's colour space (its output intent)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _flattened(image: Any) -> Any:
    """An RGB copy of ``image`` (in sRGB, :func:`_in_srgb`): grayscale and palettes expanded,
    transparency laid on white."""
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


class _Kept(logging.Filter):
    """Keeps the records a library logs while a thread asks for them (:func:`_logged`),
    rather than printing them; set once, as a logger's filters are shared by every thread."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        kept: list[logging.LogRecord] | None = getattr(self.local, "records", None)
        if kept is None:
            return True
        kept.append(record)
        return False


@contextlib.contextmanager
def _logged(name: str) -> Iterator[list[logging.LogRecord]]:
    """The records the logger ``name`` logs in this thread while this runs, kept rather than
    printed."""
    keeper = _keeper(name)
    records: list[logging.LogRecord] = []
    keeper.local.records = records
    try:
        yield records
    finally:
        keeper.local.records = None


@lru_cache
def _keeper(name: str) -> _Kept:
    keeper = _Kept()
    logging.getLogger(name).addFilter(keeper)
    return keeper


def _open(path: str | Path) -> Any:
    """A PNG or JPEG file opened as Pillow opens it, but for Pillow's own check of its pixels,
    which warns on stderr below twice a limit of its own: :func:`_check_pixels` is stricter,
    and changes no setting another thread's Pillow would see."""
    from PIL import Image as Pillow

    Pillow.preinit()  # Pillow's PNG and JPEG readers
    with open(path, "rb") as file:
        prefix = file.read(16)
    for kind in ("PNG", "JPEG"):
        factory: Any
        factory, accept = Pillow.OPEN[kind]
        if accept is not None and accept(prefix):
            return factory(str(path), None)  # a file name: the image closes the file
    raise ValueError("not a PNG or JPEG image")


def _opened(image: Any) -> Any:
    """An image an SVG refers to (a file name, or one it holds), opened with Pillow."""
    from PIL import Image as Pillow

    return image if isinstance(image, Pillow.Image) else _open(image)


def _decoded(image: Any, size: int | None) -> Any:
    """A Pillow image, bounded (``size`` is its file's, if known), decoded whole (which finds
    a truncated file) and scaled down."""
    _check_pixels(image, size)
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
