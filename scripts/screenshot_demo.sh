#!/usr/bin/env bash
# Regenerate docs/demo-report.png, the README's picture of the HTML report: audit the demo
# archive (replayed, no network) into a scratch run store, render the HTML report, and take
# a screenshot of it with Debian's headless Chromium (apt-get install chromium).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
python -m provcheck audit examples --config cassettes/demo.toml --store "$WORK/runs.db" -q >/dev/null
python -m provcheck report --store "$WORK/runs.db" --format html -o "$WORK/report.html"
chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$WORK/profile" --window-size=1280,1600 \
  --screenshot="$ROOT/docs/demo-report.png" "file://$WORK/report.html" 2>/dev/null
echo "wrote docs/demo-report.png"
