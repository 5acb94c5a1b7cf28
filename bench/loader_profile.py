"""Where the loader's CPU goes: ``python -m bench.loader_profile [N]``.

Loads N staged synthetic documents in batches of ``LOAD_BATCH`` as ``load_documents`` does and
splits the CPU of this process and of its PostgreSQL backend (``/proc``) between the ledger
statements and the staging COPYs, per document.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from bench.corpus import generate_documents
from bench.run import _cpu_seconds, _fresh_database


def profile(n: int) -> dict:
    from loaders import db
    from loaders import load as loader
    from loaders.parse import PARSER_VERSION
    from loaders.pipeline import LOAD_BATCH
    from loaders.reading import read_document

    with tempfile.TemporaryDirectory(prefix="govfin-loader-profile-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # made 0700; as root the server's own user must pass (govfin opens no folder itself)
        os.environ["GOVFIN_HOME"] = str(tmp / "home")
        os.environ.pop("DATABASE_URL", None)
        sample = generate_documents(tmp / "raw", n)
        staged = []
        for g in sample:
            stat, doc = g.path.stat(), loader.stage(read_document(g.path))
            src = loader.SourceFile(f"bench/{g.path.name}", stat.st_size, stat.st_mtime_ns, doc.document_id)
            staged.append((src, doc))
        server = db.EmbeddedServer(tmp / "home")
        server.start()
        try:
            with psycopg.connect(_fresh_database(server, "loader_profile"), autocommit=True) as conn:
                conn.execute("SET synchronous_commit = off")
                run_id = conn.execute(
                    "INSERT INTO raw.load_run (parser_version) VALUES (%s) RETURNING run_id", (PARSER_VERSION,)
                ).fetchone()[0]
                backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
                spent = {"ledger_main": 0.0, "ledger_server": 0.0, "staging_main": 0.0, "staging_server": 0.0}
                for start in range(0, n, LOAD_BATCH):
                    batch = staged[start : start + LOAD_BATCH]
                    with conn.transaction(), conn.cursor() as cur:
                        cpu, server_cpu = time.process_time(), _cpu_seconds(backend, own=True)
                        loader._write_ledgers(cur, batch, PARSER_VERSION, run_id)
                        mid, server_mid = time.process_time(), _cpu_seconds(backend, own=True)
                        loader.stage_rows(cur, [doc for _, doc in batch])
                        end, server_end = time.process_time(), _cpu_seconds(backend, own=True)
                    spent["ledger_main"] += mid - cpu
                    spent["ledger_server"] += server_mid - server_cpu
                    spent["staging_main"] += end - mid
                    spent["staging_server"] += server_end - server_mid
        finally:
            server.stop()
    return {f"{k}_cpu_ms_per_document": round(1000 * v / n, 3) for k, v in spent.items()}


if __name__ == "__main__":
    print(profile(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
