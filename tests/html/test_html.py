"""The web page (``--format html``): its structure read back with html.parser, its bytes, and
in headless Chromium what a reader gets: no axe-core (WCAG 2.2 A and AA) violation on any
example, every sentence of the sample in order, the parts of a sheet in the PDF's reading order
in every layout, no sideways scrolling on a phone, nothing fetched, a right-to-left page
mirrored and a clean print.

The browser tests need Debian's chromium and chromium-driver and axe-core from npm (found at
``$AXE_CORE``, else in ``node_modules/`` here); without them they skip, unless
``BRIEFING_BROWSER_TESTS=required`` (as ``.ci/run`` sets) makes that a failure.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from briefing import build
from briefing.commands.bulk import build_many
from briefing.content.checks import ChartShown
from briefing.graphics.charts import described
from briefing.language import LANGUAGES
from briefing.pipeline import is_style, run_checks
from tests import readers
from tests.corpus import LAYOUTS, example, load
from tests.visual import DATA

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content.yaml"
EXAMPLES = [SAMPLE] + [
    path for path in sorted((ROOT / "examples").rglob("*.yaml")) if not is_style(path)
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = 375  # CSS pixels


class Parsed(HTMLParser):
    """A page's elements in order: each tag with its attributes, and the text inside each
    element by its id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[tuple[str, str]] = []  # (the innermost open tag, text)
        self.open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("br", "img", "meta", "input", "link", "rect", "line", "polyline"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append((self.open[-1] if self.open else "", data))

    def all(self, tag: str) -> list[dict[str, str]]:
        """The attributes of every ``tag``, in order."""
        return [attrs for name, attrs in self.tags if name == tag]

    def texts(self, tag: str) -> list[str]:
        """The text directly inside each ``tag``."""
        return [text for name, text in self.text if name == tag]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example's web page, by its content file's stem."""
    folder = tmp_path_factory.mktemp("pages")
    built = {}
    for content in EXAMPLES:
        result = build(content, folder / f"{content.stem}.pdf", formats=("html",))
        assert result.web is not None and not result.output.exists()
        built[content.stem] = result.web
    return built


def parsed(pages: dict[str, Path], name: str) -> Parsed:
    return Parsed(pages[name].read_text(encoding="utf-8"))


def links_of(content: Path) -> set[str]:
    """Every address the content itself links to: its links, e-mail addresses and web address."""
    model = run_checks(content).content
    text = content.read_text(encoding="utf-8")
    if model.style is not None:
        text += (content.parent / str(model.style)).read_text(encoding="utf-8")
    found = set(re.findall(r"\]\((\S+?)\)", text))
    found |= {f"mailto:{c.email}" for c in model.contacts if c.email}
    return found | ({str(model.online)} if model.online else set())


@pytest.mark.parametrize("content", EXAMPLES, ids=lambda p: p.stem)
def test_structure(pages: dict[str, Path], content: Path) -> None:
    """Language and direction, one h1 and an h2 for each section (and for each part of the
    aside), header cells with their scope, alternate text on every picture, and no address
    but the content's own links."""
    page = parsed(pages, content.stem)
    checked = run_checks(content)
    model = checked.content
    words = LANGUAGES[model.language]
    (root,) = page.all("html")
    assert (root["lang"], root["dir"]) == (words.tag, words.direction)
    assert page.texts("h1") == [str(model.title)]
    headings = [str(s.heading) for s in model.sections]
    facts = [words.glance] * bool(model.at_a_glance)
    foot = [words.contacts] * bool(model.contacts) + [words.online] * bool(model.online)
    # in the PDF's reading order: the sidebar layout's panel after the lead, before the
    # sections; in the others the facts before the sections, the contacts and address after
    sidebar = checked.theme.layout == "sidebar"
    shown = facts + foot + headings if sidebar else facts + headings + foot
    assert page.texts("h2") == shown
    sections = page.all("section")
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    assert all(s["aria-labelledby"] in ids for s in sections)
    for names in ("header", "main", "footer"):
        assert len(page.all(names)) == 1
    assert all(th.get("scope") in ("col", "row") for th in page.all("th"))
    assert all("alt" in img and img["src"].startswith("data:image/") for img in page.all("img"))
    assert all(svg.get("role") == "img" and svg.get("aria-label") for svg in page.all("svg"))
    addresses = [a["href"] for a in page.all("a")]
    assert set(addresses) <= links_of(content)
    text = pages[content.stem].read_text(encoding="utf-8")
    assert not re.search(r"\b(src|href)=\"(?!data:|mailto:|https?://)", text)
    assert not re.search(r"url\((?!data:)", text), "a stylesheet fetching a file"
    assert "<script" not in text


def _laid_out(name: str, layout: str) -> dict[str, Any]:
    """An example sheet in ``layout``."""
    return {**example(f"{name}.yaml"), "design": {"layout": layout}}


def _first_sections(tree: dict[str, Any], count: int) -> dict[str, Any]:
    """``tree`` with its first ``count`` sections."""
    return {**tree, "sections": tree["sections"][:count]}


def _jordan(sections: int) -> dict[str, Any]:
    """The Arabic sidebar sheet whose panel is longer than its main text, with its first
    ``sections``: its PDF prints the contacts and QR code in a row at its foot (with two
    sections, the facts too, above them)."""
    return _first_sections(load(DATA / "sheet-jordan-sidebar.yaml"), sections)


# The Niger sheet, French and Arabic, in each layout, and the sidebar sheets closing with a row:
# lead, key figures, facts, contacts, web address and sections, whose order the layout sets.
ORDERED: dict[str, Callable[[], dict[str, Any]]] = {
    f"{name}-{layout}": partial(_laid_out, name, layout)
    for name in ("niger-fr", "niger-ar")
    for layout in LAYOUTS
}
CLOSED = {"jordan-closing-row": (3, ["contacts", "online"])}  # sections kept, the row's parts
CLOSED["jordan-closing-facts"] = (2, ["facts", "contacts", "online"])
ORDERED |= {sheet: partial(_jordan, sections) for sheet, (sections, _) in CLOSED.items()}


@pytest.fixture(scope="module")
def ordered(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path, dict[str, str]]]:
    """Each sheet of :data:`ORDERED` built: its PDF, its web page and its parts (``_parts``)."""
    folder = tmp_path_factory.mktemp("ordered")
    built = {}
    for sheet, tree_of in ORDERED.items():
        tree = tree_of()
        result = build(tree, folder / f"{sheet}.pdf", formats=("pdf", "html"))
        assert result.web is not None
        built[sheet] = (result.output, result.web, _parts(tree))
    return built


