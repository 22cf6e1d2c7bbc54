#!/usr/bin/env bash
# Instructions per get by id, under callgrind: mams-node beside the trivial POCO server in the
# same invocation, on a node directory kept by run_customers.sh. A count of user-space
# instructions is the same from run to run on these shared machines, where req/s of the same
# binary moves by a fifth; it shows what a change to our code costs before the wall clock can.
# It does not see the kernel (system calls, the network, scheduling), nearly half of a get;
# the node's background threads (sync, status, checkpoints) add a little to every request.
#
# Usage: bench/run_instructions.sh DIR [NODE_BIN]
#   DIR       a directory kept by run_customers.sh (main/ with node.yaml, bench.db and
#             token.json; ids.txt); the node there must not be running
#   NODE_BIN  default: $BUILD_DIR/node/mams-node
# Knobs: REQUEST_SECONDS (measured load, default 20), TOP (functions listed, default 25),
#   TRIVIAL_HEADER (1, the default: the trivial server gets mams-node's request, Authorization
#   header included; 0: without it, as runs before 2026-12-03 did).
# Two counts per request: all of the process's instructions, and those of the threads that
# serve connections (Poco::Net::TCPServerDispatcher::run), which leaves out the node's
# background threads: their share per get moves with how many gets callgrind lets through.
set -euo pipefail
BENCH_TAG=instructions
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR=${1:?usage: bench/run_instructions.sh DIR [NODE_BIN]}
NODE_BIN=$(realpath "${2:-$BUILD_DIR/node/mams-node}")
TRIVIAL_BIN="$BUILD_DIR/bench/mams_bench_trivial_server"
REQUEST_SECONDS=${REQUEST_SECONDS:-20}
TOP=${TOP:-25}
for file in main/node.yaml main/bench.db main/token.json ids.txt; do
  [[ -f "$DIR/$file" ]] || die "$DIR/$file missing: DIR must be kept by run_customers.sh"
done
command -v valgrind >/dev/null || die "valgrind is required (Debian package valgrind)"
ensure_tools
ensure_built mams_bench_trivial_server="$TRIVIAL_BIN"
[[ -x "$NODE_BIN" ]] || die "no mams-node at $NODE_BIN"

WORK=$(mktemp -d /tmp/mams-bench-instructions.XXXXXX)
bench_trap "callgrind profiles and wrk output"
export IDS_FILE="$DIR/ids.txt"
export PATHS_FILE="$WORK/get.paths"
sed 's|^|/api/v1/customers/|' "$IDS_FILE" >"$PATHS_FILE"
GET_LUA="$REPO_ROOT/bench/paths.lua"
AUTH="Authorization: Bearer $(json_field "$DIR/main/token.json" token)"
NODE_PORT=$(sed -n 's/^http: {.*port: \([0-9]*\)}.*/\1/p' "$DIR/main/node.yaml")
[[ -n "$NODE_PORT" ]] || die "no http port in $DIR/main/node.yaml"
! curl -fsS -o /dev/null "http://127.0.0.1:$NODE_PORT/healthz" 2>/dev/null ||
  die "something answers on port $NODE_PORT already: stop the node of $DIR first"

# measure NAME PID URL [HEADER]: warms up, zeroes the counts, loads REQUEST_SECONDS with wrk
# (4 connections: valgrind runs one thread at a time), dumps; prints "requests instructions".
measure() {
  local name=$1 pid=$2 url=$3 header=${4:-}
  WRK_THREADS=1 WRK_CONNECTIONS=4 WRK_TIMEOUT=10s wrk_run "$WORK/warmup-$name.txt" 5s "$url" "$header" "$GET_LUA"
  callgrind_control -z "$pid" >"$WORK/$name.control" 2>&1 || die "callgrind_control -z $pid failed: $(cat "$WORK/$name.control")"
  WRK_THREADS=1 WRK_CONNECTIONS=4 WRK_TIMEOUT=10s wrk_run "$WORK/wrk-$name.txt" "${REQUEST_SECONDS}s" "$url" "$header" "$GET_LUA"
  ! grep -q -e 'Non-2xx' -e 'Socket errors' "$WORK/wrk-$name.txt" || die "$name answered with errors; see $WORK/wrk-$name.txt"
  callgrind_control -d "$pid" >>"$WORK/$name.control" 2>&1 || die "callgrind_control -d $pid failed: $(cat "$WORK/$name.control")"
  MEASURED_REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/wrk-$name.txt")
  callgrind_annotate --inclusive=yes "$WORK/$name.out.1" >"$WORK/$name.inclusive.txt" 2>/dev/null
  MEASURED_INSTRUCTIONS=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' "$WORK/$name.inclusive.txt")
  MEASURED_SERVING=$(awk '/Poco::Net::TCPServerDispatcher::run\(\)/ { gsub(",", "", $1); print $1; exit }' \
                     "$WORK/$name.inclusive.txt")
  [[ "${MEASURED_REQUESTS:-0}" -gt 0 && -n "$MEASURED_INSTRUCTIONS" && -n "$MEASURED_SERVING" ]] ||
    die "no counts for $name; see $WORK"
}

