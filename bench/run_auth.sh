#!/usr/bin/env bash
# Identity cost: the same tiny handler served public and behind authentication, on one node.
#
#   ./bench/run_auth.sh
#
# Environment:
#   BUILD_DIR       build directory, relative to the repo root or absolute (default: build)
#   DURATION        wrk duration of each measured run (default: 10s)
#   ROUNDS          interleaved rounds; the median of them is reported (default: 3)
#   THREADS         wrk threads (default: 2)
#   CONNECTIONS     wrk connections (default: 32)
#   WARMUP          wrk duration of the unrecorded warm-up run per target (default: 2s; 0 = none)
#   REBUILD         1 = run the build even when the binary exists (default: 0)
#   BENCH_PASSWORD  password of user bench.analyst (default: Bench-Lantern-Orchid-42)
#
# Starts mams_bench_node (a real node with every shipped module plus GET /bench/public, no
# authentication, and GET /bench/private, authenticated + `orgs:read` + data scope, both running
# the same handler), logs in as bench.analyst with curl for a session cookie, and takes the API
# token the node prints. Then, in every round: public, private with the session cookie, public,
# private with the bearer token; each private run is compared with the public run just before it:
#   cost = public req/s / private req/s - 1
# Target (identity issue): an authenticated GET costs less than 10% more than a public one.
#
# A benchmark, not a test: nothing here runs in CI. See bench/README.md and bench/RESULTS.md.
set -euo pipefail

BENCH_TAG=run_auth
BENCH_USER=bench.analyst
TARGET_COST_PCT=10
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_BIN="$BUILD_DIR/bench/mams_bench_node"

# --- 1. binary -------------------------------------------------------------------------------
ensure_built "mams_bench_node=$BENCH_BIN"
ensure_tools

# --- 2. node ---------------------------------------------------------------------------------
WORK=$(mktemp -d -t mams-bench-auth.XXXXXX)
bench_trap "logs, config and raw wrk output"

cat >"$WORK/node.yaml" <<EOF
node: {id: bench-group, level: group, org: CN}
http: {bind: 127.0.0.1, port: 0}
storage: {sqlite: {path: bench.db}}
log: {level: warning, console: false, file: node.log}
EOF
BENCH_PASSWORD="$BENCH_PASSWORD" "$BENCH_BIN" "$WORK/node.yaml" \
  >"$WORK/stdout.txt" 2>"$WORK/stderr.txt" &
NODE_PID=$!
PIDS+=("$NODE_PID")
PORT=""
TOKEN=""
deadline=$((SECONDS + 30))
until [[ -n "$PORT" && -n "$TOKEN" ]]; do
  if ! kill -0 "$NODE_PID" 2>/dev/null; then
    cat "$WORK/stderr.txt" >&2 || true
    die "mams_bench_node exited during start; see $WORK"
  fi
  ((SECONDS < deadline)) || die "mams_bench_node printed no PORT=/TOKEN= within 30 s; see $WORK"
  sleep 0.1
  PORT=$(sed -n 's/^PORT=//p' "$WORK/stdout.txt")
  TOKEN=$(sed -n 's/^TOKEN=//p' "$WORK/stdout.txt")
done
URL="http://127.0.0.1:$PORT"
log "mams_bench_node on port $PORT, pid $NODE_PID"

SESSION=$(login "$URL" "$BENCH_USER") || die "log-in as $BENCH_USER failed"
[[ -n "$SESSION" ]] || die "log-in as $BENCH_USER set no mams_session cookie"
log "logged in as $BENCH_USER"

COOKIE_HEADER="Cookie: mams_session=$SESSION"
BEARER_HEADER="Authorization: Bearer $TOKEN"
PUBLIC_LABEL="public /bench/public"
SESSION_LABEL="private, session cookie"
TOKEN_LABEL="private, bearer token"

# Sanity: the private route refuses an anonymous request, and all three targets answer 200
# with the same body.
status=$(curl -sS -o /dev/null -w '%{http_code}' "$URL/bench/private")
[[ "$status" == 401 ]] || die "GET /bench/private without credentials answered $status, not 401"
log "GET $URL/bench/private (no credentials) -> 401"
for target in "$PUBLIC_LABEL|/bench/public|" "$SESSION_LABEL|/bench/private|$COOKIE_HEADER" \
              "$TOKEN_LABEL|/bench/private|$BEARER_HEADER"; do
  IFS='|' read -r label path header <<<"$target"
  bytes=$(curl -fsS -o /dev/null -w '%{size_download}' ${header:+-H "$header"} "$URL$path") ||
    die "$label ($URL$path) does not answer 200"
  log "GET $URL$path ($label) -> 200, $bytes bytes"
done

