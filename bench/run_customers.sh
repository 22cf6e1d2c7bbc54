#!/usr/bin/env bash
# Customer profiles at scale: import (and the search index's share of it), get by id, filtered
# lists, search and create on mams-node (SQLite), each beside the raw database doing the same
# work in the same run.
#
#   ./bench/run_customers.sh                     # 1,000,000 customers (about 22 min)
#   CUSTOMERS=20000 ./bench/run_customers.sh     # smoke run (about 80 s)
#
# Environment:
#   CUSTOMERS       customers generated and imported (default: 1000000)
#   SEED            generator seed (default: 1)
#   CACHE_DIR       generated files, kept between runs, keyed by CUSTOMERS, SEED and the
#                   generator's checksum (default: /tmp/mams-bench-cache)
#   IMPORT_ROWS     rows of the import-rate rounds (default: 100000, at most CUSTOMERS)
#   IMPORT_ROUNDS   import-rate rounds, each mams-node then sqlite3 .import (default: 3)
#   CHUNK_ROWS      rows per upload of the full import (default: 250000, about 40 MiB; the
#                   import route takes at most 64 MiB)
#   CREATE_POOL     extra generated customers for the create runs (default: 200000)
#   LIST_CONNECTIONS, CREATE_CONNECTIONS  wrk connections of the list and create runs
#                   (default: 8 and 4; get by id uses CONNECTIONS)
#   LIST_Q          name substring of the third list query (default: 科技)
#   SEARCH_QUERIES  queries per search class, drawn from the generated names and codes
#                   (default: 2000)
#   RAW_CACHE_MIB   page cache of the raw .import runs (default: 32, mams-node's default
#                   storage.sqlite.cache_mib, so both sides load with the same cache)
#   NODE_SQLITE     more storage.sqlite settings of every node, as YAML flow-map entries
#                   (e.g. "mmap_mib: 2048"; default: none, the node's defaults)
#   COMMIT          the commit named in the tables (default: the repository's HEAD)
#   BUILD_DIR, DURATION, ROUNDS, THREADS, CONNECTIONS, WARMUP, REBUILD, BENCH_PASSWORD
#                   as for run_http.sh; with CUSTOMERS < 100000 the defaults are DURATION=3s,
#                   ROUNDS=1, IMPORT_ROUNDS=1 (smoke run)
#
# What it does (details and dated figures in bench/history/, the customers files):
#  1. generates CUSTOMERS customers with deploy/gen_sample_data.py (cached);
#  2. import rate: IMPORT_ROUNDS rounds of (IMPORT_ROWS rows POSTed to
#     /api/v1/imports?kind=customers&mode=apply on a fresh node; the same on a fresh node with
#     search.index_writes off, for the index's share; the same rows, as the node stored them,
#     loaded with the sqlite3 CLI's .import into a fresh file with the same schema and indexes,
#     WAL, synchronous=FULL); then the full file in chunks into the node used below (timed
#     too), beside one .import of all its rows;
#  3. get by id: wrk with a random id per request against mams-node, the trivial POCO server
#     (same Lua script), and mams_bench_raw_customers get (prepared SELECT, 1 and 2 threads)
#     and get-as-node (mams-node's SQL as it issues it: prepared per call, then the managers
#     query; 1 and 2 threads);
#  4. lists with two filters and a name substring: wrk against mams-node, beside
#     mams_bench_raw_customers list (the same COUNT(*) and first page, same WHERE); prints
#     EXPLAIN QUERY PLAN of each;
#  4b. search: for each class of query (two Chinese characters, four, a credit-code prefix;
#     SEARCH_QUERIES of each, cut from the generated rows, a random one per request) the search
#     box (GET /api/v1/search?kinds=customer&limit=10) and the customer list's box (q=, first
#     page of 50) with LIST_CONNECTIONS users, beside SQLite doing the same search its own way
#     on 2 threads: a LIKE scan for the first 10, and an FTS5 trigram index (built on a copy,
#     its build time reported) for the first 10;
#  4c. report: GET /api/v1/reports/customers.by_org (a random level per request) with
#     LIST_CONNECTIONS users, beside SQLite running the same GROUP BY on 2 threads;
#  5. create: wrk POSTs of new customers (unique credit codes) against mams-node, beside
#     mams_bench_raw_customers insert (one INSERT per transaction, synchronous=FULL) on a copy.
# Prints a table per part and Markdown tables for bench/RESULTS.md.
#
# A benchmark, not a test: nothing here runs in CI. See bench/README.md and bench/RESULTS.md.
set -euo pipefail

BENCH_TAG=run_customers
CUSTOMERS=${CUSTOMERS:-1000000}
[[ "$CUSTOMERS" =~ ^[1-9][0-9]*$ ]] || { echo "CUSTOMERS must be a positive integer" >&2; exit 1; }
if ((CUSTOMERS < 100000)); then
  DURATION=${DURATION:-3s}
  ROUNDS=${ROUNDS:-1}
  IMPORT_ROUNDS=${IMPORT_ROUNDS:-1}
fi
SEED=${SEED:-1}
CACHE_DIR=${CACHE_DIR:-/tmp/mams-bench-cache}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
((IMPORT_ROWS <= CUSTOMERS)) || IMPORT_ROWS=$CUSTOMERS
IMPORT_ROUNDS=${IMPORT_ROUNDS:-3}
CHUNK_ROWS=${CHUNK_ROWS:-250000}
CREATE_POOL=${CREATE_POOL:-200000}
LIST_CONNECTIONS=${LIST_CONNECTIONS:-8}
CREATE_CONNECTIONS=${CREATE_CONNECTIONS:-4}
LIST_Q=${LIST_Q:-科技}
SEARCH_QUERIES=${SEARCH_QUERIES:-2000}
RAW_CACHE_MIB=${RAW_CACHE_MIB:-32}  # page cache of the raw loads, as mams-node's default
ADMIN_USER=bench.admin
SYSADMIN_USER=bench.sysadmin
TARGET_RATIO=0.5
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench/customers_lib.sh
. "$REPO_ROOT/bench/customers_lib.sh"
# shellcheck source=deploy/lib.sh
. "$REPO_ROOT/deploy/lib.sh"

