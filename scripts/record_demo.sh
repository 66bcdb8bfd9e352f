#!/usr/bin/env bash
# Record the demo cassette: start the loopback demo site (scripts/demo_site.py, a plain-http
# forward proxy for the fictional .example hosts of examples/), run the audit through it,
# write cassettes/demo.warc.gz, and stop the site (by its PID) on exit.
#
#   bash scripts/record_demo.sh                 # defaults
#   EXTRA_ARGS="--allow-private" bash scripts/record_demo.sh
#
# The site binds 127.0.0.1 only and exits by itself after SITE_LIFETIME seconds anyway.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SITE_LIFETIME=${SITE_LIFETIME:-600}
CASSETTE=${CASSETTE:-cassettes/demo.warc.gz}
EXTRA_ARGS=${EXTRA_ARGS:-}
PYTHON=${PYTHON:-python3}

PORT=$("$PYTHON" - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
)
BASE=http://127.0.0.1:$PORT

"$PYTHON" "$HERE/demo_site.py" --port "$PORT" --lifetime "$SITE_LIFETIME" &
SITE=$!
trap 'kill "$SITE" 2>/dev/null; wait "$SITE" 2>/dev/null' EXIT

ready=
for _ in $(seq 50); do
  if curl -sf --noproxy '*' "$BASE/__health" >/dev/null; then ready=1; break; fi
  sleep 0.1
done
[ -n "$ready" ] || { echo "demo site did not start on $BASE" >&2; exit 1; }

cd "$ROOT" || exit 1
mkdir -p "$(dirname "$CASSETTE")"
if command -v provcheck >/dev/null 2>&1; then PROVCHECK=(provcheck); else PROVCHECK=("$PYTHON" -m provcheck); fi
# shellcheck disable=SC2086  # EXTRA_ARGS is a list of options
"${PROVCHECK[@]}" audit examples --proxy "$BASE" \
  --archive-endpoint http://archive.example/wayback/available \
  --record "$CASSETTE" $EXTRA_ARGS
rc=$?
echo "provcheck audit exit status: $rc (non-zero is expected when findings are errors)" >&2
if [ ! -s "$CASSETTE" ]; then
  echo "no cassette written at $CASSETTE" >&2
  exit 1
fi
echo "recorded $CASSETTE" >&2
