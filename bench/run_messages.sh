#!/usr/bin/env bash
# Messages (站内信): sending, the header bell's unread count and the inbox's first page on one
# node, each beside the trivial POCO server answering the same request in the same round.
#
#   ./bench/run_messages.sh                 # about 2 minutes
#
# Environment: BUILD_DIR, DURATION (10s), ROUNDS (3), THREADS (2), SEND_CONNECTIONS (4),
# READ_CONNECTIONS (8), REBUILD, BENCH_PASSWORD, as in run_http.sh.
#
# In each round: the trivial server, then the node, sending messages (POST /api/v1/messages,
# each a transaction with its audit entry and its sync outbox entry) to the benchmark's own
# user, so that its inbox grows round after round (thousands of messages); then the unread
# count (GET /api/v1/messages/unread-count, what every open console asks once a minute) and
# the inbox's first page (GET /api/v1/messages?limit=20) against that inbox. Ratio = node
# req/s ÷ trivial req/s of the run just before it; medians of the rounds.
#
# A benchmark, not a test: nothing here runs in CI. See bench/README.md and bench/RESULTS.md.
set -euo pipefail

BENCH_TAG=run_messages
CUSTOMERS=0
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
SEND_CONNECTIONS=${SEND_CONNECTIONS:-4}
READ_CONNECTIONS=${READ_CONNECTIONS:-8}
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ADMIN_USER=bench.admin
SYSADMIN_USER=bench.sysadmin
# shellcheck source=bench/customers_lib.sh
. "$REPO_ROOT/bench/customers_lib.sh"

TRIVIAL_BIN="$BUILD_DIR/bench/mams_bench_trivial_server"
ensure_built "mams-node=$NODE_BIN" "mams_bench_trivial_server=$TRIVIAL_BIN"
ensure_tools
WORK=$(mktemp -d /tmp/mams-bench-messages.XXXXXX)
bench_trap
start_trivial_server "$TRIVIAL_BIN"
start_node messages
curl -fsS -H "$AUTH" "$NODE_URL/api/v1/auth/me" >"$WORK/me.json" || die "GET /api/v1/auth/me failed"
MESSAGE_TO=$(json_field "$WORK/me.json" id)
export MESSAGE_TO

# run LABEL ROUND CONNECTIONS PATH LUA: trivial then node; appends "label round base node p99 p95".
run() {
  local base="$WORK/$1-r$2-trivial.txt" out="$WORK/$1-r$2-node.txt"
  WRK_CONNECTIONS=$3 wrk_run "$base" "$DURATION" "$TRIVIAL_URL$4" "$AUTH" "$5"
  WRK_CONNECTIONS=$3 wrk_run "$out" "$DURATION" "$NODE_URL$4" "$AUTH" "$5"
  local base_reqs node_reqs p50 p99
  read -r base_reqs _ _ < <(wrk_parse "$base")
  read -r node_reqs p50 p99 < <(wrk_parse "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$base_reqs" "$node_reqs" "$p50" "$p99" \
    "$(wrk_p95 "$out")" >>"$WORK/runs.txt"
  log "  $1: trivial $base_reqs req/s, node $node_reqs req/s (p50 $p50 ms, p99 $p99 ms)"
}

THREADS=${THREADS:-2}
for round in $(seq "$ROUNDS"); do
  log "round $round/$ROUNDS"
  run send "$round" "$SEND_CONNECTIONS" /api/v1/messages "$REPO_ROOT/bench/messages_send.lua"
  run unread "$round" "$READ_CONNECTIONS" /api/v1/messages/unread-count "$REPO_ROOT/bench/messages_read.lua"
  run inbox "$round" "$READ_CONNECTIONS" "/api/v1/messages?limit=20" "$REPO_ROOT/bench/messages_read.lua"
done
INBOX=$(curl -fsS -H "$AUTH" "$NODE_URL/api/v1/messages?limit=1" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(("" if d["totalExact"] else "at least ") + str(d["total"]))')

# median of column $2 (1-based) of the rows of label $1, or of ratio node/base when $2 = ratio
stat() {
  awk -F'\t' -v l="$1" -v c="$2" '$1 == l { if (c == "ratio") print $4 / $3; else print $c }' \
    "$WORK/runs.txt" | median
}
machine_info
cat <<EOF2

----- markdown (for bench/RESULTS.md) -----
Messages on one node (SQLite); $MACHINE; $OS; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$REPO_ROOT" rev-parse --short HEAD); medians of $ROUNDS rounds of $DURATION; the inbox held $INBOX messages at the end (unread counts stop at 1,000, lists count up to http.list_count_bound).

| request | connections | node req/s | p50 ms | p95 ms | p99 ms | trivial server req/s | node ÷ trivial |
|---|---:|---:|---:|---:|---:|---:|---:|
| send \`POST /api/v1/messages\` | $SEND_CONNECTIONS | $(stat send 4) | $(stat send 5) | $(stat send 7) | $(stat send 6) | $(stat send 3) | **$(printf '%.2f' "$(stat send ratio)")** |
| unread count \`GET /api/v1/messages/unread-count\` | $READ_CONNECTIONS | $(stat unread 4) | $(stat unread 5) | $(stat unread 7) | $(stat unread 6) | $(stat unread 3) | **$(printf '%.2f' "$(stat unread ratio)")** |
| inbox \`GET /api/v1/messages?limit=20\` | $READ_CONNECTIONS | $(stat inbox 4) | $(stat inbox 5) | $(stat inbox 7) | $(stat inbox 6) | $(stat inbox 3) | **$(printf '%.2f' "$(stat inbox ratio)")** |
EOF2
