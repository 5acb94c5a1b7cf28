"""Write docs/marts.md, the marts reference, from dbt's manifest and catalog (`make docs`).

For every model in schemas `marts` and `quality`: its description (the grain first), its
grain and relationships tests, and each column with its type and meaning. Types are the
contract's `data_type` where the model declares one, else what the warehouse's catalog
reports. A mermaid ERD of the marts with those types closes the page; its edges are the
relationships tests. Usage: marts_reference.py [TARGET_DIR] [OUTPUT]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DBT_PROJECT = Path(__file__).resolve().parents[1]
SCHEMAS = ("marts", "quality")
GRAIN_TESTS = ("unique", "unique_combination_of_columns", "grain_is_unique")
KEY_TESTS = ("relationships", "composite_relationships")


def load(target: Path) -> tuple[dict, dict]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    return manifest, catalog


def models(manifest: dict) -> list[dict]:
    found = [n for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["schema"] in SCHEMAS]
    return sorted(found, key=lambda n: (n["schema"] != "marts", not n["name"].startswith("dim_"), n["name"]))


def column_types(node: dict, catalog: dict) -> dict[str, str]:
    """Column name → type: the contract's data_type, else the catalog's."""
    table = catalog["nodes"].get(node["unique_id"], {}).get("columns", {})
    types = {name.lower(): column["type"] for name, column in table.items()}
    for name, column in node["columns"].items():
        if column.get("data_type"):
            types[name] = column["data_type"]
    return types


def tests_of(manifest: dict, node: dict) -> list[dict]:
    return [
        t
        for t in manifest["nodes"].values()
        if t["resource_type"] == "test" and t.get("attached_node") == node["unique_id"] and t.get("test_metadata")
    ]


def grain(tests: list[dict]) -> list[str]:
    keys = []
    for test in tests:
        kwargs = test["test_metadata"]["kwargs"]
        if test["test_metadata"]["name"] in ("unique_combination_of_columns", "grain_is_unique"):
            keys.append(", ".join(kwargs["combination_of_columns"]))
        elif test["test_metadata"]["name"] == "unique":
            keys.append(kwargs["column_name"])
    return keys


def references(tests: list[dict]) -> list[tuple[str, str, str]]:
    """(columns, parent model, parent columns) of each relationships test."""
    edges = []
    for test in tests:
        name, kwargs = test["test_metadata"]["name"], test["test_metadata"]["kwargs"]
        if name == "relationships":
            edges.append((kwargs["column_name"], _model_of(kwargs["to"]), kwargs["field"]))
        elif name == "composite_relationships":
            edges.append((", ".join(kwargs["columns"]), _model_of(kwargs["to"]), ", ".join(kwargs["fields"])))
    return edges


def _model_of(ref: str) -> str:
    return ref.split("'")[1] if "'" in ref else ref


def _erd_type(sql_type: str) -> str:
    """A type as mermaid accepts it (no spaces or commas): numeric(20,2) → numeric_20_2."""
    short = {"timestamp with time zone": "timestamptz", "character varying": "varchar"}.get(sql_type, sql_type)
    return short.replace("(", "_").replace(",", "_").replace(")", "").replace(" ", "_")


def _cell(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def model_section(manifest: dict, catalog: dict, node: dict) -> list[str]:
    types, tests = column_types(node, catalog), tests_of(manifest, node)
    lines = [f"## `{node['schema']}.{node['name']}`", "", _cell(node["description"]), ""]
    contract = node.get("contract", {}).get("enforced")
    lines.append(f"- contract enforced: {'yes' if contract else 'no'}")
    lines += [f"- grain (unique): `{key}`" for key in grain(tests)]
    lines += [f"- references: `{cols}` → `{parent}.{fields}`" for cols, parent, fields in references(tests)]
    lines += ["", "| column | type | meaning |", "|---|---|---|"]
    for name, column in node["columns"].items():
        lines.append(f"| `{name}` | {types.get(name, '')} | {_cell(column.get('description', ''))} |")
    return [*lines, ""]


def erd(manifest: dict, catalog: dict, nodes: list[dict]) -> list[str]:
    marts = [n for n in nodes if n["schema"] == "marts"]
    names = {n["name"] for n in marts}
    lines = ["## Entity-relationship diagram", "", "```mermaid", "erDiagram"]
    for node in marts:
        types = column_types(node, catalog)
        lines.append(f"    {node['name']} {{")
        for name in node["columns"]:
            lines.append(f"        {_erd_type(types.get(name, 'unknown'))} {name}")
        lines.append("    }")
    edges = set()
    for node in marts:
        for columns, parent, _ in references(tests_of(manifest, node)):
            if parent in names:
                edges.add((parent, node["name"], columns))
    lines += [f'    {parent} ||--o{{ {child} : "{columns}"' for parent, child, columns in sorted(edges)]
    return [*lines, "```", ""]


def render(manifest: dict, catalog: dict) -> str:
    nodes = models(manifest)
    lines = [
        "# Marts reference",
        "",
        "Generated by `dbt_project/scripts/marts_reference.py` from dbt's manifest and catalog (`make docs`);",
        "do not edit by hand. Every table here is in PostgreSQL, readable by the analyst login. Amounts are",
        "`numeric(20,2)` in yuan (元); rates are fractions. The contract these names keep is in",
        "[contract.md](contract.md).",
        "",
    ]
    for node in nodes:
        lines += model_section(manifest, catalog, node)
    lines += erd(manifest, catalog, nodes)
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else DBT_PROJECT / "target"
    output = Path(argv[1]) if len(argv) > 1 else DBT_PROJECT.parent / "docs" / "marts.md"
    output.parent.mkdir(exist_ok=True)
    output.write_text(render(*load(target)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