[[ "$DURATION" =~ ^([1-9][0-9]*)s$ ]] || die "DURATION must be whole seconds like 10s, got '$DURATION'"
RAW_SECONDS=${BASH_REMATCH[1]}
[[ "$IMPORT_ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "IMPORT_ROUNDS must be a positive integer"

TRIVIAL_BIN="$BUILD_DIR/bench/mams_bench_trivial_server"
RAW_BIN="$BUILD_DIR/bench/mams_bench_raw_customers"
GEN="$REPO_ROOT/deploy/gen_sample_data.py"
DATA_PY="$REPO_ROOT/bench/customers_data.py"
CREATE_LUA="$REPO_ROOT/bench/customers_create.lua"
PATHS_LUA="$REPO_ROOT/bench/paths.lua"

# --- 0. binaries and tools -------------------------------------------------------------------
ensure_built "mams-node=$NODE_BIN" "mams_bench_trivial_server=$TRIVIAL_BIN" \
             "mams_bench_raw_customers=$RAW_BIN"
ensure_tools
mams::ensure_packages sqlite3
[[ -f "$GEN" ]] || die "missing $GEN"

# The commit measured, taken before anything runs (COMMIT=... overrides it, e.g. when BUILD_DIR
# was built from another tree).
if [[ -z "${COMMIT:-}" ]]; then
  COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if git -C "$REPO_ROOT" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null |
       grep -qv '^.. bench/'; then
    COMMIT+=" (with uncommitted changes)"
  fi
fi

WORK=$(mktemp -d -t mams-bench-customers.XXXXXX)
bench_trap "logs, configs, databases and raw wrk output"
: >"$WORK/runs.txt"  # label \t round \t value columns (see each part)
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b == 0 ? 0 : a / b) }'; }
# index_terms DB: how many (term, document) pairs the node's FTS5 search index holds.
index_terms() {
  sqlite3 "$1" "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_fts, row);
    SELECT COALESCE(SUM(doc), 0) FROM temp.vocab"
}

# --- 1. data ---------------------------------------------------------------------------------
customers_generate
log "customers.csv: $CUSTOMERS rows, $(stat -c %s "$CSV") bytes; $CREATE_COUNT create bodies"
mkdir -p "$WORK/chunks"
python3 "$DATA_PY" split "$CSV" "$WORK/chunks" "$CHUNK_ROWS" >"$WORK/chunks.txt"
mapfile -t CHUNKS <"$WORK/chunks.txt"
python3 "$DATA_PY" head "$CSV" "$WORK/import-subset.csv" "$IMPORT_ROWS"
for f in "${CHUNKS[@]}" "$WORK/import-subset.csv"; do
  (($(stat -c %s "$f") <= 60 * 1024 * 1024)) || die "$f is over 60 MiB; lower CHUNK_ROWS"
done

# --- node helpers ----------------------------------------------------------------------------
# warm_file FILE: reads FILE once, so the measurement after it starts with its pages in the
# page cache. These virtual machines give idle file pages back to the host: `Cached` in
# /proc/meminfo falls by ~50 MB per 10 s with nothing running and 19 GiB free, and a 2.2 GB
# file left alone for minutes is read back from disk at ~32 MB/s. A create that reads a
# dropped index page does so under SQLite's write lock, and every create behind it waits.
warm_file() { cat "$1" >/dev/null; }

# node_read_mib: MiB the node process has read from disk so far.
node_read_mib() { awk '$1 == "read_bytes:" { printf "%d", $2 / 1048576 }' "/proc/$NODE_PID/io"; }

