"""The dashboards kept as code: the committed export is what the spec writes, and every mart a
dashboard reads is declared in its dbt exposure (no database, no Superset needed)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "dashboards"))
import generate  # noqa: E402

MODELS = {p.stem for p in (ROOT / "dbt_project" / "models").rglob("*.sql")}


def test_committed_export_is_what_the_spec_writes():
    written = {relative: generate.dump(document) for relative, document in generate.export_files().items()}
    committed = {
        p.relative_to(generate.EXPORT).as_posix(): p.read_text(encoding="utf-8")
        for p in generate.EXPORT.rglob("*.yaml")
    }
    assert sorted(committed) == sorted(written), "run: python dashboards/generate.py"
    stale = [name for name in written if committed[name] != written[name]]
    assert stale == [], "run: python dashboards/generate.py"
    exposures = yaml.safe_load(generate.EXPOSURES.read_text(encoding="utf-8"))
    assert exposures == generate.exposures_yaml()


def test_each_exposure_names_every_model_its_dashboard_reads():
    for dashboard in generate.DASHBOARDS:
        read = set()
        for row in dashboard.rows:
            for chart in row:
                dataset = chart.dataset
                read |= set(re.findall(r"\b(?:marts|quality)\.(\w+)", dataset.sql)) if dataset.sql else {dataset.name}
        assert read <= MODELS, f"{dashboard.slug} reads what dbt does not build: {read - MODELS}"
        assert read == set(dashboard.marts), dashboard.slug


def test_six_dashboards_with_chinese_titles_and_yuan_metrics():
    assert len(generate.DASHBOARDS) == 6
    for dashboard in generate.DASHBOARDS:
        assert re.search(r"[\u4e00-\u9fff]", dashboard.title), dashboard.slug
        for row in dashboard.rows:
            for chart in row:
                assert re.search(r"[\u4e00-\u9fff]", chart.title), chart.title
    yuan = [
        m
        for d in (generate.DEPARTMENT_YEAR, generate.FUNCTIONAL, generate.THREE_PUBLIC, generate.PROCUREMENT)
        for m in d.metrics
        if "（元）" in m.label
    ]
    assert yuan and all(m.fmt == generate.YUAN for m in yuan)