def _parts(tree: dict[str, Any]) -> dict[str, str]:
    """The parts of a sheet a reader reads in turn, each by the words it starts with."""
    model = run_checks(tree).content
    words = LANGUAGES[model.language]
    parts = {"lead": " ".join(str(model.lead).split()[:4])}
    parts["key figures"] = str(model.key_figures[0].label)
    parts |= {"facts": words.glance, "contacts": words.contacts, "online": words.online}
    return parts | {f"section {n}": str(s.heading) for n, s in enumerate(model.sections, 1)}


def _order(parts: dict[str, str], text: str) -> list[str]:
    """The ``parts`` in the order ``text`` reads them: by where each is first found, word for
    word (case and marks aside, as ``readers.words`` compares)."""
    read = f" {' '.join(readers.words(text))} "
    found = {
        name: read.find(f" {' '.join(readers.words(start))} ") for name, start in parts.items()
    }
    assert min(found.values()) >= 0, f"not found: {[n for n, at in found.items() if at < 0]}"
    return sorted(found, key=lambda name: found[name])


@pytest.mark.parametrize("sheet", list(ORDERED))
def test_the_page_reads_its_parts_in_the_pdfs_order(
    ordered: dict[str, tuple[Path, Path, dict[str, str]]], sheet: str
) -> None:
    """The page's text, in the order of its elements, takes the parts of the sheet in the
    order the PDF's text does (pypdf's, which follows its tagged reading order): the facts
    after the key figures, before the sections; the contacts and web address after the lead in
    the sidebar's panel, else after the sections, where the PDF prints them at its foot (and
    the facts too, where a sidebar's panel sends them there)."""
    # Before, two columns and one read the facts after the sections, and the web page was
    # the only reading that did.
    pdf, page, parts = ordered[sheet]
    body = page.read_text(encoding="utf-8").partition("<body>")[2]
    shown = " ".join(text for _, text in Parsed(body).text)
    assert _order(parts, shown) == _order(parts, readers.pypdf(pdf))