# raw_import SCHEMA_FROM_DB CUSTOMERS_CSV [EVENTS_CSV] -> RAW_SECONDS_TAKEN
# A fresh file with the schema (tables and indexes) of customers (and customer_events) as
# in the node's database, WAL, synchronous=FULL; timed: the sqlite3 CLI's .import of the CSVs.
raw_import() {
  local db="$WORK/raw-import.db" start tables=customers
  [[ $# -lt 3 ]] || tables="customers customer_events"
  rm -f "$db" "$db-wal" "$db-shm"
  {
    echo "PRAGMA journal_mode=WAL;"
    for t in $tables; do sqlite3 "$1" ".schema $t"; done
  } | sqlite3 "$db" >/dev/null
  start=$(now)
  {
    echo "PRAGMA synchronous=FULL;"
    echo "PRAGMA cache_size=-$((RAW_CACHE_MIB * 1024));"  # the node's storage.sqlite.cache_mib
    echo ".import --csv --skip 1 '$2' customers"
    [[ $# -lt 3 ]] || echo ".import --csv --skip 1 '$3' customer_events"
  } | sqlite3 "$db"
  RAW_SECONDS_TAKEN=$(elapsed "$start" "$(now)")
  local got
  got=$(sqlite3 "$db" "SELECT COUNT(*) FROM customers")
  RAW_ROWS=$got
}

# export_table DB TABLE CSV: every row in rowid (insertion) order, with a header.
export_table() { sqlite3 -csv -header "$1" "SELECT * FROM $2 ORDER BY rowid" >"$3"; }

# --- 2. import rate --------------------------------------------------------------------------
log "import rate: $IMPORT_ROUNDS round(s) of $IMPORT_ROWS rows, mams-node then sqlite3 .import"
for round in $(seq "$IMPORT_ROUNDS"); do
  # The node without the search index first, then with it (the figure), then the raw loads.
  start_node "import-r$round-noindex" "search: {index_writes: false}"
  upload "$WORK/import-subset.csv"
  noindex_rate=$(div "$IMPORT_OK" "$IMPORT_SECONDS")
  stop_pid "$NODE_PID"
  start_node "import-r$round"
  upload "$WORK/import-subset.csv"
  ((IMPORT_OK + IMPORT_REJECTED == IMPORT_ROWS)) ||
    die "the import counted $((IMPORT_OK + IMPORT_REJECTED)) rows, not $IMPORT_ROWS"
  node_rate=$(div "$IMPORT_OK" "$IMPORT_SECONDS")
  stop_pid "$NODE_PID"
  if ((round == 1)); then
    export_table "$NODE_DB" customers "$WORK/subset-customers.csv"
    export_table "$NODE_DB" customer_events "$WORK/subset-events.csv"
    SUBSET_SCHEMA_DB=$NODE_DB
    SUBSET_REJECTED=$IMPORT_REJECTED
    INDEX_TERMS=$(index_terms "$NODE_DB")
  fi
  raw_import "$SUBSET_SCHEMA_DB" "$WORK/subset-customers.csv"
  raw_rate=$(div "$RAW_ROWS" "$RAW_SECONDS_TAKEN")
  raw_import "$SUBSET_SCHEMA_DB" "$WORK/subset-customers.csv" "$WORK/subset-events.csv"
  raw_ev_rate=$(div "$RAW_ROWS" "$RAW_SECONDS_TAKEN")
  printf 'import-node\t%s\t%s\t%s\t%s\n' "$round" "$IMPORT_OK" "$IMPORT_SECONDS" "$node_rate" >>"$WORK/runs.txt"
  printf 'import-noindex\t%s\t\t\t%s\t%s\n' "$round" "$noindex_rate" "$(div "$node_rate" "$noindex_rate")" >>"$WORK/runs.txt"
  printf 'import-raw\t%s\t%s\t\t%s\t%s\n' "$round" "$RAW_ROWS" "$raw_rate" "$(div "$node_rate" "$raw_rate")" >>"$WORK/runs.txt"
  printf 'import-raw-events\t%s\t%s\t\t%s\t%s\n' "$round" "$RAW_ROWS" "$raw_ev_rate" "$(div "$node_rate" "$raw_ev_rate")" >>"$WORK/runs.txt"
  log "  round $round: mams-node $node_rate rows/s (without the search index $noindex_rate: ratio $(div "$node_rate" "$noindex_rate"));" \
      "raw .import $raw_rate rows/s (with events $raw_ev_rate); ratio $(div "$node_rate" "$raw_rate")"
done

log "full import: $CUSTOMERS rows in ${#CHUNKS[@]} upload(s) of at most $CHUNK_ROWS rows"
start_node main
upload "${CHUNKS[@]}"
FULL_OK=$IMPORT_OK
FULL_REJECTED=$IMPORT_REJECTED
FULL_SECONDS=$IMPORT_SECONDS
FULL_RATE=$(div "$FULL_OK" "$FULL_SECONDS")
log "  mams-node: $FULL_OK rows ok, $FULL_REJECTED rejected, ${FULL_SECONDS}s = $FULL_RATE rows/s"
((FULL_OK + FULL_REJECTED == CUSTOMERS)) || die "the import counted $((FULL_OK + FULL_REJECTED)) rows, not $CUSTOMERS"
export_table "$NODE_DB" customers "$WORK/full-customers.csv"
raw_import "$NODE_DB" "$WORK/full-customers.csv"
FULL_RAW_SECONDS=$RAW_SECONDS_TAKEN
FULL_RAW_RATE=$(div "$RAW_ROWS" "$RAW_SECONDS_TAKEN")
rm -f "$WORK/full-customers.csv" "$WORK/raw-import.db" "$WORK/raw-import.db-wal"
log "  raw .import of the same $RAW_ROWS rows: ${FULL_RAW_SECONDS}s = $FULL_RAW_RATE rows/s; ratio $(div "$FULL_RATE" "$FULL_RAW_RATE")"
DB_ROWS=$(sqlite3 "$NODE_DB" "SELECT COUNT(*) FROM customers")
DB_BYTES=$(stat -c %s "$NODE_DB")

# --- 3. get by id ----------------------------------------------------------------------------
# The caller's scope: group_admin at CN sees every org of the tree.
mapfile -t SCOPE < <(sqlite3 "$NODE_DB" "SELECT code FROM orgs WHERE deleted = 0")
printf '%s\n' "${SCOPE[@]}" >"$WORK/scope.txt"
# get-as-node: by id alone as mams-node asks since b8cd5f5; AS_NODE_SCOPE_LIST=1 for the
# earlier form with the scope as an IN list.
AS_NODE_SCOPE=-
AS_NODE_LABEL="by id"
if [[ "${AS_NODE_SCOPE_LIST:-0}" == 1 ]]; then
  AS_NODE_SCOPE="$WORK/scope.txt"
  AS_NODE_LABEL="scope IN list of ${#SCOPE[@]}"
fi
export IDS_FILE="$WORK/ids.txt"
sqlite3 "$NODE_DB" "SELECT id FROM customers WHERE deleted = 0 ORDER BY random() LIMIT 100000" >"$IDS_FILE"
log "get by id: $(wc -l <"$IDS_FILE") random ids of $DB_ROWS customers"
# The trivial server is driven with the same script and targets (it answers any path), so wrk
# spends the same work per request on both sides of the ratio.
sed 's|^|/api/v1/customers/|' "$IDS_FILE" >"$WORK/get.paths"
warm_file "$NODE_DB"
sample_id=$(head -n 1 "$IDS_FILE")
GET_BYTES=$(curl -fsS -o /dev/null -w '%{size_download}' -H "$AUTH" "$NODE_URL/api/v1/customers/$sample_id") ||
  die "GET /api/v1/customers/$sample_id failed"
status=$(curl -sS -o /dev/null -w '%{http_code}' "$NODE_URL/api/v1/customers/$sample_id")
[[ "$status" == 401 ]] || die "GET /api/v1/customers/{id} without a token answered $status, not 401"

start_trivial_server "$TRIVIAL_BIN"
# The same request bytes on both sides: POCO reads every header byte by byte, and the
# trivial handler's limit is the limit for the request a client of mams-node sends. Runs
# before 2026-12-03 sent the trivial server no Authorization header; that run ("bare") is
# kept beside it, so both ratios come from one invocation.
TRIVIAL_AUTH=$AUTH

# raw_run LABEL ROUND OUTFILE ARGS... -> appends "LABEL round per_s p50 p99 - p95" to runs.txt
raw_run() {
  local label=$1 round=$2 out=$3
  shift 3
  "$RAW_BIN" "$@" >"$out" 2>&1 || die "mams_bench_raw_customers $1 failed: $(cat "$out")"
  local per_s p50 p99 p95
  read -r per_s p50 p99 < <(sed -n 's/^RESULT .*per_s=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\)$/\1 \2 \3/p' "$out")
  [[ -n "$per_s" ]] || die "no RESULT in $out"
  p95=$(sed -n 's/^RESULT .*p95_ms=\([0-9.]*\) .*/\1/p' "$out")
  printf '%s\t%s\t%s\t%s\t%s\t\t%s\n' "$label" "$round" "$per_s" "$p50" "$p99" "$p95" >>"$WORK/runs.txt"
  RAW_PER_S=$per_s
}

export PATHS_FILE="$WORK/get.paths"
if [[ "$WARMUP" != 0 ]]; then
  wrk_run "$WORK/warmup-trivial.txt" "$WARMUP" "$TRIVIAL_URL/" "$TRIVIAL_AUTH" "$PATHS_LUA"
  wrk_run "$WORK/warmup-get.txt" "$WARMUP" "$NODE_URL/" "$AUTH" "$PATHS_LUA"
  wait_idle
fi
for round in $(seq "$ROUNDS"); do
  log "get round $round/$ROUNDS: trivial (same request, then bare), mams-node ($DURATION each), raw 1 and 2 threads (${RAW_SECONDS}s each)"
  wrk_run "$WORK/wrk-r$round-trivial.txt" "$DURATION" "$TRIVIAL_URL/" "$TRIVIAL_AUTH" "$PATHS_LUA"
  wrk_record get-trivial "$round" "$WORK/wrk-r$round-trivial.txt"
  t_reqs=$WRK_REQS
  wrk_run "$WORK/wrk-r$round-trivial-bare.txt" "$DURATION" "$TRIVIAL_URL/" "" "$PATHS_LUA"
  wrk_record get-trivial-bare "$round" "$WORK/wrk-r$round-trivial-bare.txt"
  b_reqs=$WRK_REQS
  wrk_run "$WORK/wrk-r$round-get.txt" "$DURATION" "$NODE_URL/" "$AUTH" "$PATHS_LUA"
  wait_idle
  wrk_record get-node "$round" "$WORK/wrk-r$round-get.txt"
  n_reqs=$WRK_REQS
  raw_run get-raw1 "$round" "$WORK/raw-r$round-get1.txt" get "$NODE_DB" "$IDS_FILE" "$RAW_SECONDS" 1
  r1=$RAW_PER_S
  raw_run get-raw2 "$round" "$WORK/raw-r$round-get2.txt" get "$NODE_DB" "$IDS_FILE" "$RAW_SECONDS" 2
  r2=$RAW_PER_S
  raw_run get-asnode1 "$round" "$WORK/raw-r$round-get-asnode1.txt" get-as-node "$NODE_DB" "$IDS_FILE" "$RAW_SECONDS" 1 "$AS_NODE_SCOPE"
  a1=$RAW_PER_S
  raw_run get-asnode2 "$round" "$WORK/raw-r$round-get-asnode2.txt" get-as-node "$NODE_DB" "$IDS_FILE" "$RAW_SECONDS" 2 "$AS_NODE_SCOPE"
  a2=$RAW_PER_S
  printf 'get-ratio\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$(div "$n_reqs" "$t_reqs")" "$(div "$n_reqs" "$r1")" \
    "$(div "$n_reqs" "$r2")" "$(div "$n_reqs" "$a1")" "$(div "$n_reqs" "$a2")" "$(div "$n_reqs" "$b_reqs")" >>"$WORK/runs.txt"
  log "  trivial $t_reqs (bare $b_reqs), mams-node $n_reqs req/s (ratio $(div "$n_reqs" "$t_reqs"), to bare $(div "$n_reqs" "$b_reqs")); raw $r1 (1 thread), $r2 (2 threads) gets/s;" \
      "as mams-node asks: $a1 (1 thread), $a2 (2 threads)"
done
stop_pid "$TRIVIAL_PID"

# --- 4. lists --------------------------------------------------------------------------------
# The WHERE mams-node builds (modules/accounts/customers/customer_repository.cpp, List): live rows, the
# caller's scope (group_admin at CN sees the whole tree, which needs no condition: "1 = 1"),
# the filters in its order, then org narrowed to the subtree; ORDER BY updated_at DESC, id
# (the default sort -updatedAt).
mapfile -t SUBTREE < <(sqlite3 "$NODE_DB" "WITH RECURSIVE t(code) AS (SELECT '440000' UNION
  SELECT o.code FROM orgs o JOIN t ON o.parent_code = t.code WHERE o.deleted = 0) SELECT code FROM t")
marks() { local n=$1 s="?" k; for ((k = 1; k < n; k++)); do s+=", ?"; done; echo "$s"; }
SCOPE_SQL="deleted = 0 AND 1 = 1"
Q_ENC=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$LIST_Q")
LIST_LABELS=("org=440000&state=active" "industry=I&level=province" "q=$LIST_Q")
LIST_QUERIES=("org=440000&state=active" "industry=I&level=province" "q=$Q_ENC")
LIST_WHERE=("$SCOPE_SQL AND state = ? AND org_code IN ($(marks ${#SUBTREE[@]}))"
            "$SCOPE_SQL AND industry = ? AND level = ?"
            "$SCOPE_SQL AND name LIKE ?")
list_params() {
  case $1 in
    0) printf '%s\n' active "${SUBTREE[@]}" ;;
    1) printf '%s\n' I province ;;
    2) printf '%s\n' "%$LIST_Q%" ;;
  esac
}
ORDER="updated_at DESC, id"
: >"$WORK/plans.txt"
for i in "${!LIST_QUERIES[@]}"; do
  mapfile -t params < <(list_params "$i")
  headers=$(curl -fsS -o "$WORK/list-$i.json" -D - -H "$AUTH" "$NODE_URL/api/v1/customers?${LIST_QUERIES[$i]}&limit=50") ||
    die "GET /api/v1/customers?${LIST_QUERIES[$i]} failed"
  # X-Total-Count when exact; X-Total-Count-At-Least beyond the list's count bound ("N+").
  node_total=$(tr -d '\r' <<<"$headers" | sed -n 's/^[Xx]-[Tt]otal-[Cc]ount: *//p')
  [[ -n "$node_total" ]] ||
    node_total="$(tr -d '\r' <<<"$headers" | sed -n 's/^[Xx]-[Tt]otal-[Cc]ount-[Aa]t-[Ll]east: *//p')+"
  raw_total=$("$RAW_BIN" list "$NODE_DB" 0.001 1 "$ORDER" "${LIST_WHERE[$i]}" "${params[@]}" | sed -n 's/^TOTAL=//p')
  LIST_TOTAL[i]=$node_total
  LIST_BYTES[i]=$(stat -c %s "$WORK/list-$i.json")
  [[ "$node_total" == "$raw_total" ]] ||
    log "warning: ${LIST_LABELS[$i]}: mams-node counts $node_total rows, the raw query $raw_total"
  {
    echo "== ${LIST_LABELS[$i]} ($node_total rows)"
    "$RAW_BIN" plan "$NODE_DB" "$ORDER" "${LIST_WHERE[$i]}" "${params[@]}" | sed 's/IN ([?, ]*)/IN (…)/g'
    echo
  } >>"$WORK/plans.txt"
  log "list ${LIST_LABELS[$i]}: $node_total rows, first page ${LIST_BYTES[$i]} bytes"
done
for i in "${!LIST_QUERIES[@]}"; do
  echo "/api/v1/customers?${LIST_QUERIES[$i]}&limit=50" >"$WORK/list-$i.paths"
done
for round in $(seq "$ROUNDS"); do
  for i in "${!LIST_QUERIES[@]}"; do
    label="list-$i"
    export PATHS_FILE="$WORK/list-$i.paths"
    mapfile -t params < <(list_params "$i")
    log "list round $round/$ROUNDS: ${LIST_LABELS[$i]}: mams-node ($DURATION), raw 1 and 2 threads (${RAW_SECONDS}s)"
    node_wrk "$label-node" "$round" "$WORK/wrk-r$round-$label.txt"
    n_reqs=$WRK_REQS
    # One request alone (nothing else running): its latency, beside the raw single thread's.
    alone=$(curl -fsS -o /dev/null -w '%{time_total}' -H "$AUTH" "$NODE_URL/api/v1/customers?${LIST_QUERIES[$i]}&limit=50") ||
      die "GET /api/v1/customers?${LIST_QUERIES[$i]} failed"
    printf '%s-alone\t%s\t%s\n' "$label" "$round" "$(awk -v t="$alone" 'BEGIN { printf "%.1f", t * 1000 }')" >>"$WORK/runs.txt"
    raw_run "$label-raw1" "$round" "$WORK/raw-r$round-$label-1.txt" list "$NODE_DB" "$RAW_SECONDS" 1 "$ORDER" "${LIST_WHERE[$i]}" "${params[@]}"
    r1=$RAW_PER_S
    raw_run "$label-raw2" "$round" "$WORK/raw-r$round-$label-2.txt" list "$NODE_DB" "$RAW_SECONDS" 2 "$ORDER" "${LIST_WHERE[$i]}" "${params[@]}"
    r2=$RAW_PER_S
    if awk -v r="$n_reqs" 'BEGIN { exit !(r == 0) }'; then
      printf '%s-ratio\t%s\t\t\n' "$label" "$round" >>"$WORK/runs.txt"  # nothing finished in time
    else
      printf '%s-ratio\t%s\t%s\t%s\n' "$label" "$round" "$(div "$n_reqs" "$r1")" "$(div "$n_reqs" "$r2")" >>"$WORK/runs.txt"
    fi
    log "  mams-node $n_reqs req/s, one request alone ${alone}s; raw $r1 (1 thread), $r2 (2 threads) per s"
  done
done

# --- 4b. search ------------------------------------------------------------------------------
# The node: the search box and the list's box, a random query of the class per request. SQLite
# its own way, on 2 threads: a LIKE scan for the first 10 live matches, and an FTS5 trigram
# index over name and credit code (on a copy), asked by MATCH of the column's phrase; trigrams
# need 3 characters, so two Chinese characters ask it by LIKE, which it answers by scanning.
SEARCH_CLASSES=(zh2 zh4 code)
SEARCH_LABELS=("two Chinese characters" "four Chinese characters" "credit-code prefix, 8 characters")
python3 "$DATA_PY" queries "$CSV" "$WORK/queries" "$SEARCH_QUERIES" "$SEED"
FTS_DB="$WORK/fts.db"
sqlite3 "$NODE_DB" ".backup '$FTS_DB'"
fts_start=$(now)
sqlite3 "$FTS_DB" "CREATE VIRTUAL TABLE customers_fts USING fts5(name, credit_code, content='customers',
  content_rowid='rowid', tokenize='trigram'); INSERT INTO customers_fts(customers_fts) VALUES('rebuild');"
