# The nightly loader image: govfin + cron. PostgreSQL runs in its own service (docker-compose.yml).
FROM python:3.11-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends cron make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY loaders ./loaders
COPY migrations ./migrations
COPY dbt_project ./dbt_project
COPY sql ./sql
RUN pip install --no-cache-dir -e .

# Superset with the dashboards kept as code (docker-compose service `superset`): the same
# pinned requirements as `make dashboard`, in their own environment (SQLAlchemy < 2).
FROM base AS superset
COPY dashboards ./dashboards
RUN python -m venv /app/.venv-bi \
    && /app/.venv-bi/bin/pip install --no-cache-dir -r dashboards/requirements-bi.txt \
    && /app/.venv-bi/bin/python -c "import importlib.metadata as m; print(m.version('apache-superset'))" \
       > /app/.venv-bi/superset-version
ENV GOVFIN_HOME=/var/lib/govfin GOVFIN_DASHBOARD_HOST=0.0.0.0
EXPOSE 8088
CMD ["python", "-m", "loaders.dashboard", "serve"]

FROM base AS loader
COPY docker/crontab /etc/cron.d/govfin
COPY docker/entrypoint.sh /entrypoint.sh
RUN chmod 0644 /etc/cron.d/govfin && chmod +x /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
