#!/usr/bin/env bash
# The fast suite first (fakes, tiny files), then the tests that load real models and drive
# a real browser. `--fast` stops after the first part.
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
python -m pytest -q -p no:cacheprovider
if [ "${1:-}" != "--fast" ]; then
  python -m pytest -q -p no:cacheprovider -m "slow or browser"
fi
