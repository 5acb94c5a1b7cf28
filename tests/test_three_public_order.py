"""三公 zeros proven by a row's printed sums come out in printed order, whatever the hash seed.

A row that prints 合计 8.29, 公务用车 6.27 (运行 6.27) and 公务接待 2.02 leaves 因公出国 and 购置 empty:
its sums prove both zero. They were collected in a set, whose order changes with ``PYTHONHASHSEED``:
two runs of the same parse then wrote the same facts in another order. Each seed here is a fresh
process; all must print the same facts, in the order of the table's columns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAD = "某市某局2026年度部门决算公开\n第二部分 2026年度部门决算报表\n"
TABLE = (
    "一般公共预算财政拨款“三公”经费支出决算表\n金额单位：万元\n"
    "预算数\t\t\t\t\t\t决算数\n"
    "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t"
    "公务用车购置及运行维护费\t\t\t公务接待费\n"
    "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\n"
    "8.29\t\t6.27\t\t6.27\t2.02\t7.00\t\t5.00\t\t5.00\t2.00\n"
)
SCRIPT = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from loaders.reading import read_document\n"
    "doc = read_document(Path(sys.argv[1]))\n"
    "print(json.dumps([[r.phase, r.item, str(r.amount_yuan)] for r in doc.three_public_amounts]))\n"
)
PRINTED = [
    ["budget", "total", "82900.00"],
    ["budget", "vehicles_total", "62700.00"],
    ["budget", "vehicle_operation", "62700.00"],
    ["budget", "official_reception", "20200.00"],
    ["actual", "total", "70000.00"],
    ["actual", "vehicles_total", "50000.00"],
    ["actual", "vehicle_operation", "50000.00"],
    ["actual", "official_reception", "20000.00"],
    # the proven zeros after the printed figures, phase by phase, in the order of their columns
    ["budget", "overseas_travel", "0.00"],
    ["budget", "vehicle_purchase", "0.00"],
    ["actual", "overseas_travel", "0.00"],
    ["actual", "vehicle_purchase", "0.00"],
]


def _parse_with_seed(path: Path, seed: int) -> list:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_proven_zeros_are_reported_in_printed_order_under_any_hash_seed(tmp_path):
    path = tmp_path / "final.txt"
    path.write_text(HEAD + TABLE, encoding="utf-8")
    runs = {seed: _parse_with_seed(path, seed) for seed in (1, 2, 3, 4, 5, 6)}
    assert all(run == PRINTED for run in runs.values()), runs