# start_under_callgrind NAME COMMAND...: starts COMMAND under callgrind in the background of
# this shell (so the exit trap can wait for it) with its output in $WORK/NAME/; sets STARTED_PID.
start_under_callgrind() {
  local name=$1
  shift
  mkdir -p "$WORK/$name"
  valgrind --tool=callgrind --callgrind-out-file="$WORK/$name.out" "$@" \
    >"$WORK/$name/stdout.txt" 2>"$WORK/$name/stderr.txt" &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

log "trivial server under callgrind"
trivial_port=$(free_port)
start_under_callgrind trivial "$TRIVIAL_BIN" "$trivial_port"
trivial_pid=$STARTED_PID
wait_healthz "http://127.0.0.1:$trivial_port" "$trivial_pid" "trivial server" "$WORK/trivial" 60
trivial_header=$AUTH
[[ "${TRIVIAL_HEADER:-1}" != 0 ]] || trivial_header=""
measure trivial "$trivial_pid" "http://127.0.0.1:$trivial_port/" "$trivial_header"
trivial_requests=$MEASURED_REQUESTS
trivial_instructions=$MEASURED_INSTRUCTIONS
trivial_serving=$MEASURED_SERVING
kill -TERM "$trivial_pid"

log "mams-node under callgrind on $DIR/main"
cd "$DIR/main"
start_under_callgrind node "$NODE_BIN" --config node.yaml
node_pid=$STARTED_PID
cd - >/dev/null
wait_healthz "http://127.0.0.1:$NODE_PORT" "$node_pid" "mams-node" "$WORK/node" 120
measure node "$node_pid" "http://127.0.0.1:$NODE_PORT/" "$AUTH"
node_requests=$MEASURED_REQUESTS
node_instructions=$MEASURED_INSTRUCTIONS
node_serving=$MEASURED_SERVING
kill -TERM "$node_pid"
wait "$node_pid" 2>/dev/null || true  # the node closes its database before the script ends

trivial_per=$((trivial_instructions / trivial_requests))
node_per=$((node_instructions / node_requests))
trivial_serving_per=$((trivial_serving / trivial_requests))
node_serving_per=$((node_serving / node_requests))
ratio() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.2f", n / t }'; }
log "trivial: $trivial_requests requests, $trivial_per instructions each ($trivial_serving_per serving)"
log "mams-node: $node_requests gets by id, $node_per instructions each ($node_serving_per serving)"
echo
echo "| get by id | requests counted | instructions per request | ÷ trivial | in the serving threads | ÷ trivial |"
echo "|---|---|---|---|---|---|"
echo "| trivial POCO handler | $trivial_requests | $trivial_per | 1 | $trivial_serving_per | 1 |"
echo "| mams-node | $node_requests | $node_per | $(ratio "$node_per" "$trivial_per") | $node_serving_per | $(ratio "$node_serving_per" "$trivial_serving_per") |"
echo
echo "Largest inclusive costs in mams-node (our code, SQLite's step, POCO's request and"
echo "response), instructions per get:"
awk -v n="$node_requests" -v top="$TOP" '
    /^ *[0-9,]+ +\(/ && /mams::|sqlite3_step|HTTPServerRequestImpl::HTTPServerRequestImpl|sendBuffer/ {
      count = $1; gsub(",", "", count)
      name = $0
      gsub(/\(anonymous namespace\)/, "{anon}", name)
      sub(/^[^:]*:/, "", name)  # the file
      sub(/\(.*/, "", name)     # the arguments
      sub(/ \[.*/, "", name)
      if (name in seen || shown >= top) next
      seen[name] = 1; ++shown
      printf "%9d  %s\n", count / n, name
    }' "$WORK/node.inclusive.txt"
