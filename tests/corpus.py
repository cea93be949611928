"""Stress content: the sample and the examples, cut or repeated, in every layout and language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .visual import DATA, EXTRAS, ROOT, SAMPLE_TREE

EXAMPLES = ROOT / "examples"
LONG_URL = (
    "See https://www.state.gov/bureau-of-international-narcotics-and-law-enforcement-"
    "affairs/releases/2019/niger-program-summary-and-detailed-annual-report for more."
)
LAYOUTS = ["two-column", "single-column", "sidebar"]
# short, full (with the facts, contacts and QR code), and scaled down to fit; one column of at
# most 75 characters a line holds about half of what two hold
LENGTHS = {
    "two-column": (0.3, 0.9, 1.5),
    "single-column": (0.2, 0.3, 0.45),
    "sidebar": (0.3, 0.6, 0.75),
}
LONG_HEADINGS = [
    "Counternarcotics Interdiction",
    "Institutionalization of Accountability",
    "Telecommunications Surveillance Countermeasures",
]


def load(path: Path) -> dict[str, Any]:
    """A sheet's content, its logo and photo paths made absolute so it builds from anywhere."""
    tree: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "logo" in tree:
        tree["logo"] = {**tree["logo"], "file": str(path.parent / tree["logo"]["file"])}
    for section in tree.get("sections", []):
        for block in section.get("blocks", []):
            if "photo" in block:
                block["photo"] = {
                    **block["photo"],
                    "file": str(path.parent / block["photo"]["file"]),
                }
    return tree


def example(name: str) -> dict[str, Any]:
    """An example sheet's content."""
    return load(EXAMPLES / name)


def _balanced(text: str) -> str:
    """``text`` without a trailing unpaired ``**`` left by cutting it between two words."""
    if text.count("**") % 2:
        head, _, tail = text.rpartition("**")
        text = head + tail
    return text


def _listed(body: str) -> str:
    """A body with each paragraph turned into a bullet list of its sentences."""
    paragraphs = []
    for paragraph in body.split("\n\n"):
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", " ".join(paragraph.split()))
        paragraphs.append("\n".join(f"- {s}" for s in sentences if s))
    return "\n\n".join(paragraphs)


def sized(
    factor: float,
    layout: str,
    extras: bool = False,
    base: dict[str, Any] = SAMPLE_TREE,
    listed: bool = False,
    headings: list[str] | None = None,
) -> dict[str, Any]:
    """``base`` (the sample) with its sections' text repeated or cut to ``factor`` of its length,
    a long web address at the end; optionally the sample's facts, contacts, QR code, logo and
    marking, bodies as bullet lists, and other headings."""
    tree = {**base, "design": {**base.get("design", {}), "layout": layout}}
    if extras:
        tree.update(EXTRAS, logo={**EXTRAS["logo"], "file": str(ROOT / EXTRAS["logo"]["file"])})
    sections = []
    for index, section in enumerate(base["sections"]):
        words = section["body"].split(" ")
        count = max(3, int(len(words) * factor))
        body = _balanced(" ".join((words * 4)[:count]))
        heading = headings[index % len(headings)] if headings else section["heading"]
        sections.append({"heading": heading, "body": _listed(body) if listed else body})
    sections[-1]["body"] += "\n\n" + LONG_URL
    tree["sections"] = sections
    return tree


def corpus() -> dict[str, dict[str, Any]]:
    """Named stress sheets: every layout, short to overfull, en/fr/es/pt, lists, long words; the
    Arabic example in the other layouts; the Hebrew, Chinese and Persian test sheets."""
    fr, es, pt = (example(f"{n}.yaml") for n in ("niger-fr", "guatemala-es", "mozambique-pt"))
    sheets = {
        f"en-{layout}-{factor}": sized(factor, layout, extras=factor == full)
        for layout, (short, full, long) in LENGTHS.items()
        for factor in (short, full, long)
    }
    sheets.update(
        {
            f"en-{layout}-list": sized(
                0.4 if layout == "single-column" else 0.8, layout, listed=True
            )
            for layout in LAYOUTS
        },
    )
    sheets["en-single-column-long-headings"] = sized(0.4, "single-column", headings=LONG_HEADINGS)
    sheets["en-two-column-long-headings"] = sized(1.3, "two-column", headings=LONG_HEADINGS)
    sheets["fr-two-column-0.6"] = sized(0.6, "two-column", base=fr)
    sheets["fr-sidebar-1.4"] = sized(1.4, "sidebar", base=fr)
    sheets["fr-single-column-1.0"] = sized(1.0, "single-column", base=fr)  # set in two columns
    sheets["es-sidebar-0.5"] = sized(0.5, "sidebar", base=es, extras=True)
    sheets["es-single-column-0.5"] = sized(0.5, "single-column", base=es)
    sheets["es-two-column-1.8"] = sized(1.8, "two-column", base=es)
    sheets["pt-two-column-list"] = sized(1.3, "two-column", base=pt, listed=True)
    sheets["pt-single-column-0.4"] = sized(0.4, "single-column", base=pt)
    sheets.update(right_to_left())
    sheets.update({path.stem: load(path) for path in sorted(DATA.glob("sheet-*.yaml"))})
    sheets["zh-laos"] = load(DATA / "zh-laos.yaml")  # sections that split unevenly in two
    return sheets


def right_to_left() -> dict[str, dict[str, Any]]:
    """The Arabic example in the layouts it does not use: the sidebar, and hanging headings
    (its first two sections: one column holds about half of what two do)."""
    ar = example("niger-ar.yaml")
    return {
        "ar-sidebar": {**ar, "design": {"layout": "sidebar"}},
        "ar-single-column": {
            **ar,
            "design": {"layout": "single-column"},
            "sections": ar["sections"][:1],
        },
    }


def published() -> dict[str, dict[str, Any]]:
    """The sample and each example."""
    named = {"sample": dict(SAMPLE_TREE)}
    named.update({path.stem: example(path.name) for path in sorted(EXAMPLES.glob("*.yaml"))})
    return named


def sheets() -> dict[str, dict[str, Any]]:
    """Every sheet the quality targets hold for: the sample, each example, the stress corpus."""
    return {**published(), **corpus()}
