#!/usr/bin/env bash
# Initial load of an empty group node: a local network node holding CUSTOMERS customers (and
# their history events) gets a new, empty group as its parent; the group's new link asks for
# a load and the local node sends its subtree page by page (docs/sync-protocol.md §9). Beside
# it, in the same run, the raw database doing the same work: sqlite3 copying the same rows
# into an empty database with the same schema (INSERT … SELECT, same page cache).
#
#   ./bench/run_sync_load.sh                   # 1,000,000 customers (about 10 minutes)
#   CUSTOMERS=100000 ./bench/run_sync_load.sh
#   SYNC_BATCH=N SYNC_WINDOW=N                 # rows a page and pages in flight
#   PERF=1                                     # perf record both nodes during the load
#   PERF_CALL_GRAPH=dwarf                      # perf's --call-graph (default fp; dwarf unwinds
#                                              # through libsqlite3 and libc too)
#
# Target (issue 5): 10⁶ customers into an empty group in under 2 minutes on SQLite.
# A benchmark, not a test: nothing here runs in CI.
set -euo pipefail

BENCH_TAG=run_sync_load
CUSTOMERS=${CUSTOMERS:-1000000}
SEED=${SEED:-21}
CACHE_DIR=${CACHE_DIR:-/tmp/mams-bench-cache}
RAW_CACHE_MIB=${RAW_CACHE_MIB:-32}  # mams-node's default storage.sqlite.cache_mib
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v sqlite3 >/dev/null || die "sqlite3 not found"
bench_start sync-load
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.0f", a / b }'; }

GEN="$REPO_ROOT/deploy/gen_sample_data.py"
DATA="$CACHE_DIR/sync-load-$CUSTOMERS-seed$SEED-gen$(sha1sum "$GEN" | cut -c1-10)"
if [[ ! -f "$DATA/done" ]]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  log "generating $CUSTOMERS customers of 广州 (440100) into $DATA"
  python3 "$GEN" --customers "$CUSTOMERS" --orgs 440100 --seed "$SEED" --no-contacts --no-revenue \
    --out "$DATA" >"$WORK/gen.txt" 2>&1 || die "generator failed: $(cat "$WORK/gen.txt")"
  touch "$DATA/done"
fi

# shellcheck source=bench/sync_cluster.sh
. "$REPO_ROOT/bench/sync_cluster.sh"
sync_node_prepare group gz
sync_node_config group bench-group group CN "" gz:bench-gz:440100
sync_node_config gz bench-gz local 440100 group
sync_node_users gz 440100
sync_node_start gz
token=$(sync_node_token gz bench.admin)
log "importing $CUSTOMERS customers at the local network (its parent is not running yet)"
# In files of at most 250,000 rows: an upload has a size limit.
mkdir -p "$WORK/chunks"
tail -n +2 "$DATA/customers.csv" | split -l 250000 - "$WORK/chunks/part-"
ok=0
for part in "$WORK/chunks"/part-*; do
  { head -n 1 "$DATA/customers.csv"; cat "$part"; } >"$part.csv"
  curl -fsS -H "Authorization: Bearer $token" --data-binary @"$part.csv" \
    "http://127.0.0.1:${HTTP[gz]}/api/v1/imports?kind=customers&mode=apply" >"$part.json" ||
    die "import of $part failed"
  ok=$((ok + $(json_field "$part.json" rowsOk)))
done
[[ "$ok" == "$CUSTOMERS" ]] || die "the import accepted $ok of $CUSTOMERS rows"
ROWS=$(sqlite3 "$WORK/gz/node.db" "SELECT (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM customer_events)")

group_rows() {
  sqlite3 "$WORK/group/node.db" "SELECT (SELECT COUNT(*) FROM customers WHERE org_code = '440100')
    + (SELECT COUNT(*) FROM customer_events WHERE org_code = '440100')" 2>/dev/null || echo 0
}
group_customers() {
  sqlite3 "$WORK/group/node.db" "SELECT COUNT(*) FROM customers WHERE org_code = '440100'" 2>/dev/null || echo 0
}
log "starting the empty group: its new link asks the local network for a load ($ROWS rows)"
T0=$(now)
sync_node_start group
PERF_PIDS=()
if [[ -n "${PERF:-}" ]]; then
  for n in group gz; do
    perf record -q -F 499 --call-graph "${PERF_CALL_GRAPH:-fp}" -p "${NODE_PID[$n]}" -o "$WORK/perf-$n.data" >/dev/null 2>&1 &
    PERF_PIDS+=("$!")
  done