@pytest.mark.parametrize("sheet", list(CLOSED))
def test_what_the_pdf_prints_in_its_closing_row_follows_the_sections(
    ordered: dict[str, tuple[Path, Path, dict[str, str]]], sheet: str
) -> None:
    """A sidebar sheet whose PDF prints its contacts and QR code (and its facts) in a row at
    its foot, after the sections, shows them in a row after the sections too, as two columns
    do: the panel keeps the rest."""
    # Before, the web page kept them in the panel, read before the sections.
    pdf, page, parts = ordered[sheet]
    row = CLOSED[sheet][1]
    assert _order(parts, readers.pypdf(pdf))[-len(row) :] == row
    text = page.read_text(encoding="utf-8")
    held = {  # the parts in each aside
        name: re.findall(r'<section class="(\w+)"', inner)
        for name, inner in re.findall(r'<aside class="(\w+)">(.*?)</aside>', text, re.S)
    }
    kept = ["glance"] * ("facts" not in row)  # the panel's, besides the key figures
    assert held == {"side": kept, "closing": [{"facts": "glance"}.get(p, p) for p in row]}


def test_other_languages_are_marked(tmp_path: Path) -> None:
    """A run of another script is marked with its language and direction."""
    content = tmp_path / "mixed.yaml"
    content.write_text(
        "organization: O\ntitle: T\nsections:\n  - heading: H\n"
        "    body: The word سلام means peace, and 和平 too; פסח is Passover.\n",
        encoding="utf-8",
    )
    page = build(content, formats=("html",)).web
    assert page is not None
    text = page.read_text(encoding="utf-8")
    assert '<span lang="ar" dir="rtl">سلام</span>' in text
    assert '<span lang="zh-CN" dir="ltr">和平</span>' in text
    assert '<span lang="he-IL" dir="rtl">פסח</span>' in text


def test_chart_as_the_pdf_draws_it(pages: dict[str, Path]) -> None:
    """The chart's labels are the PDF's (its own formatting function), its accessible name is
    the PDF's alternate text, and its table holds every value in full."""
    checked = run_checks(ROOT / "examples" / "mali-blocks.yaml")
    (shown,) = [b for s in checked.blocks for b in s if isinstance(b, ChartShown)]
    data, alt = described(shown, LANGUAGES["en"])
    page = parsed(pages, "mali-blocks")
    labels = page.texts("text")
    assert labels == data.categories + [data.label(v) for v in data.values]
    assert labels[-5:] == ["0.5", "3.5", "7.4", "5.2", "6.0"]
    plot = next(svg for svg in page.all("svg") if svg.get("class") == "plot")
    assert plot["aria-label"] == alt
    assert page.texts("td")[:5] == [data.spoken(v) for v in data.values]
    assert page.texts("summary") == ["Data"]


CHARTS = """organization: O
title: T
sections:
  - heading: H
    blocks:
      - chart:
          type: line
          title: Cases by year
          series:
            North: {"2019": 12, "2020": 15.5, "2021": 9}
            South: {"2019": 4, "2020": 6, "2021": 11}
      - chart:
          type: hbar
          title: Budget
          data: {Police: 3100000, Courts: 2300000, Prisons: -400000}
      - chart:
          type: bar
          title: Staff
          series:
            Men: {A: 10, B: 20}
            Women: {A: 12, B: 18}
            Others: {A: 1, B: 2}
            Unknown: {A: 3, B: 4}
"""


