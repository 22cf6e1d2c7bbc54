#!/usr/bin/env bash
# Customer profiles at scale with the node's database on MariaDB (the production set-up):
# import, filtered lists, the search box and the list's box, and creates with several writers,
# each beside MariaDB doing the same work itself in the same run. The SQLite figures come from
# run_customers.sh; this is its MariaDB half, smaller (no get-by-id or report parts).
#
#   ./bench/run_customers_mariadb.sh                  # 1,000,000 customers (about 40 min)
#   CUSTOMERS=20000 ./bench/run_customers_mariadb.sh  # smoke run (about 3 min)
#
# Environment (see run_customers.sh for the shared ones): CUSTOMERS, SEED, CACHE_DIR,
# IMPORT_ROWS (default 100000), CHUNK_ROWS, CREATE_POOL, LIST_CONNECTIONS (8),
# CREATE_CONNECTIONS (4), LIST_Q (科技), SEARCH_QUERIES (2000), DURATION, WARMUP,
#   BUFFER_POOL     innodb_buffer_pool_size of the server (default 1G)
#   RAW_QUERIES     queries of each raw search class and list (default 100: a LIKE scan of 10⁶
#                   rows takes about a second)
#
# What it does, on one MariaDB 10.11 server (row binlog, every commit flushed, as a primary):
#  1. import rate: IMPORT_ROWS rows POSTed to /api/v1/imports on a node over a fresh database,
#     the same with search.index_writes off (the index's share), and MariaDB's own LOAD DATA of
#     the same rows as the node stored them into an empty copy of the table; then the full
#     file into the node used below;
#  2. lists with two filters and a name substring: wrk against the node beside the same
#     COUNT(*) and first page run by 2 mariadb clients;
#  3. search: per class of query (two Chinese characters, four, a credit-code prefix) the search
#     box and the list's box with LIST_CONNECTIONS users, beside 2 mariadb clients finding the
#     first 10 live matches by LIKE (InnoDB's FULLTEXT parser does not split Chinese, and
#     MariaDB has no n-gram parser: LIKE is how MariaDB searches these names);
#  4. create: wrk POSTs of new customers with CREATE_CONNECTIONS writers, beside
#     CREATE_CONNECTIONS mariadb clients inserting the rows the node wrote (one INSERT a
#     transaction) into a copy of the table as it was before.
# A benchmark, not a test: nothing here runs in CI. See bench/README.md and bench/RESULTS.md.
set -euo pipefail

BENCH_TAG=run_customers_mariadb
CUSTOMERS=${CUSTOMERS:-1000000}
[[ "$CUSTOMERS" =~ ^[1-9][0-9]*$ ]] || { echo "CUSTOMERS must be a positive integer" >&2; exit 1; }
((CUSTOMERS >= 100000)) || DURATION=${DURATION:-3s}
SEED=${SEED:-1}
CACHE_DIR=${CACHE_DIR:-/tmp/mams-bench-cache}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
((IMPORT_ROWS <= CUSTOMERS)) || IMPORT_ROWS=$CUSTOMERS
CHUNK_ROWS=${CHUNK_ROWS:-250000}
CREATE_POOL=${CREATE_POOL:-200000}
LIST_CONNECTIONS=${LIST_CONNECTIONS:-8}
CREATE_CONNECTIONS=${CREATE_CONNECTIONS:-4}
LIST_Q=${LIST_Q:-科技}
SEARCH_QUERIES=${SEARCH_QUERIES:-2000}
RAW_QUERIES=${RAW_QUERIES:-100}
BUFFER_POOL=${BUFFER_POOL:-1G}
ADMIN_USER=bench.admin
SYSADMIN_USER=bench.sysadmin
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench/customers_lib.sh
. "$REPO_ROOT/bench/customers_lib.sh"
# shellcheck source=bench/mariadb_lib.sh
. "$REPO_ROOT/bench/mariadb_lib.sh"

GEN="$REPO_ROOT/deploy/gen_sample_data.py"
DATA_PY="$REPO_ROOT/bench/customers_data.py"
CREATE_LUA="$REPO_ROOT/bench/customers_create.lua"
PATHS_LUA="$REPO_ROOT/bench/paths.lua"
command -v mariadbd >/dev/null || die "mariadbd not found (deploy/test.sh installs mariadb-server)"
COMMIT=${COMMIT:-$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)}
bench_start customers-mariadb "logs, configs and raw wrk output"
: >"$WORK/runs.txt"  # label \t round \t value columns, as run_customers.sh
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b == 0 ? 0 : a / b) }'; }

