#!/usr/bin/env bash
# Crawl benchmark: provcheck and the peer link checkers (lychee, linkinator, LinkChecker,
# markdown-link-check) side by side, against the shared loopback fixture server, in one run.
#
#   bash bench/run_crawl_bench.sh                       # both scenarios (about 6-7 minutes)
#   bash bench/run_crawl_bench.sh --scenario loopback   # one scenario
#   bash bench/run_crawl_bench.sh --scenario loopback --runs provcheck-cold,lychee-tuned --repeat 3
#
# The shared bench folder (server.py, run_anchors.sh, parse_results.py, install_anchors.sh) is
# looked up next to the repository (<repo>/../shared/bench) unless PROVCHECK_SHARED names it.
# The peers are installed by install_anchors.sh into ANCHORS (default ${TMPDIR:-/tmp}/anchors)
# when missing. provcheck, like each peer, runs from its own clean install: a virtual
# environment (ANCHORS/provcheck-venv) holding this checkout's declared dependencies and
# nothing else, refreshed from pyproject.toml on every run; the bench's Python is that
# environment's. PYTHON=... runs everything with another interpreter instead (for example a
# development environment, whose extra packages change import costs). Results go to OUT
# (default: a new temporary folder): results.md, results.json and every tool's raw output. Every command is printed on stderr as it runs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
SHARED=${PROVCHECK_SHARED:-$REPO/../shared/bench}
ANCHORS=${ANCHORS:-${TMPDIR:-/tmp}/anchors}
if [ -z "${PYTHON:-}" ]; then
  VENV=$ANCHORS/provcheck-venv
  [ -x "$VENV/bin/python" ] || { echo ">>> python3 -m venv $VENV" >&2; python3 -m venv "$VENV"; }
  echo ">>> $VENV/bin/python -m pip install -q $REPO" >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$REPO" >&2
  PYTHON=$VENV/bin/python
fi
[ -f "$SHARED/server.py" ] || { echo "no server.py in $SHARED: set PROVCHECK_SHARED" >&2; exit 2; }
if [ ! -x "$ANCHORS/venv/bin/lychee" ] || [ ! -x "$ANCHORS/node/node_modules/.bin/linkinator" ]; then
  echo ">>> ANCHORS=$ANCHORS bash $SHARED/install_anchors.sh" >&2
  ANCHORS=$ANCHORS bash "$SHARED/install_anchors.sh" >&2
fi
args=(--shared "$SHARED" --anchors "$ANCHORS")
[ -n "${OUT:-}" ] && args+=(--out "$OUT")
echo ">>> $PYTHON $HERE/crawl_bench.py ${args[*]} $*" >&2
exec "$PYTHON" "$HERE/crawl_bench.py" "${args[@]}" "$@"
