"""The content stage: a content file (or a dict) in, validated content out.

``reader`` (YAML text -> a node tree that knows the line and column of every value) ->
``style`` (a house-style file joined in, each value still located in its own file) ->
``validate`` (the tree -> the content model that ``model`` declares, one declaration a field,
with ``fields``; ``schema`` writes the same declarations as JSON Schema) -> ``checks`` (every
rule across fields: links and formatting, the logo and photos read by ``pictures``, glyph
coverage, colour contrast, writer's warnings), whose ``Checked`` the later stages take; the
writer's Markdown becomes typed text (``markup``, with the ``markdown`` port, into ``runs``).
"""
