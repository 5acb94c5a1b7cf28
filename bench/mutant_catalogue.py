"""Planted bugs a user would hit, each one the tests must catch (``make mutants``, ``bench/mutants.py``).

A mutant is keyed on code, never on a file or a line: each edit is an exact source snippet
(or a regular expression) searched across the whole ``loaders/`` tree of a copy, and it
must match exactly once there. Code that moves keeps its mutants; code that changes makes
the run fail loudly (the catalogue then needs an update), it never silently plants
nothing. Grow the catalogue with each bug found: the edit that reproduces it, why a user
would hit it, and the tests that must catch it (files or node ids, run as pytest arguments;
only tests that run in CI).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace ``pattern`` (a literal snippet, or a regular expression when ``regex``) by ``replacement``."""

    pattern: str
    replacement: str
    regex: bool = False


@dataclass(frozen=True)
class Mutant:
    name: str
    why: str  # the bug as a user would meet it
    edits: tuple[Edit, ...]
    tests: tuple[str, ...]  # pytest arguments: the tests that must fail on it


def swap_items(a: str, b: str) -> Edit:
    """The 三公 items ``a`` and ``b`` trade places wherever a label names one of them."""
    return Edit(
        r"(for needle, item in THREE_PUBLIC_ITEMS:\s+if needle in text:\s+return) item\b",
        rf'\1 {{"{a}": "{b}", "{b}": "{a}"}}.get(item, item)',
        regex=True,
    )


SEED_KEYS = ("tests/test_final_accounts_answer_key.py", "tests/test_budget_answer_key.py")
# the items read by eye from real pages (三公 items, 功能分类 项 rows): one parse of the real corpus
REAL_ITEMS = "tests/test_real_corpus.py::test_read_item_is_in_its_table_and_item"
REAL_CONTRADICTIONS = "tests/test_real_corpus.py::test_printed_contradiction_is_reported"