customers_generate
log "customers.csv: $CUSTOMERS rows; $CREATE_COUNT create bodies"
mkdir -p "$WORK/chunks"
python3 "$DATA_PY" split "$CSV" "$WORK/chunks" "$CHUNK_ROWS" >"$WORK/chunks.txt"
mapfile -t CHUNKS <"$WORK/chunks.txt"
python3 "$DATA_PY" head "$CSV" "$WORK/import-subset.csv" "$IMPORT_ROWS"

start_mariadb db 1 "$BUFFER_POOL"
export MAMS_BENCH_DB_PASSWORD=mams-pass
# node_on DATABASE NAME [YAML_LINE]: a node over a fresh database of the server.
node_on() {
  sql db -e "CREATE DATABASE $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  NODE_STORAGE="storage: {mysql: {host: 127.0.0.1, port: ${DBPORT[db]}, database: $1, user: mams, password_env: MAMS_BENCH_DB_PASSWORD}}" \
    start_node "$2" "${3:-}"
}

# raw_clients LABEL CLIENTS SQL_FILE -> RAW_PER_S: the statements of SQL_FILE (one a line)
# dealt round-robin to CLIENTS mariadb clients at once, each in autocommit; statements per
# second of wall time. Appended to runs.txt as "LABEL 1 per_s".
raw_clients() {
  local label=$1 clients=$2 file=$3 start k lines
  lines=$(wc -l <"$file")
  for ((k = 0; k < clients; k++)); do
    awk -v n="$clients" -v k="$k" 'NR % n == k' "$file" >"$file.part$k"
  done
  start=$(now)
  for ((k = 0; k < clients; k++)); do
    sql db -N -B <"$file.part$k" >/dev/null &
  done
  wait_clients "$clients"
  RAW_PER_S=$(div "$lines" "$(elapsed "$start" "$(now)")")
  printf '%s\t1\t%s\n' "$label" "$RAW_PER_S" >>"$WORK/runs.txt"
}
# wait_clients N: waits for the N background clients just started (not the server or node).
wait_clients() {
  local pids
  mapfile -t pids < <(jobs -p | tail -n "$1")
  for p in "${pids[@]}"; do wait "$p" || die "a mariadb client failed"; done
}

# --- 1. import -------------------------------------------------------------------------------
log "import rate: $IMPORT_ROWS rows without the search index, with it, then LOAD DATA"
node_on import_noindex import-noindex "search: {index_writes: false}"
upload "$WORK/import-subset.csv"
NOINDEX_RATE=$(div "$IMPORT_OK" "$IMPORT_SECONDS")
stop_pid "$NODE_PID"
node_on import_sub import-sub
upload "$WORK/import-subset.csv"
SUB_RATE=$(div "$IMPORT_OK" "$IMPORT_SECONDS")
stop_pid "$NODE_PID"
sql db -e "SELECT * INTO OUTFILE '$WORK/subset-rows.tsv' FROM import_sub.customers;
  CREATE DATABASE raw_import; CREATE TABLE raw_import.customers LIKE import_sub.customers"
start=$(now)
sql db -e "LOAD DATA INFILE '$WORK/subset-rows.tsv' INTO TABLE raw_import.customers"
RAW_IMPORT_RATE=$(div "$IMPORT_ROWS" "$(elapsed "$start" "$(now)")")
sql db -e "DROP DATABASE import_noindex; DROP DATABASE import_sub; DROP DATABASE raw_import"
log "  node $SUB_RATE rows/s, without the index $NOINDEX_RATE, LOAD DATA $RAW_IMPORT_RATE"

node_on mams reads
log "full import: $CUSTOMERS rows in ${#CHUNKS[@]} upload(s)"
upload "${CHUNKS[@]}"
FULL_RATE=$(div "$IMPORT_OK" "$IMPORT_SECONDS")
FULL_SECONDS=$IMPORT_SECONDS
[[ "$IMPORT_REJECTED" == 0 ]] || log "warning: $IMPORT_REJECTED rows rejected"
sql db -e "ANALYZE TABLE mams.customers" >/dev/null
log "  $IMPORT_OK rows in ${FULL_SECONDS}s ($FULL_RATE rows/s)"

