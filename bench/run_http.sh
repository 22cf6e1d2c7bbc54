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
#   SLOW_COUNT   slow clients (unfinished request heads) held by the slow test (default: 2000,
#                more than the trivial server's 1024 threads)
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

BENCH_TAG=run_http
IDLE_COUNT=${IDLE_COUNT:-1000}
SLOW_COUNT=${SLOW_COUNT:-2000}
BENCH_USER=bench.analyst
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRIVIAL_BIN="$BUILD_DIR/bench/mams_bench_trivial_server"
IDLE_BIN="$BUILD_DIR/bench/mams_bench_idle_connections"

# --- 1. binaries -----------------------------------------------------------------------------
ensure_built "mams-node=$NODE_BIN" "mams_bench_trivial_server=$TRIVIAL_BIN" \
             "mams_bench_idle_connections=$IDLE_BIN"
ensure_tools

# --- 2. servers ------------------------------------------------------------------------------
WORK=$(mktemp -d -t mams-bench-http.XXXXXX)
bench_trap "logs, configs and raw wrk output"

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
  wait_healthz "http://127.0.0.1:$NODE_PORT" "$pid" "mams-node ($name)" "$dir"
  log "mams-node ($name, log level $level) on port $NODE_PORT, pid $pid"
}

start_node node warning with-user
NODE_URL="http://127.0.0.1:$NODE_PORT"
SESSION=$(login "$NODE_URL" "$BENCH_USER") || die "log-in as $BENCH_USER failed"
[[ -n "$SESSION" ]] || die "log-in as $BENCH_USER set no mams_session cookie"
AUTH_HEADER="Cookie: mams_session=$SESSION"
log "logged in as $BENCH_USER; the orgs targets send the session cookie"
start_node node-info information
NODE_INFO_URL="http://127.0.0.1:$NODE_PORT"

start_trivial_server "$TRIVIAL_BIN"
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
    wrk_pair "$round" "$TRIVIAL_LABEL" "$TRIVIAL_URL/" "$label" "$url" "$header"
    printf '%s\t%s\t%s\t%s\t%s\t\n' "$TRIVIAL_LABEL" "$round" "$BASE_REQS" "$BASE_P50" "$BASE_P99" >>"$WORK/runs.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$REQS" "$P50" "$P99" "$RATIO" >>"$WORK/runs.txt"
    log "  trivial $BASE_REQS req/s, $label $REQS req/s, ratio $RATIO"
  done
done

# --- 4. table --------------------------------------------------------------------------------
ROWS=()
for label in "$TRIVIAL_LABEL" "${TARGETS[@]%%|*}"; do
  read -r reqs p50 p99 < <(wrk_medians "$WORK/runs.txt" "$label")
  if [[ "$label" == "$TRIVIAL_LABEL" ]]; then
    ratio="1.00"
  else
    ratio=$(column_median "$WORK/runs.txt" 6 "$label")
    ratio=$(awk -v r="$ratio" 'BEGIN { printf "%.2f", r }')
  fi
  ROWS+=("$(printf '%s\t%.0f\t%.2f\t%.2f\t%s' "$label" "$reqs" "$p50" "$p99" "$ratio")")
done

machine_info
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

# connection_probe KIND LABEL ARGS...: runs the idle-connection probe with ARGS, prints its
# line with PASS or FAIL (its stderr goes to $WORK/KIND-LABEL.stderr); fails when it fails.
connection_probe() {
  local kind=$1 label=$2 result status=0 verdict=PASS
  shift 2
  result=$("$IDLE_BIN" "$@" 2>"$WORK/$kind-$(slug "$label").stderr") || status=$?
  ((status == 0)) || verdict=FAIL
  printf '%-20s %s  [%s]\n' "$label" "$result" "$verdict"
  return "$status"
}

# --- 5. idle keep-alive connections ----------------------------------------------------------
echo
echo "== Idle keep-alive: $IDLE_COUNT idle connections held, then 20 new connections timed"
idle_status=0
for pair in "mams-node /healthz|127.0.0.1 ${NODE_URL##*:} $IDLE_COUNT /healthz" \
            "trivial /|127.0.0.1 $TRIVIAL_PORT $IDLE_COUNT /"; do
  label=${pair%%|*}
  # shellcheck disable=SC2086  # the argument list is split on purpose
  if ! connection_probe idle "$label" ${pair#*|}; then
    idle_status=1
    sed 's/^/    /' "$WORK/idle-$(slug "$label").stderr" >&2
  fi
  sleep 2  # let the server close the previous test's connections and threads
done

# --- 6. slow clients -------------------------------------------------------------------------
# The node must keep answering; the trivial POCO server is the baseline of a thread per
# connection (its probes are expected to wait or fail once its 1024 threads are taken).
echo
echo "== Slow clients: $SLOW_COUNT unfinished request heads held, then 20 new connections timed"
for pair in "mams-node /healthz|127.0.0.1 ${NODE_URL##*:} $SLOW_COUNT /healthz slow" \
            "trivial /|127.0.0.1 $TRIVIAL_PORT $SLOW_COUNT / slow"; do
  label=${pair%%|*}
  # shellcheck disable=SC2086  # the argument list is split on purpose
  if ! connection_probe slow "$label" ${pair#*|} && [[ "$label" == mams-node* ]]; then
    idle_status=1
  fi
  sleep 2
done

exit "$idle_status"