def test_every_kind_of_chart(tmp_path: Path) -> None:
    """Lines with their markers and legend, lying bars in millions with a negative one, and
    hatched series: each drawn in SVG, with its values as the PDF labels them."""
    content = tmp_path / "charts.yaml"
    content.write_text(CHARTS, encoding="utf-8")
    page = build_many([content], formats=("pdf", "html"), jobs=1)[0].result
    assert page is not None and page.web is not None and page.output.exists()
    parsed = Parsed(page.web.read_text(encoding="utf-8"))
    assert len(parsed.all("polyline")) >= 2 and parsed.all("circle") and parsed.all("rect")
    labels = parsed.texts("text")
    assert {"North", "South", "12", "15.5", "3.1M", "−0.4M"} <= set(labels)
    assert len([s for s in parsed.all("svg") if s.get("class") == "plot"]) == 3
    cells = parsed.texts("td")
    assert {"3,100,000", "−400,000", "15.5"} <= set(cells)


def test_same_bytes_and_fonts(pages: dict[str, Path], tmp_path: Path) -> None:
    """Built again in another process, the page is the same bytes; its faces are embedded,
    subset (a few kilobytes each)."""
    shutil.copy(SAMPLE, tmp_path / "content.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--format", "pdf,html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote content.pdf and content.html (1 page" in done.stdout
    assert (tmp_path / "content.html").read_bytes() == pages["content"].read_bytes()
    text = pages["content"].read_text(encoding="utf-8")
    fonts = re.findall(r"url\(data:font/woff;base64,([^)]*)\)", text)
    assert len(fonts) == 2  # regular and bold: the sample has no italics
    assert all(2_000 < len(base64.b64decode(font)) < 40_000 for font in fonts)


# The browser tests


def _axe() -> str | None:
    """axe-core's script, if installed."""
    found = os.environ.get("AXE_CORE") or ROOT / "node_modules" / "axe-core" / "axe.min.js"
    return Path(found).read_text(encoding="utf-8") if Path(found).is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium, or a skip (a failure when the browser tests are required)."""
    from tests.browser import chromium, programs

    programs()

    with chromium() as session:
        yield session


@pytest.fixture(scope="module")
def axe() -> str:
    """axe-core's script, or a skip (a failure when the browser tests are required)."""
    script = _axe()
    if script is None:
        from tests.browser import unavailable

        unavailable("needs axe-core: npm install axe-core@4 here, or AXE_CORE=.../axe.min.js")
    return script


def _open(browser: Any, page: Path, width: int) -> None:
    """Load ``page`` in a window ``width`` CSS pixels wide (a phone's, below 500)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    browser.get(page.as_uri())


_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}}).then(
  (result) => done(result.violations.map(
    (v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "))),
  (error) => done(["axe failed: " + error]));
"""


@pytest.mark.parametrize("content", EXAMPLES, ids=lambda p: p.stem)
def test_axe_finds_nothing(browser: Any, axe: str, pages: dict[str, Path], content: Path) -> None:
    """No WCAG 2.2 A or AA violation, with every chart's table open too, at a laptop's width
    and a phone's."""
    _no_violations(browser, axe, pages[content.stem])


@pytest.mark.parametrize("sheet", list(CLOSED))
def test_axe_finds_nothing_in_a_closing_row(
    browser: Any, axe: str, ordered: dict[str, tuple[Path, Path, dict[str, str]]], sheet: str
) -> None:
    """Nor on a sidebar sheet's page with a closing row."""
    _no_violations(browser, axe, ordered[sheet][1])


def _no_violations(browser: Any, axe: str, page: Path) -> None:
    """axe-core finds nothing on ``page``, its charts' tables closed and open, at 1280 px and
    on a phone."""
    for width in (1280, PHONE):
        _open(browser, page, width)
        browser.execute_script(axe)
        browser.set_script_timeout(60)
        assert browser.execute_async_script(_RUN_AXE, AXE_TAGS) == []
        browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert browser.execute_async_script(_RUN_AXE, AXE_TAGS) == []


def test_axe_finds_a_fault(browser: Any, axe: str, tmp_path: Path) -> None:
    """The axe run above reports what it finds: a pass means something."""
    page = tmp_path / "faulty.html"
    page.write_text('<!DOCTYPE html><html><title>t</title><img src="x.png">', encoding="utf-8")
    _open(browser, page, 1280)
    browser.execute_script(axe)
    found = browser.execute_async_script(_RUN_AXE, AXE_TAGS)
    assert [v.split(":")[0] for v in found] == ["html-has-lang", "image-alt"]


@pytest.mark.parametrize("content", EXAMPLES, ids=lambda p: p.stem)
def test_phone_width(browser: Any, pages: dict[str, Path], content: Path) -> None:
    """At 375 px nothing scrolls sideways, nothing is fetched, and the faces are the page's."""
    _open(browser, pages[content.stem], PHONE)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.body.scrollWidth,"
        " window.innerWidth]"
    )
    assert widths == [PHONE] * 3
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == []
    fonts = browser.execute_script(
        "return document.fonts.ready.then(() => [...document.fonts].map(f => f.status))"
    )
    assert fonts and set(fonts) <= {"loaded", "unloaded"}  # unloaded: a face nothing uses


