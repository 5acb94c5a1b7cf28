"""Corpus health on small built cases (issue 22): pages that are no disclosure refused fast with
their reason, an HTML page saved as .pdf, the 目录's count of tables, each printed identity
holding on a seed and failing on a copy with one printed figure changed, the document_health
row, and `govfin check` as text and JSON.
"""

from __future__ import annotations

import json
import shutil
import time
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from test_cli import govfin
from test_html_extract import to_html

from loaders.check import refusal_reason
from loaders.model import Line, ParseError
from loaders.parse.document.admission import listed_tables
from loaders.reading import read_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"  # a 决算 in 万元 whose printed identities all hold
# a 决算 in 元 whose 基本支出 table prints 金额 and 其中：基本支出 on its 人员经费合计 / 公用经费合计 row
BASIC_BESIDE_AMOUNT = ROOT / "data" / "raw" / "003_4bfa79258c3578d4.txt"

# a portal page: navigation, a list of links, counts and dates, and no amount of money
LANDING = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市某局</title></head><body>
<ul><li><a href="/">首页</a></li><li><a href="/xxgk">政府信息公开</a></li><li><a href="/bs">办事服务</a></li></ul>
<h2>某市某局2026年部门预算</h2>
<ul><li><a href="a.html">某市某局关于3个项目验收结果的公示</a> 2026-03-16</li>
<li>本机关自收到申请之日起20个工作日内予以答复</li><li>发布日期:2026-03-10 浏览次数:12</li></ul>
</body></html>"""
PORTAL = LANDING.replace("某市某局2026年部门预算", "政务公开")  # names no budget at all

# rule → (printed text in the seed, what the copy prints instead, which occurrence): one figure changed
BROKEN = {
    "summary.income_equals_expenditure": ("总计\t62\t1,214.68\n", "总计\t62\t1,220.68\n", 0),
    "summary.income_matches_income_table": ("合计\t\t1,214.68\t1,214.68\t", "合计\t\t1,210.68\t1,214.68\t", 0),
    "functional.total_basic_plus_project": ("合计\t\t1,214.68\t502.70\t711.98", "合计\t\t1,214.68\t500.70\t711.98", 0),
    "fiscal.general_budget_matches_table": ("合计\t\t1,214.68\t502.70\t711.98", "合计\t\t1,224.68\t502.70\t711.98", 1),
    "basic.economic_matches_functional_basic": ("人员经费合计\t\t466.30", "人员经费合计\t\t460.30", 0),
    "three_public.items_sum": ("\n4.09\t\t4.09\t\t4.09\t", "\n5.09\t\t4.09\t\t4.09\t", 0),
}


# a budget whose 收入表 and 支出表 are printed by source of funds, 上年结转 a column of each: both count
# the carry-over, so their 合计 is the 收支总表's 总计 (本年支出合计 + 结转下年), not its 本年支出合计
BY_SOURCE = (
    "测试局2026年部门预算\n\n"
    "收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算拨款收入\t487.64\t一、一般公共服务支出\t487.64\n"
    "二、政府性基金预算拨款收入\t50.00\t二、住房保障支出\t50.00\n"
    "本年收入合计\t537.64\t本年支出合计\t537.64\n"
    "上年结转\t80.00\t结转下年\t80.00\n"
    "收入总计\t617.64\t支出总计\t617.64\n\n"
    "收入总表\n单位：万元\n单位名称\t合计\t一般公共预算拨款收入\t政府性基金预算拨款收入\t上年结转\n"
    "合计\t617.64\t487.64\t50.00\t80.00\n测试局本级\t617.64\t487.64\t50.00\t80.00\n\n"
    "支出总表\n单位：万元\n单位名称\t合计\t一般公共预算拨款\t政府性基金拨款\t上年结转\n"
    "合计\t617.64\t487.64\t50.00\t80.00\n测试局本级\t617.64\t487.64\t50.00\t80.00\n"
)


def with_all_funds_basic_table() -> str:
    """The seed with a second 基本支出 table over all funds (larger than the 一般公共预算 one) after it."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("一般公共预算财政拨款基本支出决算明细表\n")
    end = text.index("政府性基金预算财政拨款收入支出决算表\n", start)
    table = text[start:end].replace("一般公共预算财政拨款基本支出决算明细表", "基本支出决算明细表", 1)
    for old, new in (
        ("301\t工资福利支出\t462.28", "301\t工资福利支出\t476.28"),
        ("30199\t其他工资福利支出\t15.15", "30199\t其他工资福利支出\t29.15"),
        ("人员经费合计\t\t466.30", "人员经费合计\t\t480.30"),
        ("302\t商品和服务支出\t36.40", "302\t商品和服务支出\t40.40"),
        ("30299\t其他商品和服务支出\t1.11", "30299\t其他商品和服务支出\t5.11"),
        ("\t36.40\n", "\t40.40\n"),
    ):
        assert old in table, old
        table = table.replace(old, new, 1)
    table = table.replace("一般公共预算财政拨款基本支出明细情况", "基本支出明细情况")
    return text[:end] + table + text[end:]


