#!/usr/bin/env bash
# HTTP benchmark of mams-node against a trivial POCO server with the same tuning.
#
#   ./bench/run_http.sh
#
# Environment:
#   BUILD_DIR    build directory, relative to the repo root or absolute (default: build)
#   DURATION     wrk duration of each measured run (default: 10s)
#   ROUNDS       interleaved rounds; the median of them is reported (default: 3)
#   THREADS      wrk threads (default: 2)
#   CONNECTIONS  wrk connections (default: 32)
#   WARMUP       wrk duration of the unrecorded warm-up run per target (default: 2s; 0 = none)
#   IDLE_COUNT   idle keep-alive connections held by the idle test (default: 1000)
#   REBUILD      1 = run the build even when the binaries exist (default: 0)
#   BENCH_PASSWORD  password of the bench user created on the node (default: Bench-Lantern-Orchid-42)
#
# Compares, with identical wrk settings and servers tuned alike: the trivial server's "/",
# mams-node's /healthz, /api/v1/orgs and /api/v1/orgs/440100, and /healthz with the per-request
# access log on. The orgs routes need a log-in: before the node starts, the script creates user
# bench.analyst (group_analyst at CN) with `mams-node --create-user`, logs in with curl and sends
# the session cookie on the orgs runs (a GET needs no CSRF token). Runs are interleaved
# (trivial, node, trivial, node, ...) because wrk and the server share the same few cores; each
# node run is divided by the trivial run just before it.
# Then holds IDLE_COUNT idle keep-alive connections and times new requests.
#
# A benchmark, not a test: nothing here runs in CI. See bench/README.md and bench/RESULTS.md.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
[[ "$BUILD_DIR" == /* ]] || BUILD_DIR="$REPO_ROOT/$BUILD_DIR"
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-2s}
IDLE_COUNT=${IDLE_COUNT:-1000}
REBUILD=${REBUILD:-0}
BENCH_USER=bench.analyst
BENCH_PASSWORD=${BENCH_PASSWORD:-Bench-Lantern-Orchid-42}

NODE_BIN="$BUILD_DIR/node/mams-node"
TRIVIAL_BIN="$BUILD_DIR/bench/mams_bench_trivial_server"
IDLE_BIN="$BUILD_DIR/bench/mams_bench_idle_connections"

log() { printf '[run_http] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"

# --- 1. binaries -----------------------------------------------------------------------------
if [[ "$REBUILD" == 1 || ! -x "$NODE_BIN" || ! -x "$TRIVIAL_BIN" || ! -x "$IDLE_BIN" ]]; then
  if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    log "configuring $BUILD_DIR"
    cmake -S "$REPO_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  log "building mams-node and the bench helpers in $BUILD_DIR"
  cmake --build "$BUILD_DIR" --target mams-node mams_bench_trivial_server mams_bench_idle_connections
fi
for bin in "$NODE_BIN" "$TRIVIAL_BIN" "$IDLE_BIN"; do
  [[ -x "$bin" ]] || die "missing $bin after the build"
done
if ! grep -qs '^CMAKE_BUILD_TYPE:[A-Z]*=\(Release\|RelWithDebInfo\)$' "$BUILD_DIR/CMakeCache.txt"; then
  log "warning: $BUILD_DIR is not a Release/RelWithDebInfo build; figures will be meaningless"
fi

if ! command -v wrk >/dev/null; then
  log "wrk not found; installing the Debian package"
  if [[ $(id -u) == 0 ]]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
fi
command -v curl >/dev/null || die "curl is required"

# --- 2. servers ------------------------------------------------------------------------------
WORK=$(mktemp -d -t mams-bench-http.XXXXXX)
PIDS=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  log "logs, configs and raw wrk output are in $WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_node NAME LOG_LEVEL [with-user] -> sets NODE_PORT
# With "with-user", creates $BENCH_USER (group_analyst at CN) in the node's database first.
start_node() {
  local name=$1 level=$2 with_user=${3:-} dir="$WORK/$1"
  mkdir -p "$dir"
  NODE_PORT=$(free_port)
  cat >"$dir/node.yaml" <<EOF
node: {id: bench-group, level: group, org: CN}
http: {bind: 127.0.0.1, port: $NODE_PORT}
storage: {sqlite: {path: bench.db}}
log: {level: $level, console: false, file: node.log}
EOF
  if [[ "$with_user" == with-user ]]; then
    MAMS_NEW_USER_PASSWORD="$BENCH_PASSWORD" "$NODE_BIN" --config "$dir/node.yaml" \
      --create-user "$BENCH_USER" --role group_analyst --org CN >"$dir/create-user.txt" 2>&1 ||
      die "mams-node --create-user $BENCH_USER failed: $(cat "$dir/create-user.txt")"
  fi
  "$NODE_BIN" --config "$dir/node.yaml" >"$dir/stdout.txt" 2>"$dir/stderr.txt" &
  local pid=$!
  PIDS+=("$pid")
  local deadline=$((SECONDS + 20))
  until curl -fsS -o /dev/null "http://127.0.0.1:$NODE_PORT/healthz" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$dir/stderr.txt" >&2 || true
      die "mams-node ($name) exited during start; see $dir"
    fi
    ((SECONDS < deadline)) || die "mams-node ($name) did not answer /healthz within 20 s; see $dir"
    sleep 0.2
  done
  log "mams-node ($name, log level $level) on port $NODE_PORT, pid $pid"
}

# login URL -> prints the mams_session cookie value from the Set-Cookie header
login() {
  local body
  body=$(printf '{"username":"%s","password":"%s"}' "$BENCH_USER" "$BENCH_PASSWORD")
  curl -fsS -o /dev/null -D - -X POST -H 'Content-Type: application/json' --data "$body" \
       "$1/api/v1/auth/login" |
    tr -d '\r' | sed -n 's/^[Ss][Ee][Tt]-[Cc][Oo][Oo][Kk][Ii][Ee]: *mams_session=\([^;]*\).*/\1/p' | head -n 1
}

start_node node warning with-user
NODE_URL="http://127.0.0.1:$NODE_PORT"
SESSION=$(login "$NODE_URL") || die "log-in as $BENCH_USER failed"
[[ -n "$SESSION" ]] || die "log-in as $BENCH_USER set no mams_session cookie"
AUTH_HEADER="Cookie: mams_session=$SESSION"
log "logged in as $BENCH_USER; the orgs targets send the session cookie"
start_node node-info information
NODE_INFO_URL="http://127.0.0.1:$NODE_PORT"

"$TRIVIAL_BIN" 0 >"$WORK/trivial.stdout" 2>"$WORK/trivial.stderr" &
PIDS+=("$!")
TRIVIAL_PORT=""
for _ in $(seq 100); do
  TRIVIAL_PORT=$(sed -n 's/^PORT=//p' "$WORK/trivial.stdout")
  [[ -n "$TRIVIAL_PORT" ]] && break
  sleep 0.1
done
[[ -n "$TRIVIAL_PORT" ]] || die "trivial server did not print PORT=; see $WORK/trivial.stderr"
TRIVIAL_URL="http://127.0.0.1:$TRIVIAL_PORT"
log "trivial server on port $TRIVIAL_PORT"

# --- 3. wrk ----------------------------------------------------------------------------------
# Targets: label|url|header (header optional). Each is measured right after its own trivial
# run, in every round.
TARGETS=(
  "node /healthz|$NODE_URL/healthz"
  "node /api/v1/orgs|$NODE_URL/api/v1/orgs|$AUTH_HEADER"
  "node /api/v1/orgs/440100|$NODE_URL/api/v1/orgs/440100|$AUTH_HEADER"
  "node /healthz (access log on)|$NODE_INFO_URL/healthz"
)
TRIVIAL_LABEL="trivial /"

# Sanity: every target answers 200 before anything is measured.
for target in "trivial /|$TRIVIAL_URL/" "${TARGETS[@]}"; do
  IFS='|' read -r _ url header <<<"$target"
  bytes=$(curl -fsS -o /dev/null -w '%{size_download}' ${header:+-H "$header"} "$url") ||
    die "$url does not answer 200"
  log "GET $url${header:+ (with ${header%%:*})} -> 200, $bytes bytes"
done

# wrk_run OUTFILE DURATION URL [HEADER]
wrk_run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency ${4:+-H "$4"} "$3" >"$1" 2>&1 ||
    die "wrk failed against $3: $(cat "$1")"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$1"; then
    log "warning: errors in $1: $(grep -e 'Non-2xx' -e 'Socket errors' "$1" | tr -s ' ')"
  fi
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

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

slug() { tr -c 'A-Za-z0-9\n' '_' <<<"$1"; }

if [[ "$WARMUP" != 0 ]]; then
  log "warm-up: $WARMUP per target (not recorded)"
  wrk_run "$WORK/warmup-trivial.txt" "$WARMUP" "$TRIVIAL_URL/"
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r label url header <<<"$target"
    wrk_run "$WORK/warmup-$(slug "$label").txt" "$WARMUP" "$url" "$header"
  done
fi

# Per-run results: "label round reqs p50 p99 [ratio]" in $WORK/runs.txt.
: >"$WORK/runs.txt"
for round in $(seq "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r label url header <<<"$target"
    t_out="$WORK/wrk-r$round-trivial-before-$(slug "$label").txt"
    n_out="$WORK/wrk-r$round-$(slug "$label").txt"
    log "round $round/$ROUNDS: $TRIVIAL_LABEL, then $label ($DURATION each)"
    wrk_run "$t_out" "$DURATION" "$TRIVIAL_URL/"
    wrk_run "$n_out" "$DURATION" "$url" "$header"
    read -r t_reqs t_p50 t_p99 < <(wrk_parse "$t_out") || die "cannot parse $t_out"
    read -r n_reqs n_p50 n_p99 < <(wrk_parse "$n_out") || die "cannot parse $n_out"
    ratio=$(awk -v n="$n_reqs" -v t="$t_reqs" 'BEGIN { printf "%.3f", n / t }')
    printf '%s\t%s\t%s\t%s\t%s\t\n' "$TRIVIAL_LABEL" "$round" "$t_reqs" "$t_p50" "$t_p99" >>"$WORK/runs.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$n_reqs" "$n_p50" "$n_p99" "$ratio" >>"$WORK/runs.txt"
    log "  trivial $t_reqs req/s, $label $n_reqs req/s, ratio $ratio"
  done
done

# --- 4. table --------------------------------------------------------------------------------
# column VALUE_INDEX LABEL -> median of that column over the label's runs
column_median() {
  awk -F'\t' -v l="$2" -v c="$1" '$1 == l && $c != "" { print $c }' "$WORK/runs.txt" | median
}

ROWS=()
for label in "$TRIVIAL_LABEL" "${TARGETS[@]%%|*}"; do
  reqs=$(column_median 3 "$label")
  p50=$(column_median 4 "$label")
  p99=$(column_median 5 "$label")
  if [[ "$label" == "$TRIVIAL_LABEL" ]]; then
    ratio="1.00"
  else
    ratio=$(column_median 6 "$label")
    ratio=$(awk -v r="$ratio" 'BEGIN { printf "%.2f", r }')
  fi
  ROWS+=("$(printf '%s\t%.0f\t%.2f\t%.2f\t%s' "$label" "$reqs" "$p50" "$p99" "$ratio")")
done

MACHINE="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
# shellcheck disable=SC1091
OS=$(. /etc/os-release && echo "$PRETTY_NAME")
echo
echo "== HTTP throughput: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, median of $ROUNDS interleaved rounds"
echo "   machine: $MACHINE, $OS, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
printf '%-34s %10s %9s %9s %9s\n' "target" "req/s" "p50 ms" "p99 ms" "ratio"
for row in "${ROWS[@]}"; do
  IFS=$'\t' read -r label reqs p50 p99 ratio <<<"$row"
  printf '%-34s %10s %9s %9s %9s\n' "$label" "$reqs" "$p50" "$p99" "$ratio"
done
echo
echo "ratio = node req/s / trivial req/s of the trivial run just before it (median over rounds)."
echo "The orgs rows are authenticated: session cookie of $BENCH_USER (group_analyst at CN)."
echo "Per-round figures:"
awk -F'\t' '{ printf "  round %s  %-34s %10s req/s  p50 %7s ms  p99 %7s ms  %s\n", $2, $1, $3, $4, $5, ($6 == "" ? "" : "ratio " $6) }' "$WORK/runs.txt"

echo
echo "----- markdown (for bench/RESULTS.md) -----"
echo
echo "| target | req/s (median) | p50 ms | p99 ms | ratio to trivial |"
echo "|---|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
  IFS=$'\t' read -r label reqs p50 p99 ratio <<<"$row"
  echo "| \`$label\` | $reqs | $p50 | $p99 | $ratio |"
done
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; median of $ROUNDS interleaved rounds;" \
     "$MACHINE; $OS; $(date -u '+%Y-%m-%d')."
echo "The orgs rows are authenticated (session cookie of $BENCH_USER, group_analyst at CN)."
echo
echo "-------------------------------------------"

# --- 5. idle keep-alive connections ----------------------------------------------------------
echo
echo "== Idle keep-alive: $IDLE_COUNT idle connections held, then 20 new connections timed"
idle_status=0
for pair in "mams-node /healthz|127.0.0.1 ${NODE_URL##*:} $IDLE_COUNT /healthz" \
            "trivial /|127.0.0.1 $TRIVIAL_PORT $IDLE_COUNT /"; do
  label=${pair%%|*}
  # shellcheck disable=SC2086  # the argument list is split on purpose
  if result=$("$IDLE_BIN" ${pair#*|} 2>"$WORK/idle-$(slug "$label").stderr"); then
    verdict=PASS
  else
    verdict=FAIL
    idle_status=1
  fi
  printf '%-20s %s  [%s]\n' "$label" "$result" "$verdict"
  if [[ "$verdict" == FAIL ]]; then
    sed 's/^/    /' "$WORK/idle-$(slug "$label").stderr" >&2
  fi
  sleep 2  # let the server close the previous test's connections and threads
done

exit "$idle_status"