def _sentences(text: str) -> list[str]:
    """The sentences of a field, without its Markdown marks, in lower case."""
    text = re.sub(r"\*+", "", " ".join(text.split())).lower()
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


NARROW = 320  # CSS pixels: the narrowest phone
LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
LONG_ADDRESS = ("https://www.example.org/" + "averyverylongpathsegment" * 8)[:200]


def _hostile(tree: dict[str, Any]) -> dict[str, Any]:
    """``tree`` with a word too long for a phone's line, or a web address as long as may be,
    wherever a writer can put one, and sections of a heading alone."""
    long = {"label": LONG_WORD}
    tree = {
        **tree,
        "organization": f"{LONG_WORD} {tree['organization']}",
        "title": f"{tree['title']} {LONG_WORD}",
        "subtitle": LONG_WORD,
        "marking": "UNCLASSIFIED" * 4,
        "online": LONG_ADDRESS,
        "footer": f"{LONG_WORD} {LONG_WORD}",
        "key_figures": [{**long, "value": "1234567890123456"}, {**long, "value": LONG_WORD[:20]}],
        "at_a_glance": [{**long, "value": LONG_WORD * 2}, {"label": "URL", "value": LONG_ADDRESS}],
        "contacts": [
            {
                "name": LONG_WORD,
                "role": LONG_WORD,
                "email": f"{'a' * 60}@{'sub' * 20}.example.org",
                "phone": "+1 202 555 0100 ext 123456789012",
            }
        ],
    }
    first, *rest = tree["sections"]
    text = f"\n\nSee {LONG_ADDRESS} and [{LONG_WORD}]({LONG_ADDRESS}), {LONG_WORD}{LONG_WORD}.\n"
    first = {**first, "heading": f"{LONG_WORD} {LONG_WORD}", "body": first["body"] + text}
    tree["sections"] = [first, {"heading": "Ø"}, *rest, {"heading": LONG_WORD}]
    return tree


def _hostile_blocks() -> dict[str, Any]:
    """The Mali example, its chart, table and photo named and captioned in long words (its
    text a sentence a section, so that it holds them on its page)."""
    tree = example("mali-blocks.yaml")
    for section in tree["sections"]:
        section["body"] = section.get("body", "").split(". ")[0] + "."
        for block in section.get("blocks", []):
            kind, inner = next(iter(block.items()))
            if kind == "chart":
                values = list(inner["data"].values())
                data = {LONG_WORD[:40]: values[0], **dict(list(inner["data"].items())[1:])}
                inner.update(title=LONG_WORD, unit=LONG_WORD, source=LONG_ADDRESS, data=data)
            elif kind == "table":
                inner.update(caption=LONG_WORD, columns=[LONG_WORD[:25], "Partner", "Funding"])
                inner["rows"][0] = [LONG_WORD[:25], "x", "3,100,000,000"]
            elif kind == "photo":
                inner.update(caption=LONG_WORD, credit=LONG_ADDRESS)
    return tree


