"""Run a command with dbt's connection environment (from DATABASE_URL or the embedded server).

`make lint` runs sqlfluff's dbt templater under it: dbt compiles the models against the warehouse,
and the connection comes from the URL, never from a file. Usage: with_dbt_env.py COMMAND [ARGS...]
"""

from __future__ import annotations

import subprocess
import sys

from loaders.db import login_url
from loaders.dbt import dbt_env, install_packages


def main(command: list[str]) -> int:
    url = login_url("transformer")
    return install_packages(url) or subprocess.run(command, env=dbt_env(url)).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
