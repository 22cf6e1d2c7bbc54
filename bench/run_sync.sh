#!/usr/bin/env bash
# Sync throughput over two hops: customers imported at a local network reach the group
# through the province (three mams-node processes on SQLite, CurveZMQ links), beside the same
# rows replicated by MariaDB over two hops (local -> province -> group: chained replicas,
# row-based binlog, log_slave_updates) in the same run.
#
#   ./bench/run_sync.sh                  # 100,000 customers (200,000 changes with their events)
#   CUSTOMERS=10000 ./bench/run_sync.sh  # smoke run
#   SYNC_BATCH=N SYNC_BYTES=N SYNC_WINDOW=N  # sync.batch_max_changes, batch_max_bytes, window
#   PERF=1                               # perf record each node during the run (reports in WORK)
#   MAMS_ONLY=1                          # skip the MariaDB half (while working on the nodes)
#
# What is measured (details and dated figures in bench/history/, the sync files):
#  mams-node: one CSV import of CUSTOMERS customers at the local network; from the start of
#    the upload until the group holds all of them (end to end), and from the end of the upload
#    until then (drain). Each customer is two changes (its row and its history event).
#  MariaDB: the same rows as the local node stored them (customers and customer_events),
#    loaded with LOAD DATA into the local MariaDB, whose schema mams-node itself created;
#    from the start of the load until the group's replica holds all of them.
# Ratio = mams-node changes/s end to end ÷ MariaDB changes/s end to end.
#
# A benchmark, not a test: nothing here runs in CI.
set -euo pipefail

BENCH_TAG=run_sync
CUSTOMERS=${CUSTOMERS:-100000}
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v mariadbd >/dev/null || die "mariadbd not found (deploy/test.sh installs mariadb-server)"
command -v sqlite3 >/dev/null || die "sqlite3 not found"
bench_start sync
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.1f", a / b }'; }

# --- data, and mams-node: group <- province <- local ---------------------------------------
# shellcheck source=bench/sync_cluster.sh
. "$REPO_ROOT/bench/sync_cluster.sh"
sync_generate "$CUSTOMERS" 11 "$WORK/data"
sync_chain_start
URL="http://127.0.0.1:${HTTP[gz]}"
token=$(sync_node_token gz bench.admin)

# Done when the group holds every customer and every history event (events travel after
# the customers of the same transaction).
group_count() {
  sqlite3 "$WORK/group/node.db" "SELECT (SELECT COUNT(*) FROM customers WHERE org_code = '440100')
    + (SELECT COUNT(*) FROM customer_events WHERE org_code = '440100')" 2>/dev/null || echo 0
}
PERF_PIDS=()
if [[ -n "${PERF:-}" ]]; then
  for n in group gd gz; do
    perf record -q -F 499 -g -p "${NODE_PID[$n]}" -o "$WORK/perf-$n.data" >/dev/null 2>&1 &
    PERF_PIDS+=("$!")
  done
fi
log "mams-node: importing $CUSTOMERS customers at the local network"
T0=$(now)
curl -fsS -H "Authorization: Bearer $token" --data-binary @"$WORK/data/customers.csv" \
  "$URL/api/v1/imports?kind=customers&mode=apply" >"$WORK/import.json" || die "import failed"