FTS_SECONDS=$(elapsed "$fts_start" "$(now)")
FTS_MIB=$(($(stat -c %s "$FTS_DB") / 1048576))
INDEX_ROWS=$(index_terms "$NODE_DB")
log "search: FTS5 trigram index of $DB_ROWS names and credit codes built in ${FTS_SECONDS}s on a copy; the node's index holds $INDEX_ROWS terms"
search_column() { [[ "$1" == code ]] && echo credit_code || echo name; }
for round in $(seq "$ROUNDS"); do
  for c in "${SEARCH_CLASSES[@]}"; do
    column=$(search_column "$c")
    log "search round $round/$ROUNDS: $c: search box, list box ($DURATION each), LIKE and FTS5 (${RAW_SECONDS}s each)"
    for target in search list; do
      export PATHS_FILE="$WORK/queries/$c.$target"
      node_wrk "$target-$c-node" "$round" "$WORK/wrk-r$round-$target-$c.txt"
      eval "${target}_reqs=\$WRK_REQS"
    done
    raw_run "search-$c-like" "$round" "$WORK/raw-r$round-like-$c.txt" query "$NODE_DB" "$RAW_SECONDS" 2 \
      "SELECT id, name, customer_no, org_code FROM customers WHERE deleted = 0 AND $column LIKE ? LIMIT 10" \
      "$WORK/queries/$c.like"
    like=$RAW_PER_S
    fts_where="customers_fts MATCH ?"
    [[ "$c" != zh2 ]] || fts_where="f.$column LIKE ?"
    raw_run "search-$c-fts" "$round" "$WORK/raw-r$round-fts-$c.txt" query "$FTS_DB" "$RAW_SECONDS" 2 \
      "SELECT c.id, c.name, c.customer_no, c.org_code FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
       WHERE $fts_where AND c.deleted = 0 LIMIT 10" "$WORK/queries/$c.fts"
    fts=$RAW_PER_S
    # shellcheck disable=SC2154  # search_reqs and list_reqs are set by the eval above
    printf 'search-%s-ratio\t%s\t%s\t%s\n' "$c" "$round" "$(div "$search_reqs" "$like")" "$(div "$search_reqs" "$fts")" >>"$WORK/runs.txt"
    log "  search box $search_reqs req/s, list box $list_reqs req/s; LIKE $like, FTS5 $fts per s"
  done
