"""How `make dashboard` finds the read-only analyst login Superset reads the warehouse with."""

from __future__ import annotations

import pytest

from loaders import dashboard


def test_analyst_password_comes_from_the_password_file_the_url_names(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVFIN_ANALYST_URL", raising=False)
    passfile = tmp_path / "pgpass"
    passfile.write_text("127.0.0.1:5432:*:postgres:admin-secret\n*:*:*:govfin_analyst_login:an@lyst\n")
    url = dashboard.analyst_url(f"postgresql://postgres@127.0.0.1:5432/t_db?passfile={passfile}")
    assert url == "postgresql://govfin_analyst_login:an%40lyst@127.0.0.1:5432/t_db"
    assert dashboard.superset_uri(url) == "postgresql+psycopg2://govfin_analyst_login:an%40lyst@127.0.0.1:5432/t_db"


def test_a_configured_analyst_url_wins(monkeypatch):
    monkeypatch.setenv("GOVFIN_ANALYST_URL", "postgresql://govfin_analyst_login:pw@postgres:5432/govfin")
    assert (
        dashboard.analyst_url("postgresql://postgres@127.0.0.1:1/x")
        == "postgresql://govfin_analyst_login:pw@postgres:5432/govfin"
    )


def test_no_password_anywhere_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVFIN_ANALYST_URL", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "missing"))
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(dashboard.DashboardError, match="govfin_analyst_login"):
        dashboard.analyst_url("postgresql://postgres@127.0.0.1:5432/govfin")