def broken_copy(rule: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    old, new, nth = BROKEN[rule]
    at = -1
    for _ in range(nth + 1):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


@pytest.mark.parametrize("page, reason", [(LANDING, "not a disclosure"), (PORTAL, "not a budget or final account")])
def test_a_landing_page_is_refused_fast_with_its_reason(tmp_path, page, reason):
    path = tmp_path / "landing.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ParseError):
        read_document(path)  # the first parse imports the readers and the region tables
    started = time.process_time()  # CPU time: the machine may be shared
    with pytest.raises(ParseError, match=reason) as error:
        read_document(path)
    assert time.process_time() - started < 0.5
    assert "\n" not in str(error.value)  # one line


def test_an_html_page_saved_as_pdf_says_so(tmp_path):
    path = tmp_path / "2026年某局部门预算.pdf"
    path.write_text(LANDING, encoding="utf-8")
    with pytest.raises(ParseError, match=r"an HTML page saved with a \.pdf name: not a disclosure"):
        read_document(path)


def test_an_html_disclosure_saved_as_pdf_is_read_as_html(tmp_path):
    page = tmp_path / "disclosure.pdf"
    page.write_text(to_html(SEED), encoding="utf-8")
    as_pdf, as_text = read_document(page), read_document(SEED)
    assert as_pdf.meta.department == as_text.meta.department
    assert [t.kind for t in as_pdf.tables] == [t.kind for t in as_text.tables]


def _lines(*texts: str) -> list[Line]:
    return [Line(text, (text,), n) for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    "texts, listed",
    [
        # the tables under a heading of the tables part, the heading itself no table
        (
            [
                "目 录",
                "一、部门职责……1",
                "二、部门预算表……3",
                "1. 2026年收支预算总表……3",
                "2. 2026年收入预算总表 4",
                "3. 2026年“三公”经费预算表 5",
                "三、其他说明……9",
                "某局主要职能",
                "某局负责……",
            ],
            3,
        ),
        # numbered tables at the top level, the body repeating the first heading
        (["目录", "一、收入支出决算总表……5", "二、收入决算表……6", "三、情况说明……8", "一、收入支出决算总表"], 2),
        (["某局2026年部门预算", "一、收入支出决算总表"], None),  # no 目录
        # entries as long as their leaders of dots
        (["目录", "第一部分 单位概况" + "." * 90 + " 1", "一、收支预算总表" + "." * 90 + " 9", "某局主要职能"], 1),
        # a 目录 heading followed at once by prose: it lists nothing (a crash on four budgets of the corpus)
        (["目录", "某局是主管全市科学技术工作的市政府工作部门，负责拟订全市科技发展规划和政策并组织实施，" * 2], 0),
    ],
)
def test_the_tables_a_contents_page_lists(texts, listed):
    assert listed_tables(_lines(*texts)) == listed


def test_refusal_reason_drops_the_file_line_and_expectation():
    error = "file a.pdf, line 1: not a disclosure: no standard table recognised (expected tables)"
    assert refusal_reason(error) == "not a disclosure: no standard table recognised"


@pytest.fixture(scope="module")
def health_run(embedded_server, tmp_path_factory):
    """`govfin run` over the seed, one broken copy per identity, a landing page and one saved as .pdf."""
    import os

    from tests.conftest import _fresh_database

    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(SEED, raw / "seed.txt")
    shutil.copy(BASIC_BESIDE_AMOUNT, raw / "basic-beside-amount.txt")
    for n, rule in enumerate(BROKEN):
        (raw / f"broken-{n}.txt").write_text(broken_copy(rule), encoding="utf-8")
    (raw / "two-basic-tables.txt").write_text(with_all_funds_basic_table(), encoding="utf-8")
    (raw / "by-source.txt").write_text(BY_SOURCE, encoding="utf-8")
    (raw / "landing.html").write_text(LANDING, encoding="utf-8")
    (raw / "landing.pdf").write_text(PORTAL, encoding="utf-8")
    url = _fresh_database(embedded_server)
    env = dict(os.environ, DATABASE_URL=url)
    result = govfin("run", "--raw-dir", str(raw), env=env, timeout=1200)
    return env, url, result


def _identities(url: str) -> dict[str, dict[str, tuple]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT h.source_file, i.rule_id, i.status, i.expected_yuan, i.actual_yuan "
            "FROM quality.document_identities i JOIN marts.document_health h USING (document_id)"
        ).fetchall()
    found: dict[str, dict[str, tuple]] = {}
    for path, rule, status, expected, actual in rows:
        found.setdefault(path, {}).setdefault(rule, ())
        found[path][rule] += ((status, expected, actual),)
    return found


def test_every_identity_holds_on_the_seeds(health_run):
    _, url, result = health_run
    assert result.returncode == 0, result.stderr  # the two landing pages are refused; the rest loaded and built
    seed = _identities(url)["seed.txt"]
    assert set(BROKEN) <= set(seed), f"identities not checked on the seed: {set(BROKEN) - set(seed)}"
    assert all(status == "pass" for checks in seed.values() for status, _, _ in checks)
    # the basic-spending total is the 其中：基本支出 column, not 金额 (which counts project spending too)
    other = _identities(url)["basic-beside-amount.txt"]
    assert other["basic.economic_matches_functional_basic"][0][0] == "pass"
    assert all(status == "pass" for checks in other.values() for status, _, _ in checks)


def test_the_basic_rule_reads_the_general_budget_table_of_several(health_run):
    """A document printing a 基本支出 table over all funds beside the 一般公共预算 one: the rule holds
    the 一般公共预算支出表's 基本支出 to the 一般公共预算 table (the larger all-funds one failed it)."""
    _, url, _ = health_run
    [(status, expected, actual)] = _identities(url)["two-basic-tables.txt"]["basic.economic_matches_functional_basic"]
    assert (status, expected, actual) == ("pass", Decimal("5027000.00"), Decimal("5027000.00"))


def test_a_table_by_source_of_funds_counting_the_carry_over_is_held_to_the_grand_total(health_run):
    """支出表 合计 617.64 counts 上年结转 80.00: it equals 支出总计, not 本年支出合计 537.64 (which failed it)."""
    _, url, _ = health_run
    found = _identities(url)["by-source.txt"]
    for rule in ("summary.expenditure_matches_expenditure_table", "summary.income_matches_income_table"):
        assert found[rule] == (("pass", Decimal("6176400.00"), Decimal("6176400.00")),), rule


@pytest.mark.parametrize("n, rule", list(enumerate(BROKEN)))
def test_an_identity_fails_on_a_copy_with_one_figure_changed(health_run, n, rule):
    _, url, _ = health_run
    checks = _identities(url)[f"broken-{n}.txt"][rule]
    failed = [(expected, actual) for status, expected, actual in checks if status == "fail"]
    assert failed, f"{rule} held on a copy that breaks it"
    assert all(expected != actual for expected, actual in failed)


def test_document_health_row_of_the_seed(health_run):
    _, url, _ = health_run
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT document_kind, fiscal_year, tables_found, tables_listed, core_tables_found, identities_checked, "
            "identities_holding, all_identities_hold, warnings, unreadable_cells, status "
            "FROM marts.document_health WHERE source_file = 'seed.txt'"
        ).fetchone()
        statuses = dict(conn.execute("SELECT status, count(*) FROM marts.document_health GROUP BY status").fetchall())
    kind, year, found, listed, core, checked, holding, all_hold, warnings, unreadable, _ = row
    assert (kind, year, found, listed, core) == ("final_account", 2023, 10, 10, 9)
    assert checked >= len(BROKEN) and holding == checked and all_hold
    parsed = read_document(SEED)
    assert warnings == sum(1 for issue in parsed.issues if issue.severity == "warning")
    assert unreadable == sum(1 for issue in parsed.issues if issue.message.startswith("unreadable cell"))
    # seven versions of one publication (one current, the others superseded) and two other departments
    assert statuses == {"current": 3, "superseded": len(BROKEN) + 1}