HOSTILE: dict[str, Callable[[], dict[str, Any]]] = {
    "niger-fr-two-column": lambda: _hostile(_laid_out("niger-fr", "two-column")),
    "niger-ar-sidebar": lambda: _hostile(_laid_out("niger-ar", "sidebar")),
    "sheet-zh": lambda: _hostile(_first_sections(load(DATA / "sheet-zh.yaml"), 2)),
    "mali-blocks": _hostile_blocks,
}
_BEYOND = """
const inside = document.documentElement.clientWidth;
const beyond = [...document.querySelectorAll("body *")].filter((e) => {
  const box = e.getBoundingClientRect();
  return box.width > 0 && (box.left < -0.5 || box.right > inside + 0.5);
});
return [document.documentElement.scrollWidth, inside,
        beyond.map((e) => e.tagName + "." + e.className + ": " + e.textContent.slice(0, 30))];
"""


@pytest.mark.parametrize("sheet", list(HOSTILE))
def test_nothing_runs_past_a_narrow_phone(browser: Any, tmp_path: Path, sheet: str) -> None:
    """Words too long for a line and long web addresses everywhere a writer can put them
    (organization, title, key figures, facts, contacts, headings, text, footer; a chart's,
    table's and photo's words), in Latin, Arabic and Chinese sheets, and sections of a
    heading alone: at 320 px nothing reaches past the window, scrolled or clipped, with the
    charts' tables open too."""
    # Before, a long word stretched the flex and grid items it was in (its width their least),
    # and so the page: 1750 px wide for the French sheet, its key figures clipped.
    page = build(HOSTILE[sheet](), tmp_path / f"{sheet}.pdf", formats=("html",)).web
    assert page is not None
    _open(browser, page, NARROW)
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    wide, inside, beyond = browser.execute_script(_BEYOND)
    assert (wide, beyond) == (inside, []) and inside == NARROW


def test_every_sentence_of_the_sample_in_order(browser: Any, pages: dict[str, Path]) -> None:
    """The page shows every sentence of the sample, in the order written (headings are in
    capitals by the stylesheet: compared in lower case)."""
    model = run_checks(SAMPLE).content
    fields = [str(model.organization), str(model.office), str(model.title)]
    fields += [str(model.subtitle), str(model.lead)]
    for figure in model.key_figures:
        fields += [str(figure.value), str(figure.label)]
    for section in model.sections:
        fields += [str(section.heading), str(section.body)]
    fields.append(str(model.footer))
    _open(browser, pages["content"], 1280)
    shown = " ".join(browser.execute_script("return document.body.innerText").split()).lower()
    at = 0
    for field in fields:
        for sentence in _sentences(field):
            found = shown.find(sentence, at)
            assert found >= 0, f"not shown after {shown[max(at - 60, 0) : at]!r}: {sentence!r}"
            at = found + len(sentence)


@pytest.mark.parametrize("sheet", list(ORDERED))
def test_chromium_reads_the_page_in_the_pdfs_order(
    browser: Any, ordered: dict[str, tuple[Path, Path, dict[str, str]]], sheet: str
) -> None:
    """The text Chromium renders (what it copies, and reads aloud) takes the parts of the
    sheet in the PDF's order, at a laptop's width and a phone's (with nothing to scroll
    sideways)."""
    pdf, page, parts = ordered[sheet]
    expected = _order(parts, readers.pypdf(pdf))
    for width in (1280, PHONE):
        _open(browser, page, width)
        assert _order(parts, browser.execute_script("return document.body.innerText")) == expected
        root = "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        wide, seen = browser.execute_script(root)
        assert wide == seen, f"{wide} px wide in a window showing {seen}"


