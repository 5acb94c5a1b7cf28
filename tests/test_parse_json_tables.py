"""`govfin parse FILE --format json`: each table entry adds its header paths and its unit's factor.

The keys CONTRACT.md documents for a table entry stay as they are; ``header_paths`` gives
each column's path, top to bottom, as the table model reads the header (a merged cell heads
every column it spans), and ``unit_factor`` the yuan per printed unit its amounts were
converted by (the unit printed on that table, not the document's).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from loaders.parse.render import render_document
from loaders.reading import read_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"
CONTRACT_KEYS = {"kind", "title", "unit", "page", "lineno", "row_count", "is_empty"}

THREE_PUBLIC_PATHS = [
    ["预算数", "合计"],
    ["因公出国(境)费"],
    ["公务用车购置及运行维护费", "小计"],
    ["公务用车购置费"],
    ["公务用车运行维护费"],
    ["公务接待费"],
    ["决算数", "合计"],
    ["因公出国(境)费"],
    ["公务用车购置及运行维护费", "小计"],
    ["公务用车购置费"],
    ["公务用车运行维护费"],
    ["公务接待费"],
]


def test_seed_tables_keep_the_contract_keys_and_add_header_paths_and_unit():
    out = subprocess.run(
        [sys.executable, "-m", "loaders.cli", "parse", str(SEED), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    tables = {t["kind"]: t for t in json.loads(out.stdout)["tables"]}
    assert all(set(t) >= CONTRACT_KEYS for t in tables.values())
    assert tables["three_public"]["header_paths"] == THREE_PUBLIC_PATHS
    assert tables["expenditure"]["header_paths"] == [
        ["项目", "科目代码"],
        ["科目名称"],
        ["本年支出合计"],
        ["基本支出"],
        ["项目支出"],
        ["上缴上级支出"],
        ["经营支出"],
        ["对附属单位补助支出"],
    ]
    assert {(t["unit"], t["unit_factor"]) for t in tables.values()} == {("万元", "10000")}


# A 三公 table in 元 inside a document in 万元: three header rows, merged cells (colspan and
# rowspan), a 栏次 row and a 单位 line that the paths leave out
MULTI_ROW_HEADER = """<html><body>
<p>某县某局2025年度部门决算</p>
<p>收入支出决算总表</p>
<p>单位：万元</p>
<table>
<tr><td>项目</td><td>金额</td><td>项目</td><td>金额</td></tr>
<tr><td>一、一般公共预算财政拨款收入</td><td>12.50</td><td>一、一般公共服务支出</td><td>12.50</td></tr>
<tr><td>本年收入合计</td><td>12.50</td><td>本年支出合计</td><td>12.50</td></tr>
</table>
<p>一般公共预算财政拨款“三公”经费支出决算表</p>
<p>单位：元</p>
<table>
<tr><td colspan="6">决算数</td></tr>
<tr><td rowspan="2">合计</td><td rowspan="2">因公出国（境）费</td><td colspan="3">公务用车购置及运行维护费</td>
<td rowspan="2">公务接待费</td></tr>
<tr><td>小计</td><td>公务用车购置费</td><td>公务用车运行维护费</td></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td></tr>
<tr><td>84,300.50</td><td>12,000.00</td><td>60,000.00</td><td>0.00</td><td>60,000.00</td><td>12,300.50</td></tr>
</table>
</body></html>
"""


def test_multi_row_header_paths_and_a_table_unit_of_its_own(tmp_path):
    path = tmp_path / "multi_row_header.html"
    path.write_text(MULTI_ROW_HEADER, encoding="utf-8")
    tables = {t["kind"]: t for t in json.loads(render_document(read_document(path), "json"))["tables"]}
    three_public = tables["three_public"]
    assert three_public["header_paths"] == [
        ["决算数", "合计"],
        ["决算数", "因公出国(境)费"],
        ["决算数", "公务用车购置及运行维护费", "小计"],
        ["决算数", "公务用车购置及运行维护费", "公务用车购置费"],
        ["决算数", "公务用车购置及运行维护费", "公务用车运行维护费"],
        ["决算数", "公务接待费"],
    ]
    assert (three_public["unit"], three_public["unit_factor"]) == ("元", "1")
    summary = tables["income_expenditure_summary"]
    assert summary["header_paths"] == [["项目"], ["金额"], ["项目"], ["金额"]]
    assert (summary["unit"], summary["unit_factor"]) == ("万元", "10000")
