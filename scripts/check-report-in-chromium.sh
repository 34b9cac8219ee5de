#!/bin/sh
# Opens an HTML report from `stratc backtest --report` in headless Chromium, checks that the
# browser's DOM has the report's sections (the metrics table and every SVG chart), and saves a
# screenshot next to the report for a person to look at. Installs nothing: needs `chromium`
# (or CHROMIUM=/path/to/browser) on PATH. Network is disabled for the page, so any external
# reference would show as missing content.
#
#   scripts/check-report-in-chromium.sh REPORT.html [SCREENSHOT.png]
#   HEIGHT=9000 scripts/check-report-in-chromium.sh REPORT.html   # the whole tear sheet
set -eu

report=${1:?usage: check-report-in-chromium.sh REPORT.html [SCREENSHOT.png]}
shot=${2:-${report%.html}.png}
browser=${CHROMIUM:-chromium}
command -v "$browser" >/dev/null 2>&1 || { echo "check-report: $browser not found (apt-get install chromium)" >&2; exit 2; }
[ -f "$report" ] || { echo "check-report: no such file: $report" >&2; exit 2; }

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile=$(mktemp -d)
dom=$(mktemp)
trap 'rm -rf "$profile" "$dom"' EXIT
flags="--headless --no-sandbox --disable-gpu --user-data-dir=$profile --no-first-run \
  --disable-extensions --proxy-server=127.0.0.1:9 --proxy-bypass-list=<-loopback>"

# shellcheck disable=SC2086
"$browser" $flags --dump-dom "$url" >"$dom" 2>/dev/null
# shellcheck disable=SC2086
"$browser" $flags --hide-scrollbars --window-size=1100,${HEIGHT:-2400} --screenshot="$shot" "$url" \
  >/dev/null 2>&1

fail=0
need() {
  if ! grep -q -- "$1" "$dom"; then
    echo "check-report: the DOM lacks $2 ($1)" >&2
    fail=1
  fi
}
need '<table id="metrics-table"' "the metrics table"
need '<svg id="equity-chart"' "the equity chart"
need '<svg id="drawdown-chart"' "the drawdown chart"
need '<svg id="position-0"' "the first position chart"
need '<svg id="price-0"' "the first trades chart"
need '<section id="run"' "the run section"
need '<table id="returns-table"' "the returns table"
need '<svg id="benchmark-chart"' "the chart against buy and hold"
need '<svg id="underwater-chart"' "the underwater chart"
need '<section id="monthly-returns"' "the monthly returns section"
need '<section id="return-distribution"' "the returns histogram section"
need '<section id="rolling-sharpe"' "the rolling Sharpe section"
need '<table id="round-trips-table"' "the round-trip table"
if grep -q -i '<script' "$dom"; then echo "check-report: the page has a script" >&2; fail=1; fi
if grep -q -E 'https?://' "$dom"; then echo "check-report: the page references the network" >&2; fail=1; fi
paths=$(grep -o '<path class="[a-z]*" d="M' "$dom" | wc -l)
if [ "$paths" -lt 4 ]; then echo "check-report: only $paths drawn paths" >&2; fail=1; fi
[ -s "$shot" ] || { echo "check-report: no screenshot was written" >&2; fail=1; }
[ "$fail" -eq 0 ] || exit 1
echo "check-report: ok ($(grep -o '<svg ' "$dom" | wc -l) charts, $paths paths); screenshot $shot"
