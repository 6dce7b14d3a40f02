#!/usr/bin/env bash
# Load driver for the first HTML of the predictions page (issue 4, performance): checks the page really holds the
# expected rows, warms it up, then runs wrk over loopback with 1, 8 and 64 connections (bounded duration), printing p50/p95/p99
# and requests/s (percentiles.lua).
#
#   Cinegraph.Benchmarks/Load/predictions-page.sh <base-url> <query> <expected-rows> [seconds]
#   e.g. predictions-page.sh http://127.0.0.1:5391 'decade=2020&profile=balanced' 100 15
#
# The app must already run (Release) with the cache in the wanted state. A row is counted by its film link
# (data-testid="film-link"); the missing state is checked by data-testid="missing-state" when 0 rows are expected.
set -euo pipefail

base=${1:?base url}
query=${2:?query string}
rows=${3:?expected rows}
seconds=${4:-15}
url="$base/predictions?$query"
here=$(cd "$(dirname "$0")" && pwd)

html=$(curl -sf "$url")
found=$( (grep -o 'data-testid="film-link"' <<<"$html" || true) | wc -l)
if [[ "$found" -ne "$rows" ]]; then
    echo "expected $rows rows in $url, found $found" >&2
    exit 1
fi
if [[ "$rows" -eq 0 ]] && ! grep -q 'data-testid="missing-state"' <<<"$html"; then
    echo "expected the missing state in $url" >&2
    exit 1
fi
echo "$url: $found rows, $(wc -c <<<"$html") bytes of HTML"

# Warm-up (JIT, tiered compilation, caches), not recorded.
wrk -t2 -c8 -d5s "$url" >/dev/null

for connections in 1 8 64; do
    threads=2
    [[ "$connections" -eq 1 ]] && threads=1
    echo "== $connections connection(s), load: $(uptime | sed 's/.*load average/load average/')"
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/percentiles.lua" "$url" | tail -n 1
done