fi
# Timed by the load position the group commits with each transaction (sync_links), a point
# read: counting the rows every half second (a scan of a growing index) kept a reader on an
# old snapshot so often that the group's log could not start again from its first frame and
# grew to 3.6 GB. The counts are checked once the load is over.
load_state() {
  sqlite3 "$WORK/group/node.db" "SELECT CASE WHEN load_id <> '' AND load_page = -1 THEN 'done'
    WHEN load_page > 0 AND load_table NOT IN ('', 'customers') THEN 'customers'
    ELSE 'loading' END FROM sync_links WHERE peer = 'bench-gz'" 2>/dev/null || echo starting
}
# The log's size, sampled each second: how far it grew before a checkpoint let it restart.
(
  peak=0
  while sleep 1; do
    size=$(stat -c %s "$WORK/group/node.db-wal" 2>/dev/null || echo 0)
    ((size > peak)) && peak=$size && echo "$peak" >"$WORK/wal-peak"
  done
) &
PIDS+=("$!")
until [[ $(load_state) =~ ^(customers|done)$ ]]; do sleep 0.1; done
T1=$(now)
until [[ $(load_state) == done ]]; do sleep 0.1; done
T2=$(now)
# The search index takes a load's rows once, after it: search.build brings the kinds the load
# wrote up to date search.load_settle_seconds (5) after the load ended (docs/search.md).
index_behind() {
  sqlite3 "$WORK/group/node.db" "SELECT COUNT(*) FROM search_deferred" 2>/dev/null || echo 1
}
if [[ "${NODE_YAML:-}" != *"index_writes: false"* ]]; then
  until [[ $(index_behind) == 0 ]]; do sleep 0.2; done
fi
T3=$(now)
[[ $(group_customers) -eq $CUSTOMERS ]] || die "the group holds $(group_customers) of $CUSTOMERS customers"
[[ $(group_rows) -eq $ROWS ]] || die "the group holds $(group_rows) of $ROWS rows"
if [[ ${#PERF_PIDS[@]} -gt 0 ]]; then
  kill -INT "${PERF_PIDS[@]}" && wait "${PERF_PIDS[@]}" || true
  log "profiles: $WORK/perf-{group,gz}.data"
fi
GROUP_WRITTEN=$(awk '/^write_bytes/ { printf "%.0f", $2 / 1048576 }' "/proc/${NODE_PID[group]}/io" 2>/dev/null || echo "?")
GROUP_DB=$(du -m "$WORK/group/node.db" | cut -f1)
WAL_PEAK=$(awk '{ printf "%.0f", $1 / 1048576 }' "$WORK/wal-peak" 2>/dev/null || echo "?")
log "  the group wrote ${GROUP_WRITTEN} MiB to disk for a database of ${GROUP_DB} MiB (its log peaked at ${WAL_PEAK} MiB)"
# CPU seconds (user, system) each node spent up to here: steadier than the wall time on a
# shared machine, so the figure to compare two builds by.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f s user, %.1f s system", $14 / hz, $15 / hz }' \
    "/proc/${NODE_PID[$1]}/stat" 2>/dev/null || echo "?"
}
log "  CPU: the group $(cpu_seconds group); the local network $(cpu_seconds gz) (with its import)"
LOAD_CUSTOMERS=$(elapsed "$T0" "$T1" 1)
LOAD_ALL=$(elapsed "$T0" "$T2" 1)
INDEXED=$(elapsed "$T0" "$T3" 1)
log "  customers at the group after ${LOAD_CUSTOMERS}s, every row after ${LOAD_ALL}s, found by the search box after ${INDEXED}s"
for n in group gz; do sync_node_stop "$n"; done

log "raw: sqlite3 copies the same rows into an empty database with the same schema"
RAW="$WORK/raw.db"
{
  echo "PRAGMA journal_mode=WAL;"
  sqlite3 "$WORK/group/node.db" ".schema customers"
  sqlite3 "$WORK/group/node.db" ".schema customer_events"
} | sqlite3 "$RAW" >/dev/null
R0=$(now)
sqlite3 "$RAW" <<SQL >/dev/null
PRAGMA synchronous=FULL;
PRAGMA cache_size=-$((RAW_CACHE_MIB * 1024));
ATTACH '$WORK/gz/node.db' AS source;
BEGIN; INSERT INTO customers SELECT * FROM source.customers; COMMIT;
BEGIN; INSERT INTO customer_events SELECT * FROM source.customer_events; COMMIT;
SQL
R1=$(now)
RAW_ALL=$(elapsed "$R0" "$R1" 1)
RATIO=$(awk -v a="$RAW_ALL" -v b="$LOAD_ALL" 'BEGIN { printf "%.2f", a / b }')
machine_info
cat <<EOF2

----- markdown (for bench/RESULTS.md) -----
$CUSTOMERS customers of 440100 ($ROWS rows with their history events) into an empty group; $MACHINE; $OS; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$REPO_ROOT" rev-parse --short HEAD).

| path | customers there after | every row there after | search index complete after | rows/s | ratio |
|---|---:|---:|---:|---:|---:|
| mams-node load (group's new link, CurveZMQ, pages of ${LOAD_PAGE_ROWS:-5000} rows) | ${LOAD_CUSTOMERS} s | ${LOAD_ALL} s | ${INDEXED} s | $(div "$ROWS" "$LOAD_ALL") | **$RATIO** |
| raw: sqlite3 INSERT … SELECT into the same schema | | ${RAW_ALL} s | | $(div "$ROWS" "$RAW_ALL") | 1.00 |
EOF2
