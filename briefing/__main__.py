"""``python -m briefing``: the same as the ``briefing`` command."""

from .commands.cli import run

run()
