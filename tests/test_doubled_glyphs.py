"""Doubled-glyph repair: fake-bold runs are halved; genuine text is never damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.extract.doubled import repair_doubled

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.mark.parametrize(
    "printed, meant",
    [
        ("合计合计 1,433.901,433.90", "合计 1,433.90"),
        ("2023年预算收支总表2023年预算收支总表", "2023年预算收支总表"),
        ("收入收入 支出支出", "收入 支出"),
        ("项目项目 2023年2023年", "项目 2023年"),
        ("475.03475.03", "475.03"),
        ("2,0202,020", "2,020"),
        ("(一)(一)", "(一)"),
    ],
)
def test_doubled_runs_are_halved(printed, meant):
    assert repair_doubled(printed) == meant


@pytest.mark.parametrize(
    "genuine",
    [
        "谢谢",
        "人人参与",
        "2020",
        "1111",
        "30101 基本工资",
        "1010",
        "常常",
        "||||",
        "------",
        "本表无数据",
        "一、一般公共预算 1,433.90一、一般公共服务支出 1,390.32",
    ],
)
def test_genuine_text_is_untouched(genuine):
    assert repair_doubled(genuine) == genuine


@pytest.mark.parametrize(
    "name",
    ["000_3b0a4ec0e1089ac8.txt", "001_cb5fbf2334879971.txt", "003_4bfa79258c3578d4.txt", "004_ed45889f6f94df5a.txt"],
)
def test_seeds_without_fake_bold_extract_the_same_with_and_without_repair(name):
    assert extract_lines(RAW / name, repair=True) == extract_lines(RAW / name, repair=False)


def test_budget_seed_titles_are_repaired():
    lines = extract_lines(RAW / "002_c032330014219076.txt")
    texts = [line.text for line in lines]
    assert "2023年预算收支总表" in texts
    assert not any("合计合计" in t for t in texts)
