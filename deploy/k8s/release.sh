#!/usr/bin/env bash
# Roll out the release named in kustomization.yaml (`images:` newTag): migrate, then roll.
#
#   deploy/k8s/release.sh
#   KUBECTL="kubectl -n imedia --context prod" IMEDIA_MIGRATE_TIMEOUT=2h deploy/k8s/release.sh
#
# 1. applies the ConfigMap and this release's migrate Job (imedia-migrate-<tag>) only;
# 2. waits for that Job, by name, to complete (exit 1 as soon as it fails, or after
#    IMEDIA_MIGRATE_TIMEOUT, default 60m): a Job of an earlier release cannot answer;
# 3. applies everything else (app, worker, ingress, autoscalers...) and waits for both rollouts.
# Re-running it for a release already migrated skips straight through step 2. Needs bash >= 5.1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
read -r -a kubectl <<<"${KUBECTL:-kubectl}"
timeout="${IMEDIA_MIGRATE_TIMEOUT:-60m}"

say() { printf '[imedia] %s\n' "$*" >&2; }

rendered="$("${kubectl[@]}" kustomize .)"
# kustomize prints keys in order: the first "  name:" after "kind: Job" is the Job's own name.
job="$(printf '%s\n' "$rendered" | awk '/^kind: Job$/ {found = 1} found && /^  name: / {print $2; exit}')"
if [ -z "$job" ]; then
    say "aucun Job de migration dans la kustomization : vérifiez kustomization.yaml."
    exit 2
fi

if ! "${kubectl[@]}" get secret imedia-secrets >/dev/null 2>&1; then
    say "le Secret imedia-secrets est introuvable : créez-le d'abord (voir secret.example.yaml)."
    exit 2
fi

say "1/3 configuration et migration de la version : job/$job"
"${kubectl[@]}" apply -k . -l 'app.kubernetes.io/component in (config,migrate)'

say "2/3 attente de la fin de job/$job (au plus $timeout)"
"${kubectl[@]}" wait --for=condition=complete --timeout="$timeout" "job/$job" >/dev/null &
complete_pid=$!
"${kubectl[@]}" wait --for=condition=failed --timeout="$timeout" "job/$job" >/dev/null &
failed_pid=$!
finished=""
set +e
wait -n -p finished "$complete_pid" "$failed_pid"
status=$?
if [ "$finished" = "$failed_pid" ] && [ "$status" -ne 0 ]; then
    # The failure watcher gave up (timed out): the completion watcher has the last word.
    wait "$complete_pid"
    status=$?
    finished="$complete_pid"
fi
set -e
kill "$complete_pid" "$failed_pid" 2>/dev/null || true
wait 2>/dev/null || true
if [ "$finished" != "$complete_pid" ] || [ "$status" -ne 0 ]; then
    say "la migration job/$job a échoué ou n'a pas fini à temps : l'application n'a pas été mise à jour."
    say "journal : ${kubectl[*]} logs job/$job ; après correction : ${kubectl[*]} delete job $job, puis relancez."
    exit 1
fi

say "3/3 mise à jour de l'application et des workers"
"${kubectl[@]}" apply -k .
"${kubectl[@]}" rollout status deployment/imedia --timeout=15m
"${kubectl[@]}" rollout status deployment/imedia-worker --timeout=15m
say "version déployée : job/$job terminé, application à jour."
