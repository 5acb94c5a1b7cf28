"""Run by Superset's own interpreter (.venv-bi), never by govfin's: admin login and dashboard import.

`superset import-dashboards` overwrites the dashboards but keeps any database, dataset or
chart that already exists, so a changed chart or a moved warehouse port would never reach a
running Superset. This imports each kind with overwrite, in dependency order, from one bundle.

    python superset_import.py BUNDLE.zip   (env: GOVFIN_SUPERSET_ADMIN_PASSWORD, SUPERSET_CONFIG_PATH)
"""

from __future__ import annotations

import os
import sys
from zipfile import ZipFile

import yaml

ADMIN = "admin"


def ensure_admin(security_manager, password: str):
    """The Admin user ``admin`` with ``password`` (created, or its password reset)."""
    user = security_manager.find_user(username=ADMIN)
    if user is None:
        user = security_manager.add_user(
            ADMIN, "govfin", "admin", "admin@localhost", security_manager.find_role("Admin"), password=password
        )
        if not user:
            raise SystemExit("could not create the Superset admin user")
    else:
        security_manager.reset_password(user.id, password)
    return user


def import_bundle(path: str) -> None:
    from superset.commands.chart.importers.v1 import ImportChartsCommand
    from superset.commands.dashboard.importers.v1 import ImportDashboardsCommand
    from superset.commands.database.importers.v1 import ImportDatabasesCommand
    from superset.commands.dataset.importers.v1 import ImportDatasetsCommand
    from superset.commands.importers.v1.utils import get_contents_from_bundle

    with ZipFile(path) as bundle:
        contents = get_contents_from_bundle(bundle)
    metadata = next(name for name in contents if name.endswith("metadata.yaml"))
    for command, kind in (
        (ImportDatabasesCommand, "Database"),
        (ImportDatasetsCommand, "SqlaTable"),
        (ImportChartsCommand, "Slice"),
        (ImportDashboardsCommand, "Dashboard"),
    ):
        typed = dict(contents)
        typed[metadata] = yaml.safe_dump({**yaml.safe_load(contents[metadata]), "type": kind})
        command(typed, overwrite=True).run()


def main(bundle: str) -> int:
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import security_manager
        from superset.utils.core import override_user

        admin = ensure_admin(security_manager, os.environ["GOVFIN_SUPERSET_ADMIN_PASSWORD"])
        with override_user(admin):
            import_bundle(bundle)
    print("imported", bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
