"""One vocabulary for every table parser: units, numbering, total labels, code shapes, measures.

No parser keeps its own copy of a label list or a unit pattern: each asks these modules,
so a printing learnt once (``收 入 总 计``, ``金额单位:元``, ``201 | 05 | 07``) is read
the same way in every table.
"""

from loaders.parse.vocabulary.codes import (
    CLASS_PART,
    CODE_AND_NAME,
    ECONOMIC_CODE,
    FUNCTIONAL_CODE,
    SUB_PART,
    join_parts,
    spaced_code,
)
from loaders.parse.vocabulary.measures import (
    ECONOMIC_MEASURES,
    ECONOMIC_TOTALS,
    FISCAL_SUMMARY_MEASURES,
    FUNCTIONAL_MEASURES,
    SUMMARY_ITEM_KEYS,
    expense_category,
    match_measure,
)
from loaders.parse.vocabulary.numbering import LEADING_NUMBER, NUMBER_LABEL, is_number_label
from loaders.parse.vocabulary.text import compact, label_key
from loaders.parse.vocabulary.totals import TABLE_TOTALS, TOTAL_LABELS, is_total_label
from loaders.parse.vocabulary.units import UNIT_FACTOR, unit_in, unit_line

__all__ = [
    "CLASS_PART",
    "CODE_AND_NAME",
    "ECONOMIC_CODE",
    "ECONOMIC_MEASURES",
    "ECONOMIC_TOTALS",
    "FISCAL_SUMMARY_MEASURES",
    "FUNCTIONAL_CODE",
    "FUNCTIONAL_MEASURES",
    "LEADING_NUMBER",
    "NUMBER_LABEL",
    "SUB_PART",
    "SUMMARY_ITEM_KEYS",
    "TABLE_TOTALS",
    "TOTAL_LABELS",
    "UNIT_FACTOR",
    "compact",
    "expense_category",
    "is_number_label",
    "is_total_label",
    "join_parts",
    "label_key",
    "match_measure",
    "spaced_code",
    "unit_in",
    "unit_line",
]
