"""The 情况说明 prose of a synthetic disclosure: the sentences of the seeds, with this document's numbers.

Every number stated here is computed from the same Accounts the tables print, so a
narrative fact equals its table value and every percentage is its own quotient.
"""

from __future__ import annotations

import random

from bench.accounts import Accounts, percent
from bench.classification import ECONOMIC_NAMES
from bench.layout import prose_amount

REASONS = (
    "人员工资调整及新招录人员",
    "项目经费增加",
    "严格落实过紧日子要求，压减一般性支出",
    "部分项目完成后不再安排",
    "机构改革职能调整",
)
GLOSSARY = (
    "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
    "二、事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。",
    "三、经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "四、其他收入：指单位取得的除上述收入以外的各项收入。主要是事业单位固定资产出租收入、存款利息收入等。",
    "五、年初结转和结余：指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。",
    "六、年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。",
    "七、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用经费支出。",
    "八、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "九、“三公”经费：指各级部门、单位用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费支出。"
    "其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；"
    "公务用车购置费反映公务用车车辆购置支出（含车辆购置税）；公务用车运行维护费反映单位按规定保留的公务用车燃料费、"
    "维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
    "十、机关运行经费：指行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。",
)


class _Say:
    def __init__(self, acc: Accounts):
        self.unit = acc.unit

    def __call__(self, cents: int) -> str:
        return f"{prose_amount(cents)}{self.unit}"


def _change(current: int, prior: int, say: _Say) -> str:
    diff = current - prior
    if diff == 0:
        return "与上年持平"
    verb, trend = ("增加", "增长") if diff > 0 else ("减少", "下降")
    return f"{verb}{say(abs(diff))}，{trend}{percent(abs(diff), prior)}%"


