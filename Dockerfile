# The nightly loader image: govfin + cron. PostgreSQL runs in its own service (docker-compose.yml).
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends cron make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY loaders ./loaders
COPY migrations ./migrations
COPY dbt_project ./dbt_project
RUN pip install --no-cache-dir -e .
COPY docker/crontab /etc/cron.d/govfin
COPY docker/entrypoint.sh /entrypoint.sh
RUN chmod 0644 /etc/cron.d/govfin && chmod +x /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
