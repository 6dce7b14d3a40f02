#!/usr/bin/env bash
# Job time estimates (issue 11): how far the estimate a job shows is from the time it then takes.
# Starts the app (a published folder, else the Release build output) on a fresh SQLite file with the real bundle (or
# COPIES× the real bundle, written by the benchmark project's `scaled-bundle` command, so a refresh lasts long enough to
# matter), then queues WARMUP + RUNS full refreshes of PROFILE one after another through the API. The WARMUP runs warm
# the process up as a long-running server is (the JIT's tiering makes the same job faster over its first runs); they
# count as history for the estimates like any completed job. For every run it prints:
#   - the estimate read right after queueing (GET /api/jobs/{id}: estimate.expectedSeconds, JobEstimator's rule),
#   - the median of the last three actual durations (the rule before, recomputed here from the same runs),
#   - the estimate of the whole run at half-way (seconds run so far + estimate.remainingSeconds, the step-based part),
#   - the actual duration (completedAt - attemptedAt), and each estimate / actual.
# and the number of runs after the third whose estimate was within 20 % of the actual.
#
#   Cinegraph.Benchmarks/Jobs/estimate-accuracy.sh [app-folder]   (RUNS=6 WARMUP=0 COPIES=1 PROFILE=balanced PORT=5791)
#
# Needs curl and python3; with COPIES > 1 the Release build of Cinegraph.Benchmarks.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
app=${1:-$repo/Cinegraph.Web/bin/Release/net10.0}
work=$(mktemp -d)
port=${PORT:-5791}
runs=${RUNS:-6}
warmup=${WARMUP:-0}
copies=${COPIES:-1}
profile=${PROFILE:-balanced}
bundle=${CINEGRAPH_BUNDLE:-$repo/../shared/data/bundle}

export ASPNETCORE_URLS=http://127.0.0.1:$port Admin__Password=estimate-password-42 Data__DataFolder=$work ASPNETCORE_ENVIRONMENT=Production
if [[ -f "$bundle/movies.csv" && $copies -gt 1 ]]; then
    CINEGRAPH_BUNDLE=$bundle dotnet "$repo/Cinegraph.Benchmarks/bin/Release/net10.0/Cinegraph.Benchmarks.dll" scaled-bundle "$copies" "$work/bundle"
    dotnet "$app/Cinegraph.Web.dll" import "$work/bundle" > "$work/import.log" 2>&1
    echo "catalogue: the real bundle ${copies}× ($bundle)"
elif [[ -f "$bundle/movies.csv" ]]; then
    dotnet "$app/Cinegraph.Web.dll" import "$bundle" > "$work/import.log" 2>&1
    echo "catalogue: the real bundle ($bundle)"
else
    echo "catalogue: the demo catalogue (no bundle at $bundle)"
fi
dotnet "$app/Cinegraph.Web.dll" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break; sleep 1; done

jar=$work/cookies
curl -fs -c "$jar" -H 'Content-Type: application/json' \
    -d '{"userName":"admin","password":"estimate-password-42"}' "http://127.0.0.1:$port/api/auth/login" > /dev/null
json() { python3 -c "import sys,json; d=json.load(sys.stdin); $1"; }

actuals=()
for run in $(seq 1 $((warmup + runs))); do
    id=$(curl -fs -b "$jar" -H 'Content-Type: application/json' -d "{\"profile\":\"$profile\"}" \
        "http://127.0.0.1:$port/api/refresh" | json 'print(d["job"]["id"])')
    estimate=$(curl -fs -b "$jar" "http://127.0.0.1:$port/api/jobs/$id" \
        | json 'e=d.get("estimate"); print("none" if e is None else round(e["expectedSeconds"], 2))')
    midway=none
    while :; do
        job=$(curl -fs -b "$jar" "http://127.0.0.1:$port/api/jobs/$id")
        state=$(json 'print(d["state"])' <<< "$job")
        [[ $state == completed || $state == discarded || $state == cancelled ]] && break
        if [[ $midway == none ]]; then
            midway=$(json '
from datetime import datetime, timezone
p, e = d["progress"], d.get("estimate")
half = d["state"] == "executing" and p["total"] > 0 and 2 * p["done"] >= p["total"] and e is not None
elapsed = (datetime.now(timezone.utc) - datetime.fromisoformat(d["attemptedAt"])).total_seconds() if half else 0
print(round(elapsed + e["remainingSeconds"], 2) if half else "none")' <<< "$job")
        fi
        sleep 0.2
    done
    actual=$(json '
from datetime import datetime
print(round((datetime.fromisoformat(d["completedAt"]) - datetime.fromisoformat(d["attemptedAt"])).total_seconds(), 2))' <<< "$job")
    median=$(python3 -c "import statistics,sys; a=[float(x) for x in sys.argv[1:]][-3:]; print(round(statistics.median(a), 2) if a else 'none')" ${actuals[@]+"${actuals[@]}"})
    actuals+=("$actual")
    tag=$([[ $run -le $warmup ]] && echo "warm-up" || echo "run $((run - warmup))")
    ratio() { [[ $1 == none ]] && echo "-" || python3 -c "print(f'{$1 / $actual:.2f}')"; }
    echo "$tag: job $id $state, actual ${actual} s; estimate at queue ${estimate} s ($(ratio "$estimate")), old rule (median of last 3) ${median} s ($(ratio "$median")), at half-way ${midway} s ($(ratio "$midway"))"
done