def test_govfin_check_text_and_json(health_run):
    env, _, _ = health_run
    text = govfin("check", env=env)
    assert text.returncode == 0, text.stderr
    assert "files: 10 loaded, 2 refused, 0 failed, 0 duplicate" in text.stdout
    assert "disclosures (≥4 core tables): 9, every printed identity holding in 3 " in text.stdout
    assert (
        "fail broken-5.txt three_public.items_sum three_public.budget: expected 50,900.00, actual 40,900.00"
        in text.stdout
    )
    as_json = govfin("check", "--format", "json", env=env)
    [line] = as_json.stdout.splitlines()
    health = json.loads(line)
    assert health["files"] == {"loaded": 10, "refused": 2, "failed": 0, "duplicate": 0}
    assert health["failed_files"] == []
    assert health["disclosures"]["without_identities"] == []
    assert sum(health["refusals"].values()) == 2
    assert any(reason.startswith("an HTML page saved with a .pdf name") for reason in health["refusals"])
    disclosures = health["disclosures"]
    assert (disclosures["count"], disclosures["all_identities_hold"]) == (9, 3)
    failure = next(f for f in disclosures["failures"] if f["path"] == "broken-5.txt")
    assert (Decimal(failure["expected_yuan"]), Decimal(failure["actual_yuan"])) == (Decimal(50900), Decimal(40900))
    cells = health["coverage"]["cells"]
    # two departments' final accounts and a third's budget; no refused file names one
    assert (cells["present"], cells["refused"]) == (3, 0)
