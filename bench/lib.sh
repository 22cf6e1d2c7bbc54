# Shared by bench/run_*.sh: settings, build, servers, log-in, wrk runs and their parsing.
# Source it after setting BENCH_TAG (the prefix of log lines); do not run it.
# shellcheck shell=bash
#
# Reads (all optional): BUILD_DIR, DURATION, ROUNDS, THREADS, CONNECTIONS, WARMUP, REBUILD,
# BENCH_PASSWORD, NODE_BIN. Sets REPO_ROOT, BUILD_DIR (absolute) and the defaults below. A script
# then calls bench_start (or sets WORK with mktemp -d and calls bench_trap); processes it starts
# go into PIDS and are terminated on exit.

BENCH_TAG=${BENCH_TAG:-bench}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
[[ "$BUILD_DIR" == /* ]] || BUILD_DIR="$REPO_ROOT/$BUILD_DIR"
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-2s}
REBUILD=${REBUILD:-0}
BENCH_PASSWORD=${BENCH_PASSWORD:-Bench-Lantern-Orchid-42}
PIDS=()
WORK=${WORK:-}
NODE_BIN=${NODE_BIN:-"$BUILD_DIR/node/mams-node"}

log() { printf '[%s] %s\n' "$BENCH_TAG" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"

# ensure_built TARGET=PATH ...: builds the targets (configuring BUILD_DIR first if needed)
# when REBUILD=1 or any PATH is missing; warns about a build type that is not optimised.
ensure_built() {
  local pair need=$REBUILD targets=()
  for pair in "$@"; do
    targets+=("${pair%%=*}")
    [[ -x "${pair#*=}" ]] || need=1
  done
  if [[ "$need" == 1 ]]; then
    if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
      log "configuring $BUILD_DIR"
      cmake -S "$REPO_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    log "building ${targets[*]} in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target "${targets[@]}"
  fi
  for pair in "$@"; do
    [[ -x "${pair#*=}" ]] || die "missing ${pair#*=} after the build"
  done
  if ! grep -qs '^CMAKE_BUILD_TYPE:[A-Z]*=\(Release\|RelWithDebInfo\)$' "$BUILD_DIR/CMakeCache.txt"; then
    log "warning: $BUILD_DIR is not a Release/RelWithDebInfo build; figures will be meaningless"
  fi
}

# ensure_tools: wrk (installed from Debian if missing), curl and python3.
ensure_tools() {
  if ! command -v wrk >/dev/null; then
    log "wrk not found; installing the Debian package"
    if [[ $(id -u) == 0 ]]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
  fi
  command -v curl >/dev/null || die "curl is required"
  command -v python3 >/dev/null || die "python3 is required"
}

# start_trivial_server BIN: starts the trivial POCO server (the baseline of every HTTP ratio) on
# a free port; sets TRIVIAL_PID, TRIVIAL_PORT and TRIVIAL_URL.
start_trivial_server() {
  "$1" 0 >"$WORK/trivial.stdout" 2>"$WORK/trivial.stderr" &
  TRIVIAL_PID=$!
  PIDS+=("$TRIVIAL_PID")
  TRIVIAL_PORT=""
  for _ in $(seq 100); do
    TRIVIAL_PORT=$(sed -n 's/^PORT=//p' "$WORK/trivial.stdout")
    [[ -n "$TRIVIAL_PORT" ]] && break
    sleep 0.1
  done
  [[ -n "$TRIVIAL_PORT" ]] || die "trivial server did not print PORT=; see $WORK/trivial.stderr"
  TRIVIAL_URL="http://127.0.0.1:$TRIVIAL_PORT"
}

# bench_trap [WHAT]: on exit, terminate every pid in PIDS and say where WORK is.
bench_trap() {
  BENCH_KEPT=${1:-"logs, configs and raw wrk output"}
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}
# shellcheck disable=SC2317  # invoked by the EXIT trap
bench_cleanup() {
  local status=$? pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  [[ -z "$WORK" ]] || log "$BENCH_KEPT are in $WORK"
  exit "$status"
}

# bench_start NAME [KEPT]: the opening of a script that runs mams-node: builds NODE_BIN when
# needed, checks the tools, makes WORK (/tmp/mams-bench-NAME.XXXXXX) and arms bench_trap.
bench_start() {
  ensure_built "mams-node=$NODE_BIN"
  ensure_tools
  WORK=$(mktemp -d "/tmp/mams-bench-$1.XXXXXX")
  bench_trap "${2:-}"
}

now() { date +%s.%N; }

# elapsed START END [DECIMALS]: seconds from START to END (both from now), 3 decimals unless told.
elapsed() { awk -v a="$1" -v b="$2" -v d="${3:-3}" 'BEGIN { printf "%.*f", d, b - a }'; }

# json_field FILE KEY: prints the top-level KEY of the JSON object in FILE.
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_healthz URL PID NAME DIR [SECONDS]: until URL/healthz answers 200; dies when PID exits.
wait_healthz() {
  local url=$1 pid=$2 name=$3 dir=$4 limit=${5:-20}
  local deadline=$((SECONDS + limit))
  until curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$dir/stderr.txt" >&2 || true
      die "$name exited during start; see $dir"
    fi
    ((SECONDS < deadline)) || die "$name did not answer /healthz within $limit s; see $dir"
    sleep 0.2
  done
}

# login URL USER [PASSWORD] -> prints the mams_session cookie value from the Set-Cookie header
# and, when LOGIN_BODY is set to a file name, keeps the response body (with csrfToken) there.
login() {
  local body
  body=$(printf '{"username":"%s","password":"%s"}' "$2" "${3:-$BENCH_PASSWORD}")
  curl -fsS -o "${LOGIN_BODY:-/dev/null}" -D - -X POST -H 'Content-Type: application/json' \
       --data "$body" "$1/api/v1/auth/login" |
    tr -d '\r' | sed -n 's/^[Ss][Ee][Tt]-[Cc][Oo][Oo][Kk][Ii][Ee]: *mams_session=\([^;]*\).*/\1/p' | head -n 1
}

# wrk_run OUTFILE DURATION URL [HEADER] [LUA_SCRIPT]
# Threads and connections: WRK_THREADS / WRK_CONNECTIONS when set, else THREADS / CONNECTIONS;
# WRK_TIMEOUT (e.g. 60s) replaces wrk's 2 s request timeout.
wrk_run() {
  wrk -t"${WRK_THREADS:-$THREADS}" -c"${WRK_CONNECTIONS:-$CONNECTIONS}" -d"$2" --latency \
      ${WRK_TIMEOUT:+--timeout "$WRK_TIMEOUT"} ${4:+-H "$4"} ${5:+-s "$5"} "$3" >"$1" 2>&1 ||
    die "wrk failed against $3: $(cat "$1")"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$1"; then
    log "warning: errors in $1: $(grep -e 'Non-2xx' -e 'Socket errors' "$1" | tr -s ' ')"
  fi
}

# wrk_pair ROUND BASE_LABEL BASE_URL LABEL URL [HEADER]: one round of a comparison with a
# baseline: wrk on BASE_URL, then on URL, DURATION each and back to back so that both meet the
# same machine state. Sets BASE_REQS BASE_P50 BASE_P99, REQS P50 P99 and RATIO (reqs / base).
# shellcheck disable=SC2034  # read by the scripts that source this file
wrk_pair() {
  local base_out out
  base_out="$WORK/wrk-r$1-$(slug "$2")-before-$(slug "$4").txt"
  out="$WORK/wrk-r$1-$(slug "$4").txt"
  log "round $1/$ROUNDS: $2, then $4 ($DURATION each)"
  wrk_run "$base_out" "$DURATION" "$3"
  wrk_run "$out" "$DURATION" "$5" "${6:-}"
  read -r BASE_REQS BASE_P50 BASE_P99 < <(wrk_parse "$base_out") || die "cannot parse $base_out"
  read -r REQS P50 P99 < <(wrk_parse "$out") || die "cannot parse $out"
  RATIO=$(awk -v n="$REQS" -v b="$BASE_REQS" 'BEGIN { printf "%.3f", n / b }')
}

# Prints "reqs p50_ms p99_ms" from a wrk --latency output file.
wrk_parse() {
  awk '
    function ms(v,   n) {
      n = v + 0
      if (v ~ /us$/) return n / 1000
      if (v ~ /ms$/) return n
      if (v ~ /m$/)  return n * 60000
      if (v ~ /s$/)  return n * 1000
      return n
    }
    /^Requests\/sec:/ { reqs = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    END {
      if (reqs == "" || p50 == "" || p99 == "") exit 1
      printf "%s %.3f %.3f\n", reqs, p50, p99
    }' "$1"
}

# The 95th percentile in ms of a wrk run whose script requires percentiles.lua ("" without).
wrk_p95() { sed -n 's/^P95_MS=//p' "$1" | tail -n 1; }

# Non-2xx responses in a wrk output file (0 when none).
wrk_non2xx() {
  awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

slug() { tr -c 'A-Za-z0-9\n' '_' <<<"$1"; }

# column_median RUNS_FILE VALUE_INDEX LABEL -> median of that tab-separated column over the
# label's rows (column 1 is the label); empty cells are skipped.
column_median() {
  awk -F'\t' -v l="$3" -v c="$2" '$1 == l && $c != "" { print $c }' "$1" | median
}

# wrk_medians RUNS_FILE LABEL -> "reqs p50 p99", the label's medians over the rounds of a
# runs file written by the wrk_pair callers (columns 3 to 5).
wrk_medians() {
  echo "$(column_median "$1" 3 "$2") $(column_median "$1" 4 "$2") $(column_median "$1" 5 "$2")"
}

# MACHINE and OS, for the table footers.
# shellcheck disable=SC2034  # read by the scripts that source this file
machine_info() {
  MACHINE="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
  # shellcheck disable=SC1091
  OS=$(. /etc/os-release && echo "$PRETTY_NAME")
}
