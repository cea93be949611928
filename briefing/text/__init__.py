"""The text engine: a paragraph's runs in, its lines drawn out, in stages.

``collect`` (runs into words, each character's face, where a word may break) -> ``measure``
(boxes, glue and penalties at unit size) -> ``linebreak`` (the lines of least demerits) ->
``line`` (one line placed: justified, in display order) -> ``setting`` (a paragraph at one
width and size, each line placed once) -> ``textbox`` (drawn on a ReportLab canvas). ``spec``
says how a paragraph is set; ``hyphenation`` and ``shaping`` serve the stages.
"""

from . import shaping

shaping.load_reportlab()  # before ReportLab's TrueType fonts are imported with uharfbuzz