# --- 2. lists --------------------------------------------------------------------------------
# The SQL the node ran before its bounded counts (modules/accounts/customers/): an exact
# COUNT(*) of the matches, then the first page by updated_at.
SUBTREE=$(sql db -N -B -e "WITH RECURSIVE t(code) AS (SELECT '440000' UNION SELECT o.code FROM mams.orgs o
  JOIN t ON o.parent_code = t.code WHERE o.deleted = 0) SELECT GROUP_CONCAT(QUOTE(code)) FROM t")
Q_ENC=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$LIST_Q")
LIST_LABELS=("org=440000&state=active" "industry=I&level=province" "q=$LIST_Q")
LIST_QUERIES=("org=440000&state=active" "industry=I&level=province" "q=$Q_ENC")
LIST_WHERE=("deleted = 0 AND state = 'active' AND org_code IN ($SUBTREE)"
            "deleted = 0 AND industry = 'I' AND level = 'province'"
            "deleted = 0 AND name LIKE '%$LIST_Q%'")
for i in "${!LIST_QUERIES[@]}"; do
  echo "/api/v1/customers?${LIST_QUERIES[$i]}&limit=50" >"$WORK/list-$i.paths"
  for ((k = 0; k < RAW_QUERIES; k++)); do
    echo "SELECT COUNT(*) FROM mams.customers WHERE ${LIST_WHERE[$i]}; SELECT * FROM mams.customers WHERE ${LIST_WHERE[$i]} ORDER BY updated_at DESC, id LIMIT 50;"
  done >"$WORK/list-$i.sql"
  export PATHS_FILE="$WORK/list-$i.paths"
  log "list ${LIST_LABELS[$i]}: mams-node ($DURATION), raw COUNT and page, 2 clients"
  node_wrk "list-$i-node" 1 "$WORK/wrk-list-$i.txt"
  raw_clients "list-$i-raw" 2 "$WORK/list-$i.sql"
  log "  mams-node $WRK_REQS req/s; raw $RAW_PER_S per s"
done

# --- 3. search -------------------------------------------------------------------------------
SEARCH_CLASSES=(zh2 zh4 code)
SEARCH_LABELS=("two Chinese characters" "four Chinese characters" "credit-code prefix, 8 characters")
python3 "$DATA_PY" queries "$CSV" "$WORK/queries" "$SEARCH_QUERIES" "$SEED"
for c in "${SEARCH_CLASSES[@]}"; do
  column=name
  [[ "$c" != code ]] || column=credit_code
  head -n "$RAW_QUERIES" "$WORK/queries/$c.like" |
    sed "s/'/''/g; s/.*/SELECT id, name, customer_no, org_code FROM mams.customers WHERE deleted = 0 AND $column LIKE '&' LIMIT 10;/" \
    >"$WORK/search-$c.sql"
  for target in search list; do
    export PATHS_FILE="$WORK/queries/$c.$target"
    log "search $c: the $target box ($DURATION)"
    node_wrk "$target-$c-node" 1 "$WORK/wrk-$target-$c.txt"
  done
  raw_clients "search-$c-like" 2 "$WORK/search-$c.sql"
  log "  raw LIKE $RAW_PER_S per s"
done

# --- 4. create -------------------------------------------------------------------------------
sql db -e "CREATE DATABASE raw_create; CREATE TABLE raw_create.customers LIKE mams.customers;
  INSERT INTO raw_create.customers SELECT * FROM mams.customers"
CREATED_FROM=$(sql db -N -B -e "SELECT MAX(created_at) FROM mams.customers")
export CREATE_BODIES="$DATA/create-bodies.jsonl"
export CREATE_BLOCK=$((CREATE_COUNT / 2 / CREATE_CONNECTIONS))
export CREATE_FIRST=0
log "create: mams-node ($DURATION, $CREATE_CONNECTIONS connections)"
WRK_THREADS=$CREATE_CONNECTIONS WRK_CONNECTIONS=$CREATE_CONNECTIONS \
  wrk_run "$WORK/wrk-create.txt" "$DURATION" "$NODE_URL/" "$AUTH" "$CREATE_LUA"
