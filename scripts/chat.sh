#!/usr/bin/env bash
# README command 1: set up whatever is missing (venv, model, index), then start the chat page.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${RAGQA_MODEL_PULL:-default}
PORT=${RAGQA_PORT:-7860}

ready() {
  [ -x .venv/bin/ragqa ] || return 1
  .venv/bin/ragqa models list | awk -F'\t' -v m="$MODEL" '$1 == m && $3 == "pulled" {found = 1} END {exit !found}' \
    || return 1
  .venv/bin/ragqa sources >/dev/null 2>&1  # fails when there is no index yet
}

if ready; then
  echo "set up already: venv, model '$MODEL' and index found"
else
  echo "setting up what is missing (venv, model '$MODEL', index): a few minutes the first time"
  RAGQA_INGEST_LATER=1 bash scripts/install.sh
fi
echo "starting the chat page: http://127.0.0.1:${PORT} (Ctrl-C stops it)"
exec .venv/bin/ragqa ui --port "$PORT" "$@"