# --- 3. wrk ----------------------------------------------------------------------------------
# Private targets: label|header. Each is measured right after its own public run.
PRIVATE=("$SESSION_LABEL|$COOKIE_HEADER" "$TOKEN_LABEL|$BEARER_HEADER")

if [[ "$WARMUP" != 0 ]]; then
  log "warm-up: $WARMUP per target (not recorded)"
  wrk_run "$WORK/warmup-public.txt" "$WARMUP" "$URL/bench/public"
  for target in "${PRIVATE[@]}"; do
    IFS='|' read -r label header <<<"$target"
    wrk_run "$WORK/warmup-$(slug "$label").txt" "$WARMUP" "$URL/bench/private" "$header"
  done
fi

# Per-run results: "label round reqs p50 p99 [ratio cost_pct]" in $WORK/runs.txt.
: >"$WORK/runs.txt"
for round in $(seq "$ROUNDS"); do
  for target in "${PRIVATE[@]}"; do
    IFS='|' read -r label header <<<"$target"
    wrk_pair "$round" "$PUBLIC_LABEL" "$URL/bench/public" "$label" "$URL/bench/private" "$header"
    cost=$(awk -v a="$REQS" -v p="$BASE_REQS" 'BEGIN { printf "%.1f", (p / a - 1) * 100 }')
    printf '%s\t%s\t%s\t%s\t%s\t\t\n' "$PUBLIC_LABEL" "$round" "$BASE_REQS" "$BASE_P50" "$BASE_P99" \
      >>"$WORK/runs.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$REQS" "$P50" "$P99" "$RATIO" "$cost" \
      >>"$WORK/runs.txt"
    log "  public $BASE_REQS req/s, $label $REQS req/s, ratio $RATIO, cost $cost%"
  done
done

# --- 4. table --------------------------------------------------------------------------------
ROWS=()
VERDICT_FAIL=0
for label in "$PUBLIC_LABEL" "${PRIVATE[@]%%|*}"; do
  read -r reqs p50 p99 < <(wrk_medians "$WORK/runs.txt" "$label")
  if [[ "$label" == "$PUBLIC_LABEL" ]]; then
    ratio="1.00"
    cost="—"
  else
    ratio=$(awk -v r="$(column_median "$WORK/runs.txt" 6 "$label")" 'BEGIN { printf "%.2f", r }')
    cost=$(awk -v c="$(column_median "$WORK/runs.txt" 7 "$label")" 'BEGIN { printf "%.1f%%", c }')
    if awk -v c="${cost%\%}" -v t="$TARGET_COST_PCT" 'BEGIN { exit !(c >= t) }'; then
      VERDICT_FAIL=1
    fi
  fi
  ROWS+=("$(printf '%s\t%.0f\t%.2f\t%.2f\t%s\t%s' "$label" "$reqs" "$p50" "$p99" "$ratio" "$cost")")
done

machine_info
echo
echo "== Identity cost: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, median of $ROUNDS interleaved rounds"
echo "   machine: $MACHINE, $OS, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
printf '%-26s %10s %9s %9s %9s %9s\n' "target" "req/s" "p50 ms" "p99 ms" "ratio" "cost"
for row in "${ROWS[@]}"; do
  IFS=$'\t' read -r label reqs p50 p99 ratio cost <<<"$row"
  printf '%-26s %10s %9s %9s %9s %9s\n' "$label" "$reqs" "$p50" "$p99" "$ratio" "$cost"
done
echo
echo "ratio = private req/s / public req/s of the public run just before it; cost = 1/ratio - 1"
echo "(both medians over rounds). Target: cost < $TARGET_COST_PCT%."
if [[ "$VERDICT_FAIL" == 1 ]]; then
  echo "Target NOT met: at least one authenticated variant costs $TARGET_COST_PCT% or more."
else
  echo "Target met: every authenticated variant costs less than $TARGET_COST_PCT%."
fi
echo "Per-round figures:"
awk -F'\t' '{ printf "  round %s  %-26s %10s req/s  p50 %7s ms  p99 %7s ms  %s\n", $2, $1, $3, $4, $5,
              ($6 == "" ? "" : "ratio " $6 "  cost " $7 "%") }' "$WORK/runs.txt"

echo
echo "----- markdown (for bench/RESULTS.md) -----"
echo
echo "| target | req/s (median) | p50 ms | p99 ms | ratio to public | cost |"
echo "|---|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
  IFS=$'\t' read -r label reqs p50 p99 ratio cost <<<"$row"
  echo "| $label | $reqs | $p50 | $p99 | $ratio | $cost |"
done
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; median of $ROUNDS interleaved rounds;" \
     "$MACHINE; $OS; $(date -u '+%Y-%m-%d')."
echo
echo "-------------------------------------------"