wait_idle
wrk_record create-node 1 "$WORK/wrk-create.txt"
CREATE_REQS=$WRK_REQS
mariadb-dump --no-defaults --socket="$WORK/maria-db.sock" -uroot --no-create-info --skip-extended-insert \
  --compact --skip-add-locks --skip-disable-keys --where="created_at > '$CREATED_FROM'" mams customers |
  sed 's/^INSERT INTO `customers`/INSERT INTO raw_create.customers/' | grep '^INSERT' >"$WORK/create.sql"
log "  mams-node $CREATE_REQS creates/s; raw: the $(wc -l <"$WORK/create.sql") rows it wrote, $CREATE_CONNECTIONS clients"
raw_clients create-raw "$CREATE_CONNECTIONS" "$WORK/create.sql"
log "  raw $RAW_PER_S inserts/s"

# --- 5. tables -------------------------------------------------------------------------------
cm() { column_median "$WORK/runs.txt" "$1" "$2"; }
f0() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
f2() { if [[ -z "$1" ]]; then echo "—"; else awk -v v="$1" 'BEGIN { printf "%.2f", v }'; fi; }
machine_info
{
  echo "Customers on MariaDB 10.11 (buffer pool $BUFFER_POOL, row binlog, every commit flushed): $CUSTOMERS generated (seed $SEED); commit $COMMIT; $MACHINE; $OS; $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "| part | mams-node | p50 ms | p95 ms | p99 ms | MariaDB itself | node ÷ MariaDB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  echo "| import of $IMPORT_ROWS rows, rows/s (without the index: $(f0 "$NOINDEX_RATE"); with ÷ without **$(f2 "$(div "$SUB_RATE" "$NOINDEX_RATE")")**) | $(f0 "$SUB_RATE") | | | | LOAD DATA $(f0 "$RAW_IMPORT_RATE") | **$(f2 "$(div "$SUB_RATE" "$RAW_IMPORT_RATE")")** |"
  echo "| full import of $CUSTOMERS rows, rows/s | $(f0 "$FULL_RATE") | | | | | |"
  for i in "${!LIST_QUERIES[@]}"; do
    echo "| list \`${LIST_LABELS[$i]}\`, req/s ($LIST_CONNECTIONS users; raw: exact COUNT and page, 2 clients) | $(f0 "$(cm 3 "list-$i-node")") | $(f2 "$(cm 4 "list-$i-node")") | **$(f2 "$(cm 7 "list-$i-node")")** | $(f2 "$(cm 5 "list-$i-node")") | $(f2 "$(cm 3 "list-$i-raw")") | $(f2 "$(div "$(cm 3 "list-$i-node")" "$(cm 3 "list-$i-raw")")") |"
  done
  for i in "${!SEARCH_CLASSES[@]}"; do
    c=${SEARCH_CLASSES[$i]}
    echo "| search box, ${SEARCH_LABELS[$i]}, req/s (raw: first 10 by LIKE, 2 clients) | $(f0 "$(cm 3 "search-$c-node")") | $(f2 "$(cm 4 "search-$c-node")") | **$(f2 "$(cm 7 "search-$c-node")")** | $(f2 "$(cm 5 "search-$c-node")") | $(f2 "$(cm 3 "search-$c-like")") | $(f2 "$(div "$(cm 3 "search-$c-node")" "$(cm 3 "search-$c-like")")") |"
    echo "| list box, ${SEARCH_LABELS[$i]}, req/s | $(f0 "$(cm 3 "list-$c-node")") | $(f2 "$(cm 4 "list-$c-node")") | **$(f2 "$(cm 7 "list-$c-node")")** | $(f2 "$(cm 5 "list-$c-node")") | | |"
  done
  echo "| create, $CREATE_CONNECTIONS writers, creates/s (raw: the same rows, one INSERT a transaction, $CREATE_CONNECTIONS clients) | $(f0 "$CREATE_REQS") | $(f2 "$(cm 4 create-node)") | $(f2 "$(cm 7 create-node)") | **$(f2 "$(cm 5 create-node)")** | $(f0 "$(cm 3 create-raw)") | $(f2 "$(div "$CREATE_REQS" "$(cm 3 create-raw)")") |"
} | tee "$WORK/summary.md"