done
rm -f "$FTS_DB"

# --- 4c. reports -----------------------------------------------------------------------------
# The customer distribution by org (GET /api/v1/reports/customers.by_org, the whole tree, a
# random management level per request) beside SQLite running the node's GROUP BY itself.
REPORT_SQL="SELECT org_code, COUNT(*), SUM(CASE WHEN state = 'active' THEN 1 ELSE 0 END),
  SUM(CASE WHEN state = 'potential' THEN 1 ELSE 0 END), SUM(CASE WHEN value_grade = 'A' THEN 1 ELSE 0 END),
  SUM(CASE WHEN value_grade = 'B' THEN 1 ELSE 0 END), SUM(CASE WHEN value_grade = 'C' THEN 1 ELSE 0 END),
  SUM(CASE WHEN value_grade = 'D' THEN 1 ELSE 0 END), SUM(revenue_12m) FROM customers
  WHERE deleted = 0 AND level = ? GROUP BY org_code ORDER BY org_code"
printf '%s\n' group province local >"$WORK/report.params"
sed 's|^|/api/v1/reports/customers.by_org?level=|' "$WORK/report.params" >"$WORK/report.paths"
REPORT_ROWS=$(curl -fsS -H "$AUTH" "$NODE_URL/api/v1/reports/customers.by_org?level=local" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])') || die "GET /api/v1/reports/customers.by_org failed"
log "report: customers.by_org answers $REPORT_ROWS rows for level=local"
for round in $(seq "$ROUNDS"); do
  log "report round $round/$ROUNDS: mams-node ($DURATION), raw GROUP BY on 2 threads (${RAW_SECONDS}s)"
  export PATHS_FILE="$WORK/report.paths"
  node_wrk report-node "$round" "$WORK/wrk-r$round-report.txt"
  report_reqs=$WRK_REQS
  raw_run report-raw "$round" "$WORK/raw-r$round-report.txt" query "$NODE_DB" "$RAW_SECONDS" 2 "$REPORT_SQL" "$WORK/report.params"
  printf 'report-ratio\t%s\t%s\n' "$round" "$(div "$report_reqs" "$RAW_PER_S")" >>"$WORK/runs.txt"
  log "  mams-node $report_reqs req/s; raw $RAW_PER_S per s"
