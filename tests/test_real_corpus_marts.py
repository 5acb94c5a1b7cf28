"""Every real publication (../shared/real) loads and the whole dbt build passes on them.

The marts' tests (grains, relationships, equal sums) were written on the seeds; real documents
print several tables of one kind, tables unit by unit and one table twice. This loads the 38
documents into a fresh database and runs the real ``dbt build``: a grain broken by any of them
fails here, not in an analyst's nightly load.
"""

from __future__ import annotations

import pytest

from bench.real_corpus import REAL

DOCS = REAL / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason=f"the real corpus is not at {DOCS.resolve()}")


def test_the_real_corpus_loads_and_every_dbt_test_passes(fresh_db):
    from loaders.dbt import run_dbt
    from loaders.pipeline import load_directory

    summary = load_directory(DOCS, fresh_db, workers=2)
    assert (summary.loaded, summary.failed) == (len(list(DOCS.iterdir())), 0)
    assert run_dbt(fresh_db, ["build"], quiet=True) == 0
