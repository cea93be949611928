"""The sheet's own faces for the web page: each face it uses (shipped, or an office's own),
subset to the characters the page shows, as a WOFF font inside its ``@font-face`` rule.

The page then looks the same on every phone and computer as the PDF does on paper, reads
offline, and asks no other host for anything. fontTools subsets with the faces' layout tables
(Arabic's joining forms, marks), which a browser shapes with; a few kilobytes a face.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io

from .. import cache
from ..fonts import Faces, source

KEPT_SUBSETS = 64  # subsets kept in the cache, the newest: a few kilobytes each

_WEIGHTS = {"regular": (400, "normal"), "bold": (700, "normal")}
_ITALICS = {"italic": (400, "italic"), "bold_italic": (700, "italic")}


def font_faces(family: str, faces: Faces, italic: bool, text: str) -> str:
    """The ``@font-face`` rules of ``faces`` (and of their italics, if ``italic``) as the CSS
    family ``family``, each holding the characters of ``text`` it draws."""
    kinds = _WEIGHTS | (_ITALICS if italic else {})
    characters = "".join(sorted(set(text)))
    rules = []
    for kind, (weight, style) in kinds.items():
        data = base64.b64encode(_subset(getattr(faces, kind), characters)).decode("ascii")
        rules.append(
            f'@font-face{{font-family:"{family}";font-weight:{weight};font-style:{style};'
            f'src:url(data:font/woff;base64,{data}) format("woff")}}'
        )
    return "\n".join(rules)


@functools.lru_cache(maxsize=32)
def _subset(face: str, characters: str) -> bytes:
    """The face ``face`` cut down to ``characters``, as WOFF: made once for the same
    characters (most edits bring no new one) and kept, in the process and in the cache, as
    subsetting takes a tenth of a second or more a face."""
    import fontTools
    from fontTools import subset
    from fontTools.ttLib import TTFont

    data, made = source(face)
    digest = hashlib.blake2b(characters.encode(), digest_size=8).hexdigest()
    name, key = f"woff-{face}-{digest}", f"{made}-fonttools{fontTools.version}"
    kept = cache.load(name, key)
    if isinstance(kept, bytes):
        return kept

    options = subset.Options()
    options.layout_features = ["*"]  # shaping, ligatures, marks: as the PDF's text engine uses
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff"
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes each time
    cutter = subset.Subsetter(options)
    cutter.populate(text=characters)
    cutter.subset(font)
    woff = io.BytesIO()
    font.flavor = "woff"
    font.save(woff)
    cache.store(name, key, woff.getvalue())
    cache.prune("woff-", KEPT_SUBSETS)
    return woff.getvalue()