done

# --- 5. create -------------------------------------------------------------------------------
RAW_INSERT_DB="$WORK/raw-insert.db"
sqlite3 "$NODE_DB" ".backup '$RAW_INSERT_DB'"
sqlite3 "$RAW_INSERT_DB" "PRAGMA journal_mode=WAL" >/dev/null
export CREATE_BODIES="$DATA/create-bodies.jsonl"
CREATE_THREADS=$THREADS
((CREATE_THREADS <= CREATE_CONNECTIONS)) || CREATE_THREADS=$CREATE_CONNECTIONS
create_runs=$((ROUNDS + 1))
export CREATE_BLOCK=$((CREATE_COUNT / 2 / create_runs / CREATE_THREADS))
export CREATE_FIRST=0
RAW_SHARE=$(((CREATE_COUNT - CREATE_COUNT / 2) / ROUNDS))  # the raw inserts: second half, a share per round
log "create: $CREATE_BLOCK bodies per wrk thread and run; raw inserts into a copy ($RAW_INSERT_DB)"
create_wrk() {
  warm_file "$NODE_DB"
  local read_before
  read_before=$(node_read_mib)
  WRK_THREADS=$CREATE_THREADS WRK_CONNECTIONS=$CREATE_CONNECTIONS wrk_run "$1" "$2" "$NODE_URL/" "$AUTH" "$CREATE_LUA"
  wait_idle
  CREATE_READ_MIB=$(($(node_read_mib) - read_before))
  CREATE_FIRST=$((CREATE_FIRST + CREATE_BLOCK * CREATE_THREADS))
}
if [[ "$WARMUP" != 0 ]]; then
  create_wrk "$WORK/warmup-create.txt" "$WARMUP"
else
  CREATE_FIRST=$((CREATE_BLOCK * CREATE_THREADS))
fi
for round in $(seq "$ROUNDS"); do
  log "create round $round/$ROUNDS: mams-node ($DURATION, $CREATE_CONNECTIONS connections), raw inserts (${RAW_SECONDS}s)"
  out="$WORK/wrk-r$round-create.txt"
  create_wrk "$out" "$DURATION"
  wrk_record create-node "$round" "$out"
  n_reqs=$WRK_REQS
  warm_file "$RAW_INSERT_DB"
  raw_run create-raw "$round" "$WORK/raw-r$round-insert.txt" insert "$RAW_INSERT_DB" "$DATA/create-rows.tsv" \
    "$((CREATE_COUNT / 2 + (round - 1) * RAW_SHARE))" "$RAW_SECONDS" "$RAW_SHARE"
  ! grep -q '^ROWS_EXHAUSTED=1' "$WORK/raw-r$round-insert.txt" ||
    log "  note: the raw inserts used all $RAW_SHARE rows of their share before ${RAW_SECONDS}s (rate still per second)"
  printf 'create-ratio\t%s\t%s\n' "$round" "$(div "$n_reqs" "$RAW_PER_S")" >>"$WORK/runs.txt"
  log "  mams-node $n_reqs creates/s (the node read $CREATE_READ_MIB MiB from disk meanwhile); raw $RAW_PER_S inserts/s; ratio $(div "$n_reqs" "$RAW_PER_S")"
done
CREATED=$(sqlite3 "$NODE_DB" "SELECT COUNT(*) FROM customers")
CREATED=$((CREATED - DB_ROWS))

# --- 6. tables -------------------------------------------------------------------------------
cm() { column_median "$WORK/runs.txt" "$1" "$2"; }
f0() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
f1() { awk -v v="$1" 'BEGIN { printf "%.1f", v }'; }
f2() { if [[ -z "$1" ]]; then echo "—"; else awk -v v="$1" 'BEGIN { printf "%.2f", v }'; fi; }
non2xx_sum() { awk -F'\t' -v l="$1" '$1 == l { s += $6 } END { print s + 0 }' "$WORK/runs.txt"; }
machine_info
GET_RATIO=$(cm 3 get-ratio)
GET_RATIO_BARE=$(cm 8 get-ratio)
IMPORT_RATIO=$(cm 6 import-raw)

