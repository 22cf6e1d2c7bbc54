#!/usr/bin/env bash
# Sync lag at a steady rate over two hops: customers imported at a local network at RATE
# changes per second (one CSV import every CHUNK_MS, default 200 ms), timed until the group's database holds them
# (p50/p90/p99 per chunk). Three mams-node processes on SQLite, CurveZMQ links.
#
#   ./bench/run_sync_lag.sh                    # 5,000 changes/s for 30 s
#   RATE=8000 SECONDS_RUN=60 ./bench/run_sync_lag.sh
#
# Target (issue 5): p99 under 1 s at 5,000 changes/s. Each customer is two changes (its row
# and its history event); the lag of a chunk runs from its import's answer at the local node
# (committed there) to the moment the group holds every customer up to that chunk.
# A benchmark, not a test: nothing here runs in CI.
set -euo pipefail

BENCH_TAG=run_sync_lag
RATE=${RATE:-5000}
SECONDS_RUN=${SECONDS_RUN:-30}
CHUNK_MS=${CHUNK_MS:-200}
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_start sync-lag

CUSTOMERS=$((RATE / 2 * SECONDS_RUN + 1000))

# shellcheck source=bench/sync_cluster.sh
. "$REPO_ROOT/bench/sync_cluster.sh"
sync_generate "$CUSTOMERS" 12 "$WORK/data"
sync_chain_start
token=$(sync_node_token gz bench.admin)
sleep 2  # the links' first (empty) loads

log "importing at $RATE changes/s for $SECONDS_RUN s at the local network"
python3 "$REPO_ROOT/bench/sync_lag.py" --url "http://127.0.0.1:${HTTP[gz]}" --token "$token" \
  --csv "$WORK/data/customers.csv" --group-db "$WORK/group/node.db" --rate "$RATE" \
  --seconds "$SECONDS_RUN" --chunk-ms "$CHUNK_MS" >"$WORK/lag.json" || die "the lag driver failed"
cat "$WORK/lag.json"
machine_info
python3 - "$WORK/lag.json" "$MACHINE; $OS" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  "$(git -C "$REPO_ROOT" rev-parse --short HEAD)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print()
print("----- markdown (for bench/RESULTS.md) -----")
print(f"{sys.argv[2]}; {sys.argv[3]}; commit {sys.argv[4]}.")
print()
print("| offered | achieved | chunks × customers | p50 | p90 | p99 | max | late starts |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {r['offeredChangesPerSecond']:,} changes/s | {r['achievedChangesPerSecond']:,} | "
      f"{r['chunks']} × {r['customersPerChunk']} | {r['p50Ms']} ms | {r['p90Ms']} ms | "
      f"**{r['p99Ms']} ms** | {r['maxMs']} ms | {r['lateStarts']} |")
PY