T1=$(now)
ok=$(json_field "$WORK/import.json" rowsOk)
[[ "$ok" == "$CUSTOMERS" ]] || die "the import accepted $ok of $CUSTOMERS rows"
CHANGES=$((CUSTOMERS * 2))
until [[ $(group_count) -ge $CHANGES ]]; do sleep 0.1; done
T2=$(now)
MAMS_TOTAL=$(elapsed "$T0" "$T2")
if [[ ${#PERF_PIDS[@]} -gt 0 ]]; then
  kill -INT "${PERF_PIDS[@]}" && wait "${PERF_PIDS[@]}" || true
  for n in group gd gz; do
    perf report -i "$WORK/perf-$n.data" --no-children --percent-limit 1.5 --stdio 2>/dev/null |
      grep -v '^$' | head -60 >"$WORK/perf-$n.txt" || true
  done
  log "profiles: $WORK/perf-{group,gd,gz}.txt"
fi
MAMS_IMPORT=$(elapsed "$T0" "$T1")
MAMS_DRAIN=$(elapsed "$T1" "$T2")
MAMS_RATE=$(div "$CHANGES" "$MAMS_TOTAL")
events=$(sqlite3 "$WORK/group/node.db" "SELECT COUNT(*) FROM customer_events WHERE org_code = '440100'")
log "  import ${MAMS_IMPORT}s, at the group after ${MAMS_TOTAL}s (drain ${MAMS_DRAIN}s): $MAMS_RATE changes/s; group has $events events"

# Bytes each node wrote (write amplification: every commit writes the pages it touched).
WROTE=""
for n in gz gd group; do
  WROTE+="$n $(awk '/^write_bytes/ { printf "%.0f MiB", $2 / 1048576 }' "/proc/${NODE_PID[$n]}/io" 2>/dev/null), "
done
log "  written: ${WROTE%, }"
if [[ -n "${MAMS_ONLY:-}" ]]; then
  echo "mams-node: $CUSTOMERS customers, $MAMS_RATE changes/s end to end (import ${MAMS_IMPORT}s, drain ${MAMS_DRAIN}s)"
  exit 0
fi
# The rows as the local node stored them, for MariaDB.
sqlite3 -csv "$WORK/gz/node.db" "SELECT * FROM customers WHERE org_code = '440100'" >"$WORK/customers.csv"
sqlite3 -csv "$WORK/gz/node.db" "SELECT * FROM customer_events WHERE org_code = '440100'" >"$WORK/events.csv"
customer_columns=$(sqlite3 "$WORK/gz/node.db" "SELECT group_concat(name, ',') FROM pragma_table_info('customers')")
event_columns=$(sqlite3 "$WORK/gz/node.db" "SELECT group_concat(name, ',') FROM pragma_table_info('customer_events')")
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
PIDS=()

# --- MariaDB: local -> province -> group, chained replicas --------------------------------
# shellcheck source=bench/mariadb_lib.sh
. "$REPO_ROOT/bench/mariadb_lib.sh"
start_mariadb gz 1
start_mariadb gd 2
start_mariadb group 3
sql gd -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${DBPORT[gz]}, MASTER_USER='repl', MASTER_PASSWORD='repl-pass', MASTER_USE_GTID=no, MASTER_LOG_FILE='maria-gz-bin.000001', MASTER_LOG_POS=4; START SLAVE;"
sql group -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${DBPORT[gd]}, MASTER_USER='repl', MASTER_PASSWORD='repl-pass', MASTER_USE_GTID=no, MASTER_LOG_FILE='maria-gd-bin.000001', MASTER_LOG_POS=4; START SLAVE;"
# mams-node creates the schema on the local MariaDB; it replicates down the chain.
sql gz -e "CREATE DATABASE mams CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
cat >"$WORK/maria-schema.yaml" <<EOF
node: {id: schema, level: group, org: CN}
storage: {mysql: {host: 127.0.0.1, port: ${DBPORT[gz]}, database: mams, user: mams, password_env: MAMS_BENCH_DB_PASSWORD}}
EOF
MAMS_BENCH_DB_PASSWORD=mams-pass MAMS_NEW_USER_PASSWORD="$BENCH_PASSWORD" "$NODE_BIN" \
  --config "$WORK/maria-schema.yaml" --create-admin schema.admin >"$WORK/maria-schema.txt" 2>&1 ||
  die "schema on MariaDB failed: $(cat "$WORK/maria-schema.txt")"
until [[ $(sql group -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'mams' AND table_name = 'customer_events'" 2>/dev/null || echo 0) == 1 ]]; do sleep 0.2; done

maria_count() {
  sql group -N -e "SELECT (SELECT COUNT(*) FROM mams.customers WHERE org_code = '440100')
    + (SELECT COUNT(*) FROM mams.customer_events WHERE org_code = '440100')" 2>/dev/null || echo 0
}
log "MariaDB: LOAD DATA of the same $CUSTOMERS customers and their events at the local server"
M0=$(now)
sql gz --local-infile=1 mams -e "
  LOAD DATA LOCAL INFILE '$WORK/customers.csv' INTO TABLE customers FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\n' ($customer_columns);
  LOAD DATA LOCAL INFILE '$WORK/events.csv' INTO TABLE customer_events FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\n' ($event_columns);"
M1=$(now)
until [[ $(maria_count) -ge $CHANGES ]]; do sleep 0.1; done
M2=$(now)
MARIA_TOTAL=$(elapsed "$M0" "$M2")
MARIA_RATE=$(div "$CHANGES" "$MARIA_TOTAL")
log "  load $(elapsed "$M0" "$M1")s, at the group replica after ${MARIA_TOTAL}s: $MARIA_RATE changes/s"

RATIO=$(awk -v a="$MAMS_RATE" -v b="$MARIA_RATE" 'BEGIN { printf "%.2f", a / b }')
cat <<EOF

----- markdown (for bench/RESULTS.md) -----
$CUSTOMERS customers ($CHANGES changes with their events), local network -> province -> group; $(machine_info; echo "$MACHINE; $OS;") $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$REPO_ROOT" rev-parse --short HEAD).

| path | at the group after | of which loading at the local end | changes/s end to end | ratio |
|---|---:|---:|---:|---:|
| mams-node (CSV import at the local node, CurveZMQ links) | ${MAMS_TOTAL} s | ${MAMS_IMPORT} s (drain ${MAMS_DRAIN} s) | $MAMS_RATE | **$RATIO** |
| MariaDB chained replicas (LOAD DATA at the local server) | ${MARIA_TOTAL} s | $(elapsed "$M0" "$M1") s | $MARIA_RATE | 1.00 |
EOF