md() {
  echo "Customers: $CUSTOMERS generated (seed $SEED), $DB_ROWS in the node's SQLite file ($((DB_BYTES / 1048576)) MiB) for the read runs; commit $COMMIT; $MACHINE; $OS; $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "**Import** ($IMPORT_ROUNDS round(s) of $IMPORT_ROWS rows; full file once):"
  echo
  echo "| import | rows | rows/s (median) | ratio to raw .import |"
  echo "|---|---:|---:|---:|"
  echo "| mams-node \`POST /api/v1/imports?kind=customers&mode=apply\`, $IMPORT_ROWS rows | $IMPORT_ROWS | $(f0 "$(cm 5 import-node)") | **$(f2 "$IMPORT_RATIO")** |"
  echo "| mams-node with \`search.index_writes: false\` (no search index; with it ÷ without it: **$(f2 "$(cm 6 import-noindex)")**) | $IMPORT_ROWS | $(f0 "$(cm 5 import-noindex)") | — |"
  echo "| raw \`sqlite3 .import\` into \`customers\` (same rows, schema, indexes) | $IMPORT_ROWS | $(f0 "$(cm 5 import-raw)") | 1.00 |"
  echo "| raw \`.import\` into \`customers\` + \`customer_events\` | $IMPORT_ROWS | $(f0 "$(cm 5 import-raw-events)") | $(f2 "$(cm 6 import-raw-events)") |"
  echo "| mams-node, full file in ${#CHUNKS[@]} upload(s) | $FULL_OK | $(f0 "$FULL_RATE") | $(f2 "$(div "$FULL_RATE" "$FULL_RAW_RATE")") |"
  echo "| raw \`.import\` into \`customers\`, all rows at once | $FULL_OK | $(f0 "$FULL_RAW_RATE") | 1.00 |"
  echo
  echo "The search index of the $IMPORT_ROWS rows holds $INDEX_TERMS terms. Rejected rows: $SUBSET_REJECTED of $IMPORT_ROWS (subset), $FULL_REJECTED of $CUSTOMERS (full file). Full import: $(f1 "$FULL_SECONDS") s (raw: $(f1 "$FULL_RAW_SECONDS") s)."
  echo
  echo "**Get by id** (\`GET /api/v1/customers/{id}\`, random id of 100,000 per request, bearer token, $GET_BYTES-byte body; wrk -t$THREADS -c$CONNECTIONS -d$DURATION, same Lua script and request for the trivial server; \"bare\": without the Authorization header, as runs before 2026-12-03):"
  echo
  echo "| target | req/s (median) | p50 ms | p99 ms | node ÷ this |"
  echo "|---|---:|---:|---:|---:|"
  echo "| trivial POCO server | $(f0 "$(cm 3 get-trivial)") | $(f2 "$(cm 4 get-trivial)") | $(f2 "$(cm 5 get-trivial)") | **$(f2 "$GET_RATIO")** |"
  echo "| trivial POCO server, bare request | $(f0 "$(cm 3 get-trivial-bare)") | $(f2 "$(cm 4 get-trivial-bare)") | $(f2 "$(cm 5 get-trivial-bare)") | $(f2 "$GET_RATIO_BARE") |"
  echo "| mams-node | $(f0 "$(cm 3 get-node)") | $(f2 "$(cm 4 get-node)") | $(f2 "$(cm 5 get-node)") | 1.00 |"
  echo "| raw prepared SELECT, 1 thread | $(f0 "$(cm 3 get-raw1)") | $(f2 "$(cm 4 get-raw1)") | $(f2 "$(cm 5 get-raw1)") | $(f2 "$(cm 4 get-ratio)") |"
  echo "| raw prepared SELECT, 2 threads | $(f0 "$(cm 3 get-raw2)") | $(f2 "$(cm 4 get-raw2)") | $(f2 "$(cm 5 get-raw2)") | $(f2 "$(cm 5 get-ratio)") |"
  echo "| raw as mams-node asks (prepared per call, $AS_NODE_LABEL, + managers query), 1 thread | $(f0 "$(cm 3 get-asnode1)") | $(f2 "$(cm 4 get-asnode1)") | $(f2 "$(cm 5 get-asnode1)") | $(f2 "$(cm 6 get-ratio)") |"
  echo "| the same, 2 threads | $(f0 "$(cm 3 get-asnode2)") | $(f2 "$(cm 4 get-asnode2)") | $(f2 "$(cm 5 get-asnode2)") | $(f2 "$(cm 7 get-ratio)") |"
  echo
  echo "**Lists** (\`GET /api/v1/customers?…&limit=50\`, default sort -updatedAt; wrk -t$THREADS -c$LIST_CONNECTIONS -d$DURATION; raw: the same COUNT(*) and first page):"
  echo
  echo "| query | rows matched | mams-node req/s | p50 ms | p95 ms | p99 ms | one request alone, ms | raw 1 thread /s | raw 1 thread p50 ms | raw 2 threads /s | node ÷ raw 2 threads |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for i in "${!LIST_QUERIES[@]}"; do
    echo "| \`${LIST_LABELS[$i]}\` | ${LIST_TOTAL[$i]} | $(f1 "$(cm 3 "list-$i-node")") | $(f2 "$(cm 4 "list-$i-node")") | $(f2 "$(cm 7 "list-$i-node")") | $(f2 "$(cm 5 "list-$i-node")") | $(f0 "$(cm 3 "list-$i-alone")") | $(f1 "$(cm 3 "list-$i-raw1")") | $(f2 "$(cm 4 "list-$i-raw1")") | $(f1 "$(cm 3 "list-$i-raw2")") | $(f2 "$(cm 4 "list-$i-ratio")") |"
  done
  echo
  echo "**Search** ($SEARCH_QUERIES queries per class cut from the generated rows, a random one per request; the node with $LIST_CONNECTIONS connections: the search box \`GET /api/v1/search?kinds=customer&limit=10\` and the list's box \`GET /api/v1/customers?q=…&limit=50\`; SQLite on 2 threads: the first 10 live matches by a LIKE scan, and by an FTS5 trigram index built on a copy in $(f1 "$FTS_SECONDS") s, $FTS_MIB MiB with it; the node's index: $INDEX_ROWS terms):"
  echo
  echo "| queries | search box req/s | p50 ms | p95 ms | p99 ms | list box req/s | p95 ms | LIKE scan /s | p95 ms | FTS5 trigram /s | p95 ms | search box ÷ LIKE | ÷ FTS5 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for i in "${!SEARCH_CLASSES[@]}"; do
    c=${SEARCH_CLASSES[$i]}
    echo "| ${SEARCH_LABELS[$i]} | $(f1 "$(cm 3 "search-$c-node")") | $(f2 "$(cm 4 "search-$c-node")") | **$(f2 "$(cm 7 "search-$c-node")")** | $(f2 "$(cm 5 "search-$c-node")") | $(f1 "$(cm 3 "list-$c-node")") | $(f2 "$(cm 7 "list-$c-node")") | $(f1 "$(cm 3 "search-$c-like")") | $(f2 "$(cm 7 "search-$c-like")") | $(f1 "$(cm 3 "search-$c-fts")") | $(f2 "$(cm 7 "search-$c-fts")") | $(f2 "$(cm 3 "search-$c-ratio")") | $(f2 "$(cm 4 "search-$c-ratio")") |"
  done
  echo
  echo "**Report** (\`GET /api/v1/reports/customers.by_org?level=…\`, a random level per request, the whole tree, $REPORT_ROWS rows for \`local\`; wrk -t$THREADS -c$LIST_CONNECTIONS -d$DURATION; raw: the same GROUP BY, 2 threads):"
  echo
  echo "| target | req/s (median) | p50 ms | p95 ms | p99 ms | node ÷ raw |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| mams-node | $(f1 "$(cm 3 report-node)") | $(f2 "$(cm 4 report-node)") | $(f2 "$(cm 7 report-node)") | $(f2 "$(cm 5 report-node)") | **$(f2 "$(cm 3 report-ratio)")** |"
  echo "| raw GROUP BY, 2 threads | $(f1 "$(cm 3 report-raw)") | $(f2 "$(cm 4 report-raw)") | $(f2 "$(cm 7 report-raw)") | $(f2 "$(cm 5 report-raw)") | 1.00 |"
  echo
  echo "**Create** (\`POST /api/v1/customers\`, new credit codes; wrk -t$CREATE_THREADS -c$CREATE_CONNECTIONS -d$DURATION; raw: one INSERT per transaction, synchronous=FULL, 1 thread, on a copy of the file):"
  echo
  echo "| target | creates/s (median) | p50 ms | p95 ms | p99 ms | ratio to raw |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| mams-node | $(f0 "$(cm 3 create-node)") | $(f2 "$(cm 4 create-node)") | $(f2 "$(cm 7 create-node)") | **$(f2 "$(cm 5 create-node)")** | **$(f2 "$(cm 3 create-ratio)")** |"
  echo "| raw INSERT, one transaction each | $(f0 "$(cm 3 create-raw)") | $(f2 "$(cm 4 create-raw)") | $(f2 "$(cm 7 create-raw)") | $(f2 "$(cm 5 create-raw)") | 1.00 |"
  echo
  echo "Medians of $ROUNDS interleaved round(s) (import: $IMPORT_ROUNDS); ratios are per round, against the baseline run next to it, then the median. Non-2xx answers: get $(non2xx_sum get-node), lists $(($(non2xx_sum list-0-node) + $(non2xx_sum list-1-node) + $(non2xx_sum list-2-node))), search $(($(non2xx_sum search-zh2-node) + $(non2xx_sum search-zh4-node) + $(non2xx_sum search-code-node) + $(non2xx_sum list-zh2-node) + $(non2xx_sum list-zh4-node) + $(non2xx_sum list-code-node))), create $(non2xx_sum create-node) (customers created: $CREATED)."
}

