#!/bin/sh
# Container entry point. It deliberately does nothing but run the given command: no migration,
# no collectstatic, no waiting for the database. Migrations are a separate, one-shot step
# (`imedia migrate`: the compose service "migrate", the Kubernetes Job in k8s/migrate-job.yaml),
# run once per release before the app servers roll, never by every app container at start-up.
#
#   docker run IMAGE                          -> gunicorn -c /app/gunicorn.conf.py (the CMD)
#   docker run IMAGE imedia migrate           -> migrate public, template and tenant schemas
#   docker run IMAGE imedia tenant list       -> any other imedia (manage.py) command
set -eu
exec "$@"
