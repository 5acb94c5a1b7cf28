"""Every table checks its own arithmetic: one case per rule, each with a table that holds and one that does not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.model import EconomicAmount, FunctionalAmount, Line, SummaryAmount, ThreePublicAmount
from loaders.parse.grid.checks import check_table, last_digit, tolerance


def F(code, measure, amount, lineno=1):
    return FunctionalAmount("expenditure", code, "名称", measure, Decimal(amount), code is None, 1, lineno)


def E(code, measure, amount, lineno=1, name="名称"):
    return EconomicAmount("basic_expenditure_economic", code, name, None, measure, Decimal(amount), False, 1, lineno)


def T(phase, item, amount):
    return ThreePublicAmount("three_public", phase, item, Decimal(amount), 1, 1)


def S(side, key, amount):
    return SummaryAmount("income_expenditure_summary", side, key, key, None, "amount", Decimal(amount), 1, 1)


PRINTED = (Line("1.00", ("1.00",), 1),)  # figures printed with two decimals
CASES = {
    # rule: (rows that hold, the same with one figure misread, words the warning names)
    "项 → 款 → 类 → 合计": (
        [
            F(None, "total", "300.00"),
            F("201", "total", "300.00", 2),
            F("20101", "total", "300.00", 3),
            F("2010101", "total", "100.00", 4),
            F("2010102", "total", "200.00", 5),
        ],
        [
            F(None, "total", "300.00"),
            F("201", "total", "300.00", 2),
            F("20101", "total", "300.00", 3),
            F("2010101", "total", "100.00", 4),
            F("2010102", "total", "20.00", 5),
        ],
        "20101 名称 (total) is 300.00 but Σ 项 rows make 120.00",
    ),
    "total = basic + project": (
        [F("201", "total", "300.00"), F("201", "basic", "100.00"), F("201", "project", "200.00")],
        [F("201", "total", "300.00"), F("201", "basic", "100.00"), F("201", "project", "7.00")],
        "201 名称 (total) is 300.00 but 基本支出 + 项目支出 make 107.00",
    ),
    "total = basic + project + 单位预留机动经费 (Jiangsu)": (
        [
            F(None, "total", "300.00"),
            F(None, "basic", "100.00"),
            F(None, "project", "150.00"),
            F(None, "unit_reserve", "50.00"),
        ],
        [
            F(None, "total", "300.00"),
            F(None, "basic", "100.00"),
            F(None, "project", "150.00"),
            F(None, "unit_reserve", "5.00"),
        ],
        "名称 (total) is 300.00 but 基本支出 + 项目支出 + 单位预留机动经费 make 255.00",
    ),
    "basic = personnel + public (functional tables printing both)": (
        [F("201", "basic", "30.00"), F("201", "personnel", "20.00"), F("201", "public", "10.00")],
        [F("201", "basic", "30.00"), F("201", "personnel", "20.00"), F("201", "public", "1.00")],
        "201 名称 (basic) is 30.00 but 人员经费 + 公用经费 make 21.00",
    ),
    "total = personnel + public + project where no 基本支出 is printed (Xi'an)": (
        [
            F("201", "total", "60.00"),
            F("201", "personnel", "20.00"),
            F("201", "public", "10.00"),
            F("201", "project", "30.00"),
        ],
        [
            F("201", "total", "60.00"),
            F("201", "personnel", "20.00"),
            F("201", "public", "10.00"),
            F("201", "project", "3.00"),
        ],
        "201 名称 (total) is 60.00 but 人员经费 + 公用经费 + 项目支出 make 33.00",
    ),
    "economic class = Σ its items, a code printed on several rows summed": (
        [
            E("301", "amount", "300.00"),
            E("30101", "amount", "100.00", 2),
            E("30101", "amount", "50.00", 3),
            E("30102", "amount", "150.00", 4),
        ],
        [E("301", "amount", "300.00"), E("30101", "amount", "100.00", 2), E("30102", "amount", "150.00", 4)],
        "301 名称 (amount) is 300.00 but Σ 款 rows make 250.00",
    ),
    "合计 = 人员经费 + 公用经费": (
        [
            E(None, "total", "30.00", name="合计"),
            E(None, "personnel", "20.00", name="合计"),
            E(None, "public", "10.00", name="合计"),
        ],
        [
            E(None, "total", "30.00", name="合计"),
            E(None, "personnel", "20.00", name="合计"),
            E(None, "public", "1.00", name="合计"),
        ],
        "合计 (total) is 30.00 but 人员经费 + 公用经费 make 21.00",
    ),
    "三公 total and 用车": (
        [
            T("actual", "total", "10.00"),
            T("actual", "overseas_travel", "2.00"),
            T("actual", "official_reception", "3.00"),
            T("actual", "vehicles_total", "5.00"),
            T("actual", "vehicle_purchase", "1.00"),
            T("actual", "vehicle_operation", "4.00"),
        ],
        [
            T("actual", "total", "10.00"),
            T("actual", "overseas_travel", "2.00"),
            T("actual", "official_reception", "3.00"),
            T("actual", "vehicles_total", "5.00"),
            T("actual", "vehicle_purchase", "10.00"),
            T("actual", "vehicle_operation", "4.00"),
        ],
        "公务用车购置及运行费 (actual) is 5.00 but 购置费 + 运行费 make 14.00",
    ),
    "收入总计 = 支出总计": (
        [S("income", "grand_total", "99.00"), S("expenditure", "grand_total", "99.00")],
        [S("income", "grand_total", "99.00"), S("expenditure", "grand_total", "9.90")],
        "grand_total = grand_total is 99.00 but 支出总计 make 9.90",
    ),
}


@pytest.mark.parametrize("rule", CASES)
def test_rule(rule):
    holds, misread, message = CASES[rule]
    assert check_table("表", "元", holds, PRINTED) == []
    warnings = check_table("表", "元", misread, PRINTED)
    assert [w.table for w in warnings] == ["表"] and message in warnings[0].message, warnings


def test_tolerance_is_the_rounding_of_the_printed_cells():
    digit = last_digit(["1,234.56", "12.3", "合计"], "万元")
    assert digit == Decimal("100")  # 0.01 万元
    assert tolerance(3, digit) == Decimal("200")  # (3 + 1) × 50 yuan
    near = [F("201", "total", "1000150"), F("201", "basic", "500000"), F("201", "project", "500000")]
    far = [F("201", "total", "1000150.01"), F("201", "basic", "500000"), F("201", "project", "500000")]
    lines = (Line("0.01", ("0.01",), 1),)
    assert check_table("表", "万元", near, lines) == []  # 150 yuan off: within (2 + 1) × 50 yuan
    assert len(check_table("表", "万元", far, lines)) == 1


def test_six_decimal_wan_yuan_is_checked_to_the_cent():
    assert last_digit(["29,956.265460"], "万元") == Decimal("0.01")
