#!/bin/sh
# cron does not pass the container's environment to jobs: write it where the job reads it.
set -e
mkdir -p /var/log/govfin
env | grep -E '^(DATABASE_URL|GOVFIN_|TZ)=' | sed 's/^/export /; s/=\(.*\)$/="\1"/' > /etc/govfin.env
chmod 600 /etc/govfin.env
if [ "${GOVFIN_RUN_ON_START:-1}" = "1" ]; then
  cd /app && govfin --log-format json run --format json --raw-dir /data/raw >> /var/log/govfin/run.log 2>&1 || true
fi
exec cron -f
