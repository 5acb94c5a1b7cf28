"""Regression snapshots of the project sheets of real publications: what the parser gave, not an oracle.

Counts, list lengths and line numbers as the parser produced them when
``tests/test_project_sheets_real.py`` was written; they were spot-checked against the pages,
not read from them in full. A test failing on one of these says the parse changed, not
that it became wrong: read the page, then update the snapshot (or move the figure, once read
from the page, into the test as an oracle). The figures the tests hold as true (amounts,
names, scores, the printed 合计) are read from the page and stay in the test file.

A test reads a snapshot only through ``snapshot(name)``, so each pinned parser output says
what it is where it is used (tests/test_project_sheets_real.py checks that no test pins a
count or a line number of the real corpus any other way).
"""

SNAPSHOTS = {
    "guangzhou_projects": 70,
    "guangzhou_hotline_indicators": 8,
    "guangzhou_indicators_in_marts": 404,
    "xian_self_evaluation_sheets": 87,
    "xian_sheet_warning_lines": [3913],
    "xian_mosquito_indicators": 7,
    "xian_sheets_whose_scores_add_up": 84,
    "national_budget_target_indicators": [9, 11, 9],
    "xian_budget_targets": 9,
    "fuzhou_target_sheets": 21,
    "fuzhou_relief_sheet_line": 1199,
    "fuzhou_indicators": [6, 6, 6, 7, 0, 6, 6, 6, 7, 6, 7, 7, 7, 6, 6, 6, 6, 6, 6, 8, 6],
    "yantai_indicators": [6, 6, 9, 6],
}


def snapshot(name: str):
    """The value the parser gave for ``name`` when its test was written: a snapshot, not a page's figure."""
    return SNAPSHOTS[name]
