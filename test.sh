#!/usr/bin/env bash
# The one test command of Cinegraph.
#
#   ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Catalog]
#
# On a machine with only the .NET SDK it installs what the tests need when missing (PostgreSQL server, Chromium,
# redis-server; apt-get, as root or through sudo), starts a throwaway PostgreSQL cluster in a temp folder on a free loopback port,
# runs every test project of Cinegraph.sln against it (CINEGRAPH_TEST_POSTGRES), stops the cluster and removes the
# folder, and prints "N passed, N failed, N skipped" as its very last line. The Redis tests start their own
# redis-server on a free loopback port (CINEGRAPH_REDIS_SERVER names the program). Exits non-zero when the build or any
# test failed. TRX results are left in TestResults/test.sh/run-<pid>/.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "test.sh: $*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------------------------------------------
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo > /dev/null 2>&1; then
        sudo -n "$@"
    else
        log "need root (or sudo) to run: $*"
        return 1
    fi
}

postgres_bin() {
    # The newest installed server version; Debian keeps the binaries out of PATH.
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
        echo "$dir"
    fi
}

redis_path() {
    command -v redis-server 2> /dev/null || { [[ -x /usr/bin/redis-server ]] && echo /usr/bin/redis-server; } || true
}

chromium_path() {
    command -v chromium 2> /dev/null || command -v chromium-browser 2> /dev/null || true
}

missing=()
[[ -n "$(postgres_bin)" ]] || missing+=(postgresql)
[[ -n "$(chromium_path)" ]] || missing+=(chromium)
[[ -n "$(redis_path)" ]] || missing+=(redis-server)
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -q < /dev/null
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" < /dev/null
fi

pg_bin="$(postgres_bin)"
if [[ -z "$pg_bin" ]]; then
    log "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin after installing"
    exit 1
fi

if [[ -z "${CINEGRAPH_REDIS_SERVER:-}" ]]; then
    CINEGRAPH_REDIS_SERVER="$(redis_path)"
    export CINEGRAPH_REDIS_SERVER
fi

if [[ -z "${CINEGRAPH_CHROMIUM:-}" ]]; then
    CINEGRAPH_CHROMIUM="$(chromium_path)"
    export CINEGRAPH_CHROMIUM
fi

# initdb refuses to run as root: as root, the cluster belongs to the postgres OS user the package created.
if [[ $EUID -eq 0 ]]; then
    if ! id postgres > /dev/null 2>&1; then
        log "running as root but there is no 'postgres' OS user to own the test cluster"
        exit 1
    fi
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

# ---------------------------------------------------------------------------------------------------------------
# Throwaway PostgreSQL cluster
# ---------------------------------------------------------------------------------------------------------------
pg_dir=""
pg_started=0

cleanup() {
    if [[ $pg_started -eq 1 ]]; then
        as_pg "$pg_bin/pg_ctl" stop -D "$pg_dir/data" -m immediate -s > /dev/null 2>&1 || true
        pg_started=0
    fi
    if [[ -n "$pg_dir" && -d "$pg_dir" ]]; then
        rm -rf "$pg_dir"
        pg_dir=""
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/cinegraph-pg.XXXXXX")"
chmod 700 "$pg_dir"
if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$pg_dir"
fi

as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync > "$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; log "initdb failed"; exit 1; }

port_in_use() {
    # A successful connect means something listens there.
    (exec 3<> "/dev/tcp/127.0.0.1/$1") > /dev/null 2>&1
}

port=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    candidate=$((20000 + RANDOM % 20000))
    port_in_use "$candidate" && continue
    if as_pg "$pg_bin/pg_ctl" start -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -s \
        -o "-p $candidate -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        > /dev/null 2>&1; then
        port="$candidate"
        pg_started=1
        break
    fi
    log "PostgreSQL did not start on port $candidate (attempt $attempt); trying another"
done
if [[ -z "$port" ]]; then
    cat "$pg_dir/server.log" >&2 || true
    log "could not start PostgreSQL"
    exit 1
fi
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $pg_dir)"

export CINEGRAPH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

# ---------------------------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------------------------
# One folder per run, so two runs at once (two developers' shells) never read each other's results.
results="$repo_root/TestResults/test.sh/run-$$"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test Cinegraph.sln --configuration Release --results-directory "$results" --logger trx "$@" < /dev/null || status=$?

cleanup

# Sum the counters of every TRX file (one per test project).
passed=0
failed=0
skipped=0
trx_count=0
shopt -s nullglob
for trx in "$results"/*.trx "$results"/*/*.trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
    [[ -n "$counters" ]] || continue
    trx_count=$((trx_count + 1))
    attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<< "$counters"; }
    p="$(attr passed)"; f="$(attr failed)"; e="$(attr error)"; t="$(attr timeout)"; a="$(attr aborted)"; n="$(attr notExecuted)"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
    skipped=$((skipped + ${n:-0}))
done

if [[ $status -ne 0 && $trx_count -eq 0 ]]; then
    log "dotnet test failed before running tests (build error?)"
fi
if [[ $status -eq 0 && $failed -gt 0 ]]; then
    status=1
fi
if [[ $status -eq 0 && $passed -eq 0 ]]; then
    log "no test ran"
    status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