CATALOGUE = (
    Mutant(
        "swap-vehicle-items",
        "公务用车购置费 and 公务用车运行维护费 trade places: every 三公 table reports purchases as running costs",
        (swap_items("vehicle_purchase", "vehicle_operation"),),
        (*SEED_KEYS, REAL_ITEMS),
    ),
    Mutant(
        "swap-travel-and-reception",
        "因公出国(境)费 and 公务接待费 trade places",
        (swap_items("overseas_travel", "official_reception"),),
        (*SEED_KEYS, REAL_ITEMS),
    ),
    Mutant(
        "ignore-table-unit",
        "a table printing its own unit (单位：元 in a 万元 document) is scaled by the document's unit",
        (Edit("for line in (region.anchor, *region.lines[:10]):", "for line in ():"),),
        ("tests/test_columns_by_label.py", "tests/test_parse_json_tables.py", REAL_ITEMS),
    ),
    Mutant(
        "ignore-units",
        "万元 read as 元: every amount 10,000 times too small",
        (Edit("yuan = value * UNIT_FACTOR.get(unit, Decimal(1))", "yuan = value"),),
        (*SEED_KEYS, REAL_ITEMS),
    ),
    Mutant(
        "drop-continued-table",
        "a table continued under 续表 on the next page loses the rows printed there",
        (Edit('if _clean(line.text).startswith("续表"):', "if False:"),),
        ("tests/test_table_boundaries.py",),
    ),
    Mutant(
        "amount-as-basic",
        "a final account's 金额 column (all spending) is taken for its 其中：基本支出 column",
        (Edit('measures = ("amount", "basic") if', 'measures = ("basic", "amount") if'),),
        SEED_KEYS,
    ),
    Mutant(
        "shift-column",
        "every data cell lands one column to the right of its header: figures under the wrong measure",
        (Edit("texts[cell.col] = cell.text", "texts[min(cell.col + 1, self.n_cols - 1)] = cell.text"),),
        (*SEED_KEYS, REAL_ITEMS),
    ),
    Mutant(
        "code-column-as-amounts",
        "a 科目编码 column is not known as codes: its digits are read as figures",
        (Edit('CODE_LABELS = ("编码", "代码", "科目编号")', "CODE_LABELS = ()"),),
        ("tests/test_table_boundaries.py", "tests/test_functional_layouts.py", REAL_ITEMS),
    ),
    Mutant(
        "name-as-amount",
        "a row's name passes for a figure: words are read in the amount columns",
        (Edit(r'NUMBER = re.compile(r"^-?[\d,]*\.?\d+$")', r'NUMBER = re.compile(r"^-?[\d,]*\.?\d+$|^\D{2,}$")'),),
        SEED_KEYS,
    ),
    Mutant(
        "loose-arithmetic-check",
        "a table whose rows do not add up passes its check: contradictions the page prints go unreported",
        (Edit("for s in failures(sums_of(typed), digit):", "for s in failures(sums_of(typed), digit * 1000):"),),
        ("tests/test_table_checks.py", REAL_CONTRADICTIONS),
    ),
    Mutant(
        "refuse-a-table-that-does-not-add-up",
        "a document whose one table is off by more than 1 万 yuan is refused whole: its other tables are lost",
        (
            Edit(
                "            difference = s.parent - sum(s.parts, Decimal(0))\n",
                "            difference = s.parent - sum(s.parts, Decimal(0))\n"
                "            if abs(difference) > 10000:\n"
                '                raise ValueError(f"does not add up: {s.what}")\n',
            ),
        ),
        ("tests/test_fuzz_properties.py",),
    ),
    Mutant(
        "extract-twice",
        "every document is extracted twice: `govfin parse` costs twice pdfminer's own pass",
        (
            Edit(
                "    lines = extract_lines(path, data)  # first:",
                "    lines = extract_lines(path, data)\n    lines = extract_lines(path, data)  # first:",
            ),
        ),
        ("tests/test_bench_real_pdf.py",),
    ),
    Mutant(
        "narrative-label-of-the-previous-figure",
        "a figure of the prose carries the label of the figure before it in the sentence",
        (
            Edit(
                "label = _label(text, match.start()) or previous_label",
                "label = previous_label or _label(text, match.start())",
            ),
        ),
        ("tests/test_narrative.py",),
    ),
    Mutant(
        "loose-blank-cells-dropped",
        "raw PDF text (cells one space apart) loses its blank cells: every figure after a blank moves a column left",
        (
            Edit(
                'ended_blank = bool(cells) and cells[-1] == ""',
                'cells = [c for c in cells if c]\n    ended_blank = bool(cells) and cells[-1] == ""',
            ),
        ),
        # the seeds drawn as PDFs by a fixture that splits the text itself (tests/text_rows.py): when it
        # drew the extractor's own cells, the PDF carried the same misread and these tests passed
        ("tests/test_pdf_extract.py",),
    ),
    Mutant(
        "password-in-dbt-artifacts",
        "a login's password reaches dbt's artifacts (dbt copies DBT_ENV_CUSTOM_ENV_* into target/*.json)",
        (
            Edit(
                'DBT_SEND_ANONYMOUS_USAGE_STATS="false",',
                'DBT_SEND_ANONYMOUS_USAGE_STATS="false", DBT_ENV_CUSTOM_ENV_LOGIN=str(params.password) + '
                '(Path(params.passfile).read_text() if params.passfile else ""),',
            ),
        ),
        ("tests/test_secrets_scan.py",),
    ),
    Mutant(
        "patch-an-unvouched-standby",
        "a nightly build patches the marts a failed or killed build half rewrote, or an older dbt project "
        "built: analysts get rows missing or stale and no test of the patch can see it",
        (Edit("            and standby.patchable(conn)\n", ""),),
        ("tests/test_dbt_incremental.py::test_only_a_standby_a_passing_build_of_this_project_swapped_out_is_patched",),
    ),
)
