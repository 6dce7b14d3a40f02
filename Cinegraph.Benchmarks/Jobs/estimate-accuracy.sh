#!/usr/bin/env bash
# Job time estimates (issue 11): how far the estimate a job shows when it is queued is from the time it then takes.
# Starts the app (a published folder, else the Release build output) on a fresh SQLite file with the real bundle (or
# the demo catalogue when no bundle is found), then queues RUNS full refreshes of PROFILE one after another through the
# API and prints, per run, the estimate read right after queueing (GET /api/jobs/{id}: estimate.expectedSeconds) and
# the actual duration (completedAt - attemptedAt), and their ratio.
#
#   Cinegraph.Benchmarks/Jobs/estimate-accuracy.sh [app-folder]      (RUNS=6 PROFILE=balanced PORT=5791)
#
# Needs curl and python3.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
app=${1:-$repo/Cinegraph.Web/bin/Release/net10.0}
work=$(mktemp -d)
port=${PORT:-5791}
runs=${RUNS:-6}
profile=${PROFILE:-balanced}
bundle=${CINEGRAPH_BUNDLE:-$repo/../shared/data/bundle}

export ASPNETCORE_URLS=http://127.0.0.1:$port Admin__Password=estimate-password-42 Data__DataFolder=$work ASPNETCORE_ENVIRONMENT=Production
if [[ -f "$bundle/movies.csv" ]]; then
    dotnet "$app/Cinegraph.Web.dll" import "$bundle" > "$work/import.log" 2>&1
    echo "catalogue: the real bundle ($bundle)"
else
    echo "catalogue: the demo catalogue (no bundle at $bundle)"
fi
dotnet "$app/Cinegraph.Web.dll" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break; sleep 1; done

jar=$work/cookies
curl -fs -c "$jar" -H 'Content-Type: application/json' \
    -d '{"userName":"admin","password":"estimate-password-42"}' "http://127.0.0.1:$port/api/auth/login" > /dev/null
json() { python3 -c "import sys,json; d=json.load(sys.stdin); $1"; }

for run in $(seq 1 "$runs"); do
    id=$(curl -fs -b "$jar" -H 'Content-Type: application/json' -d "{\"profile\":\"$profile\"}" \
        "http://127.0.0.1:$port/api/refresh" | json 'print(d["job"]["id"])')
    estimate=$(curl -fs -b "$jar" "http://127.0.0.1:$port/api/jobs/$id" \
        | json 'e=d.get("estimate"); print("none" if e is None else round(e["expectedSeconds"], 2))')
    while :; do
        job=$(curl -fs -b "$jar" "http://127.0.0.1:$port/api/jobs/$id")
        state=$(json 'print(d["state"])' <<< "$job")
        [[ $state == completed || $state == discarded || $state == cancelled ]] && break
        sleep 0.2
    done
    actual=$(json '
from datetime import datetime
print(round((datetime.fromisoformat(d["completedAt"]) - datetime.fromisoformat(d["attemptedAt"])).total_seconds(), 2))' <<< "$job")
    ratio=$([[ $estimate == none ]] && echo "-" || python3 -c "print(f'{$estimate / $actual:.2f}')")
    echo "run $run: job $id $state, estimate at queue ${estimate} s, actual ${actual} s, estimate/actual $ratio"
done
