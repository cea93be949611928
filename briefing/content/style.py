"""House styles: a content file's ``style:`` names a file of sheet-wide fields it shares.

The style's values join the content file's node tree where the sheet sets none (``design`` field
by field), each node still marked with the file it was written in, so that a problem is located
where its value is written and a file name (the logo) is relative to its own file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import ContentError, Location, Problem
from ..output import real
from .model import STYLE_FIELDS
from .reader import Source, key_of, read, value_of


def attach(source: Source, base: Path) -> Source:
    """``source`` holding the values of the style file it names (relative to ``base``) that it
    does not set itself; ``source`` as it is if it names none. Raise :class:`ContentError` if
    the style file cannot be read or parsed."""
    root = source.root
    node = value_of(root, "style")
    name = _file_name(node)
    if not isinstance(root, yaml.MappingNode) or node is None or name is None:
        return source  # no style, or a value that is not a file name: the model says so
    path = base / name
    where = source.at(node.start_mark) if node.start_mark else Location(source.path, 0, 0)
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    f"the style file {path} is not a file that can be read",
                    where,
                    "the name of a style file, relative to this content file",
                    field="style",
                )
            ]
        )
    style = read(path)
    if "sections" in _keys(style.root):  # a sheet named by mistake: said where it is named
        raise ContentError(
            [
                Problem(
                    f"the style file {path} is a sheet (it has sections), not a style file",
                    where,
                    "the name of a style file, which holds only sheet-wide fields ("
                    + ", ".join(STYLE_FIELDS)
                    + ")",
                    field="style",
                )
            ]
        )
    return source._replace(root=merge(root, style.root), style=style)


def merge(sheet: yaml.MappingNode, style: yaml.Node | None) -> yaml.MappingNode:
    """The sheet's fields, then the style's sheet-wide fields it does not set; ``design``
    merged field by field, the sheet's fields winning."""
    if not isinstance(style, yaml.MappingNode):
        return sheet  # an empty style adds nothing; a wrong one is reported on its own
    pairs = list(sheet.value)
    own = {key_of(key): index for index, (key, _) in enumerate(pairs)}
    for key, value in style.value:
        name = key_of(key)
        if name not in STYLE_FIELDS:
            continue  # reported by the style's own validation
        if name not in own:
            pairs.append((key, value))
        elif name == "design":
            mine = pairs[own[name]][1]
            if isinstance(mine, yaml.MappingNode) and isinstance(value, yaml.MappingNode):
                pairs[own[name]] = (pairs[own[name]][0], merge_fields(mine, value))
    return yaml.MappingNode(sheet.tag, pairs, sheet.start_mark, sheet.end_mark)


def merge_fields(mine: yaml.MappingNode, theirs: yaml.MappingNode) -> yaml.MappingNode:
    """``mine`` with the fields of ``theirs`` that it does not have."""
    keys = {key_of(key) for key, _ in mine.value}
    added = [(key, value) for key, value in theirs.value if key_of(key) not in keys]
    return yaml.MappingNode(mine.tag, mine.value + added, mine.start_mark, mine.end_mark)


def is_style(source: Source, path: Path | None = None) -> bool:
    """Whether a parsed file is a style file: sheet-wide fields and no sections, and no title
    either unless a content file beside it (at ``path``) names it as its style: then its title
    is a mistake to report, not a sign of a sheet."""
    keys = _keys(source.root)
    if "sections" in keys or not keys & set(STYLE_FIELDS):
        return False
    return "title" not in keys or (path is not None and _named_beside(path))


def _named_beside(path: Path) -> bool:
    """Whether a content file in the same folder names ``path`` as its style."""
    target = real(path)
    beside = (p for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml"))
    return any(named(p) == target for p in beside if real(p) != target)


def has_sections(path: Path) -> bool:
    """Whether a file is read as a sheet with sections (a sheet, even if another names it as
    its style by mistake); False if it cannot be read."""
    try:
        return "sections" in _keys(read(path).root)
    except ContentError:
        return False


def fields(source: Source) -> set[str]:
    """The sheet-wide fields a style file sets."""
    return _keys(source.root) & set(STYLE_FIELDS)


def _keys(node: yaml.Node | None) -> set[str]:
    if not isinstance(node, yaml.MappingNode):
        return set()
    return {str(key.value) for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def named(content: Path) -> Path | None:
    """The style file a content file names (resolved), or None; an unreadable file names none."""
    try:
        name = name_in(read(content).root)
    except ContentError:
        return None
    if name is None or "\0" in name:  # a NUL names no file: building the sheet says so
        return None
    return real(content.parent / name)


def name_in(root: yaml.Node | None) -> str | None:
    """The name of the style file a content file's node tree names, or None."""
    return _file_name(value_of(root, "style"))


def _file_name(node: yaml.Node | None) -> str | None:
    """The text of a node that names a file (``5`` names the file 5), or None."""
    if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null") and node.value.strip():
        return str(node.value)
    return None