echo
echo "== Customers at $CUSTOMERS: per-run figures (label, round, values; see runs.txt)"
column -t -s $'\t' "$WORK/runs.txt" | sed 's/^/  /'
echo
echo "== Query plans (EXPLAIN QUERY PLAN of the raw list statements; IN lists shortened)"
sed 's/^/  /' "$WORK/plans.txt"
echo "== Targets"
awk -v r="$GET_RATIO" -v t="$TARGET_RATIO" 'BEGIN { printf "  get by id over HTTP / trivial handler: %.2f (target >= %.2f: %s)\n", r, t, (r >= t ? "met" : "NOT met") }'
awk -v r="$GET_RATIO_BARE" 'BEGIN { printf "  the same / trivial handler, bare request: %.2f\n", r }'
awk -v r="$IMPORT_RATIO" -v t="$TARGET_RATIO" 'BEGIN { printf "  import / raw bulk load:                %.2f (target >= %.2f: %s)\n", r, t, (r >= t ? "met" : "NOT met") }'
# below: "what" value target, met when value < target ("below") or >= target ("at least")
target_line() {
  awk -v w="$1" -v v="$2" -v t="$3" -v k="$4" 'BEGIN {
    if (v == "") { printf "  %-52s —  (no figure)\n", w; exit }
    met = (k == "below") ? (v < t) : (v >= t)
    printf "  %-52s %8.2f (target %s %s: %s)\n", w, v, (k == "below" ? "<" : ">="), t, (met ? "met" : "NOT met") }'
}
for c in "${SEARCH_CLASSES[@]}"; do
  target_line "search box p95 ms, $c, $LIST_CONNECTIONS users" "$(cm 7 "search-$c-node")" 100 below
  target_line "list box (q=) p95 ms, $c, $LIST_CONNECTIONS users" "$(cm 7 "list-$c-node")" 100 below
done
target_line "list ${LIST_LABELS[0]} p95 ms" "$(cm 7 list-0-node)" 50 below
target_line "list ${LIST_LABELS[1]} p95 ms" "$(cm 7 list-1-node)" 50 below
target_line "report by org ÷ raw GROUP BY (2 threads)" "$(cm 3 report-ratio)" 0.5 "at least"
target_line "create p99 ms, $CREATE_CONNECTIONS writers" "$(cm 5 create-node)" 100 below
target_line "import with the search index ÷ without it" "$(cm 6 import-noindex)" 0.75 "at least"
echo
echo "----- markdown (for bench/RESULTS.md) -----"
echo
md
echo
echo "-------------------------------------------"