def test_right_to_left(
    browser: Any, pages: dict[str, Path], ordered: dict[str, tuple[Path, Path, dict[str, str]]]
) -> None:
    """The Arabic page is mirrored: the title, text and facts flush right, the lead's bar on
    its right, the first key figure rightmost, the contacts right of the web address (in the
    sidebar layout, the panel on the left); its faces draw it."""
    box = "return document.querySelector(arguments[0]).getBoundingClientRect().toJSON()"
    _open(browser, ordered["niger-ar-sidebar"][1], 1280)
    side, sections = browser.execute_script(box, ".side"), browser.execute_script(box, ".sections")
    assert side["right"] < sections["left"]
    _open(browser, pages["niger-ar"], 1280)
    main = browser.execute_script(box, "main")
    for flush in ("h1", ".lead", ".glance dt", ".contacts"):
        assert abs(browser.execute_script(box, flush)["right"] - main["right"]) < 1, flush
    contacts, online = (
        browser.execute_script(box, ".contacts"),
        browser.execute_script(box, ".online"),
    )
    assert online["right"] < contacts["left"] and online["top"] == contacts["top"]
    bar = browser.execute_script(
        "return getComputedStyle(document.querySelector('.lead')).borderRightWidth"
    )
    assert bar == "4px"
    figures = browser.execute_script(
        "return [...document.querySelectorAll('.figures li')]"
        ".map(li => li.getBoundingClientRect().left)"
    )
    assert figures == sorted(figures, reverse=True)
    faces = browser.execute_script(
        "return document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.status == 'loaded').map(f => f.family + ' ' + f.weight))"
    )
    assert {"briefing script 400", "briefing script 700"} <= set(faces)


def test_chart_table_and_photo(browser: Any, pages: dict[str, Path]) -> None:
    """The Mali example's chart (drawn, its table opened), table and photo, as a reader sees
    them, on a phone too."""
    for width in (1280, PHONE):
        _open(browser, pages["mali-blocks"], width)
        photo = browser.execute_script(
            "const img = document.querySelector('.photo img'); "
            "return [img.complete, img.naturalWidth, img.getBoundingClientRect().width]"
        )
        assert photo[0] and photo[1] == 1200 and 0 < photo[2] <= width
        plot = browser.execute_script(
            "return document.querySelector('.plot').getBoundingClientRect().toJSON()"
        )
        assert 250 < plot["width"] <= 420 and plot["right"] <= width
        cells = browser.execute_script(
            "document.querySelector('details').open = true;"
            "return [...document.querySelectorAll('table.data tbody td')].map(td => td.innerText)"
        )
        assert cells == ["0.5", "3.5", "7.4", "5.2", "6.0"]
        rows = browser.execute_script(
            "return [...document.querySelectorAll('.table tbody tr')].map(tr => tr.innerText)"
        )
        assert rows[0].split("\t") == ["Police training", "National Police", "3,100,000"]


def _printed(browser: Any) -> bytes:
    """The page open in ``browser``, printed to PDF. Headless Chromium now and then answers
    "Printing failed" for a page it prints the next time (about one time in three on a loaded
    machine): asked again, three times at most."""
    from selenium.common.exceptions import WebDriverException

    ask = partial(browser.execute_cdp_cmd, "Page.printToPDF", {"printBackground": True})
    for _ in range(2):
        try:
            return base64.b64decode(ask()["data"])
        except WebDriverException as error:
            if "Printing failed" not in str(error):
                raise
    return base64.b64decode(ask()["data"])


def test_print(browser: Any, pages: dict[str, Path]) -> None:
    """Printed from the browser, the sample takes two pages at most, and the disclosures of
    chart values are left out."""
    _open(browser, pages["content"], 1280)
    pdf = _printed(browser)
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 2
    _open(browser, pages["mali-blocks"], 1280)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return getComputedStyle(document.querySelector('details')).display"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden == "none"
