"""A page's drawing operators compressed from where they last differed.

A rebuild after an edit (``watch``, ``preview``, a batch of dated sheets) draws most of a page
as before: the same operators up to the first thing that changed. Deflate's output does not
depend on how its input is fed to it (without flushing), so the compressor's state is kept at
every step of the last few pages compressed (:data:`STEP` bytes, or more for a page so long it
would keep more than :data:`MOST` states: each holds about 260 kB), and a page is compressed
on from the last of those its operators share, its output so far kept with it: the same bytes
as ``zlib.compress(data, LEVEL)``, compressing only what follows (the sample's page, its date
edited: the last 2.4 of its 42 kB).
"""

from __future__ import annotations

import threading
import zlib
from typing import Any, NamedTuple

LEVEL = 5  # half the time of zlib's default 6, the files 0.2% larger (``writer._Deflate``)
STEP = 8192  # bytes between the states kept, at least
MOST = 8  # states kept of a page
KEPT = 4  # pages whose states are kept


class _Compressed(NamedTuple):
    """A page's operators, and the compressor's state after each ``step`` bytes of them with
    the output until then."""

    data: bytes
    step: int
    states: tuple[tuple[Any, bytes], ...]


_recent: list[_Compressed] = []
_lock = threading.Lock()


def compress(data: bytes) -> bytes:
    """``zlib.compress(data, LEVEL)``, resumed from the state of the recent page that shares
    the most steps of ``data`` (none shared: from the start)."""
    step = STEP * max(1, -(-len(data) // (STEP * MOST)))  # (a ceiling)
    state, out, start = zlib.compressobj(LEVEL), b"", 0
    states: list[tuple[Any, bytes]] = []
    with _lock:
        recent = tuple(kept for kept in _recent if kept.step == step)
    ranked = [(_shared(kept, data), kept) for kept in recent]
    shared, best = max(ranked, key=lambda pair: pair[0], default=(0, None))
    if not shared:
        best = None
    if best is not None:
        states = list(best.states[:shared])
        compressor, out = states[-1]
        state, start = compressor.copy(), shared * step
    for end in range(start + step, len(data) + 1, step):
        out += state.compress(data[end - step : end])
        states.append((state.copy(), out))
        start = end
    out += state.compress(data[start:]) + state.flush()
    with _lock:  # this page's states in place of those it resumed from, or the oldest's
        _recent[:] = [kept for kept in _recent if kept is not best][1 - KEPT :]
        _recent.append(_Compressed(data, step, tuple(states)))
    return out


def _shared(kept: _Compressed, data: bytes) -> int:
    """How many of ``kept``'s states ``data`` begins with the bytes of."""
    count = 0
    for index in range(len(kept.states)):
        chunk = slice(index * kept.step, (index + 1) * kept.step)
        if kept.data[chunk] != data[chunk]:
            break
        count += 1
    return count
