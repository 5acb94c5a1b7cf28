"""Chinese labels live in ``loaders/parse/vocabulary/`` only: no regular expression or label
list with Chinese text is defined anywhere else in ``loaders/parse/``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PARSE = Path(__file__).resolve().parents[1] / "loaders" / "parse"
HAN = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a]")
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
COLLECTIONS = (ast.Tuple, ast.List, ast.Set, ast.Dict)


def _chinese(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value) for n in ast.walk(node))


def _is_re_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in RE_FUNCTIONS
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and bool(node.args)
        and _chinese(node.args[0])
    )


def _label_collection(node: ast.AST) -> bool:
    """A literal tuple/list/set/dict (or frozenset(...) of one) holding two or more Chinese strings."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"frozenset", "set", "tuple"}:
        return any(_label_collection(arg) for arg in node.args)
    if not isinstance(node, COLLECTIONS):
        return False
    strings = [
        n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)
    ]
    return len(strings) >= 2


def definitions_outside_vocabulary() -> list[str]:
    found = []
    for path in sorted(PARSE.rglob("*.py")):
        if "vocabulary" in path.relative_to(PARSE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if _is_re_call(node) or (
                isinstance(node, ast.Assign | ast.AnnAssign) and node.value and _label_collection(node.value)
            ):
                found.append(f"{path.relative_to(PARSE)}:{node.lineno}")
    return found


def test_no_chinese_pattern_or_label_list_outside_vocabulary():
    assert definitions_outside_vocabulary() == []


def test_the_check_sees_a_pattern_and_a_label_list():
    tree = ast.parse('X = re.compile(r"合计")\nY = ("人员经费", "公用经费")\nZ = ("a", "b")\n')
    assigns = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)]
    assert [_is_re_call(a.value) or _label_collection(a.value) for a in assigns] == [True, True, False]
