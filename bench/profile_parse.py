"""Where the parse stage spends its time: ``python -m bench.profile_parse [N]``.

Profiles ``read_document`` (extraction included) over N synthetic documents with cProfile
and prints the functions with the most time of their own, then the most cumulative time
inside the loaders package.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
from pathlib import Path

from bench.corpus import generate_corpus


def profile(n: int, top: int = 20) -> str:
    from loaders.reading import read_document

    with tempfile.TemporaryDirectory(prefix="govfin-profile-") as tmp:
        blobs = [(p, p.read_bytes()) for p in generate_corpus(Path(tmp), n)]
        profiler = cProfile.Profile()
        profiler.enable()
        for path, data in blobs:
            read_document(path, data)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    out.write(f"read_document over {n} documents — by own time:\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("by cumulative time, loaders code only:\n")
    stats.sort_stats("cumulative").print_stats(r"loaders|parse|extract|narrative|projects", top)
    return out.getvalue()


if __name__ == "__main__":
    print(profile(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