def final_account_prose(acc: Accounts, year: int, rng: random.Random) -> list[str]:
    say, total = _Say(acc), acc.total
    reason = rng.choice(REASONS)
    lines = [
        "一、收入支出决算总体情况说明",
        f"{year}年度收入总计{say(total)}，支出总计{say(total)}。与上年相比，收入总计"
        f"{_change(total, acc.prior_total, say)}，支出总计{_change(total, acc.prior_total, say)}。主要原因是{reason}。",
        "二、收入决算情况说明",
        f"{year}年度收入合计{say(total)}，其中：",
        f"财政拨款收入{say(total)}，占比100.00%；",
        "上级补助收入0万元，占比0%；" if acc.unit == "万元" else "上级补助收入0元，占比0%；",
        "三、支出决算情况说明",
        f"{year}年度支出合计{say(total)}，其中：",
        f"基本支出{say(acc.basic)}，占比{percent(acc.basic, total)}%；",
        f"项目支出{say(acc.project)}，占比{percent(acc.project, total)}%。",
        "四、财政拨款收支决算总体情况说明",
        f"{year}年度财政拨款收入总计{say(total)}，支出总计{say(total)}。与上年相比，财政拨款收入总计"
        f"{_change(total, acc.prior_total, say)}。主要原因是{reason}。",
        "五、一般公共预算财政拨款支出决算情况说明",
        "（一）一般公共预算财政拨款支出决算总体情况",
        f"{year}年一般公共预算财政拨款决算支出{say(total)}，占本年支出合计的100.00%。",
        "（二）一般公共预算财政拨款支出决算结构情况",
        f"{year}年度一般公共预算财政拨款支出{say(total)}，主要用于以下方面：",
    ]
    classes = acc.classes
    for i, c in enumerate(classes):
        end = "。" if i == len(classes) - 1 else "；"
        lines.append(f"{c.name}(类){say(c.total)}，占比{percent(c.total, total)}%{end}")
    lines += [
        "（三）一般公共预算财政拨款支出决算具体情况",
        f"{year}年度一般公共预算财政拨款支出年初预算{say(acc.initial_budget)}，支出决算{say(total)}，"
        f"完成年初预算的{percent(total, acc.initial_budget)}%。",
        "六、一般公共预算财政拨款基本支出决算情况说明",
        f"{year}年度财政拨款基本支出{say(acc.basic)}，其中：",
        f"人员经费{say(acc.personnel)}，主要包括"
        + "，".join(f"{ECONOMIC_NAMES[k]}{say(v)}" for k, v in acc.economic.items() if k[:3] in ("301", "303"))
        + "；",
        f"公用经费{say(acc.public)}，主要包括"
        + "，".join(f"{ECONOMIC_NAMES[k]}{say(v)}" for k, v in acc.economic.items() if k.startswith("302"))
        + "。",
        "七、政府性基金预算财政拨款收支决算情况说明",
        "本年度无此项支出。",
        "八、国有资本经营预算财政拨款支出决算情况说明",
        "本年度无此项支出。",
        "九、财政拨款“三公”经费支出决算情况说明",
    ]
    budget, actual = acc.three_public_total("budget"), acc.three_public_total("actual")
    lines.append(
        f"{year}年度“三公”经费财政拨款支出全年预算{say(budget)}，支出决算{say(actual)}，"
        f"完成全年预算的{percent(actual, budget)}%。"
        if budget
        else f"{year}年度“三公”经费财政拨款支出全年预算0{acc.unit}，支出决算0{acc.unit}。"
    )
    vehicles = sum(acc.vehicles.values())
    lines.append(
        f"公务用车运行维护费支出{say(acc.three_public_actual['vehicle_operation'])}，"
        f"使用财政拨款负担的公务用车保有量共{vehicles}辆车。"
    )
    lines.append(
        f"公务接待费支出{say(acc.three_public_actual['reception'])}，共接待{rng.randint(0, 40)}批次，"
        f"{rng.randint(0, 300)}人次。"
    )
    p = acc.procurement
    procured = p["goods"] + p["works"] + p["services"]
    lines += [
        "十、其他重要事项情况说明",
        "（一）机关运行经费支出情况说明",
        f"{year}年机关运行经费支出{say(acc.public)}。",
        "（二）政府采购情况说明",
        f"{year}年度政府采购支出总额{say(procured)}，其中：政府采购货物支出{say(p['goods'])}、政府采购工程支出"
        f"{say(p['works'])}、政府采购服务支出{say(p['services'])}。授予中小企业合同金额{say(p['sme'])}，"
        f"占政府采购支出总额的{percent(p['sme'], procured)}%。",
        "（三）国有资产占用情况说明",
        f"截至{year}年12月31日，本部门（单位）共有车辆{vehicles}辆。",
        "（四）预算绩效情况说明",
        f"{year}年二级项目绩效自评个数{len(acc.sheets)}个。",
    ]
    return lines


def budget_prose(acc: Accounts, year: int, rng: random.Random) -> list[str]:
    say, total = _Say(acc), acc.total
    p = acc.procurement
    lines = [
        "一、收支预算总体情况说明",
        f"{year}年度预算收入总计{say(total)}，其中：本年收入{say(total)}，上年结转0{acc.unit}，比上年"
        f"{_change(total, acc.prior_total, say)}，主要原因是{rng.choice(REASONS)}。",
        "二、支出预算情况说明",
        f"{year}年度支出预算{say(total)}，其中：基本支出{say(acc.basic)}，占{percent(acc.basic, total)}%；"
        f"项目支出{say(acc.project)}，占{percent(acc.project, total)}%。",
        "三、一般公共预算基本支出情况说明",
        f"{year}年度一般公共预算基本支出{say(acc.basic)}，其中：人员经费{say(acc.personnel)}，公用经费{say(acc.public)}。",
        "四、“三公”经费预算情况说明",
        f"{year}年财政拨款安排的“三公”经费预算{say(acc.three_public_total('actual'))}。",
        "五、机关运行经费情况说明",
        f"{year}年机关运行经费{say(acc.public)}。",
        "六、政府采购情况",
        f"{year}年政府采购预算总额{say(p['goods'] + p['works'] + p['services'])}。其中：政府采购货物预算"
        f"{say(p['goods'])}、政府采购工程预算{say(p['works'])}、政府采购服务预算{say(p['services'])}。",
    ]
    return lines
