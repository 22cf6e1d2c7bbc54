# Helpers of the customer harnesses (run_customers.sh on SQLite, run_customers_mariadb.sh on
# MariaDB), sourced after bench/lib.sh. They read the harness's settings: WORK, CUSTOMERS, SEED,
# CACHE_DIR, CREATE_POOL, GEN, DATA_PY, ADMIN_USER, SYSADMIN_USER, LIST_CONNECTIONS, WARMUP,
# DURATION, PATHS_LUA, and PIDS (lib.sh).

# customers_generate -> DATA, CSV, CREATE_COUNT: CUSTOMERS generated customers (seed SEED) and
# CREATE_POOL more as create bodies, kept in CACHE_DIR between runs (keyed by size, seed and the
# generator's checksum).
customers_generate() {
  local sum
  sum=$(sha1sum "$GEN" | cut -c1-10)
  DATA="$CACHE_DIR/customers-$CUSTOMERS-seed$SEED-gen$sum"
  if [[ ! -f "$DATA/done" ]]; then
    rm -rf "$DATA"
    mkdir -p "$DATA"
    log "generating $CUSTOMERS customers (seed $SEED) into $DATA"
    python3 "$GEN" --customers "$CUSTOMERS" --seed "$SEED" --no-contacts --no-revenue \
      --out "$DATA/main" >&2
    log "generating $CREATE_POOL more customers for the create runs (seed $((SEED + 1000)))"
    python3 "$GEN" --customers "$CREATE_POOL" --seed "$((SEED + 1000))" --start-no "$((CUSTOMERS + 1))" \
      --no-contacts --no-revenue --out "$DATA/extra" >&2
    python3 "$DATA_PY" create "$DATA/main/customers.csv" "$DATA/extra/customers.csv" \
      "$DATA/create-bodies.jsonl" "$DATA/create-rows.tsv" >"$DATA/create-count.txt"
    touch "$DATA/done"
  else
    log "using the generated files in $DATA"
  fi
  CSV="$DATA/main/customers.csv"
  CREATE_COUNT=$(cat "$DATA/create-count.txt")
}

# start_node NAME [YAML_LINE] -> NODE_DIR, NODE_URL, NODE_PID, NODE_DB, AUTH (bearer header of
# bench.admin); YAML_LINE is added to the node's config (e.g. a module's section).
# A fresh node; its storage is NODE_STORAGE (a YAML line; default: a fresh SQLite file
# bench.db with NODE_SQLITE's settings, whose path is NODE_DB). bench.admin (group_admin at
# CN: every customer in scope) gets an API token issued by bench.sysadmin (system_admin) over
# the API. TOTP for admin roles is switched off in this node's config (auth.mfa_for_admins:
# false) so both can log in with a password alone.
start_node() {
  NODE_DIR="$WORK/$1"
  mkdir -p "$NODE_DIR"
  local port storage="${NODE_STORAGE:-}"
  port=$(free_port)
  [[ -n "$storage" ]] || storage="storage: {sqlite: {path: bench.db${NODE_SQLITE:+, $NODE_SQLITE}}}"
  cat >"$NODE_DIR/node.yaml" <<EOF
node: {id: bench-group, level: group, org: CN}
http: {bind: 127.0.0.1, port: $port}
$storage
auth: {mfa_for_admins: false}
log: {level: warning, console: false, file: node.log}
${2:-}
EOF
  local user role
  for user in "$ADMIN_USER:group_admin" "$SYSADMIN_USER:system_admin"; do
    role=${user#*:}
    user=${user%%:*}
    MAMS_NEW_USER_PASSWORD="$BENCH_PASSWORD" "$NODE_BIN" --config "$NODE_DIR/node.yaml" \
      --create-user "$user" --role "$role" --org CN >>"$NODE_DIR/create-user.txt" 2>&1 ||
      die "mams-node --create-user $user failed: $(cat "$NODE_DIR/create-user.txt")"
  done
  "$NODE_BIN" --config "$NODE_DIR/node.yaml" >"$NODE_DIR/stdout.txt" 2>"$NODE_DIR/stderr.txt" &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  NODE_URL="http://127.0.0.1:$port"
  wait_healthz "$NODE_URL" "$NODE_PID" "mams-node ($1)" "$NODE_DIR"
  NODE_DB="$NODE_DIR/bench.db"
  [[ -n "${NODE_STORAGE:-}" || -f "$NODE_DB" ]] ||
    die "no $NODE_DB after start; where does storage.sqlite.path point?"

  local session csrf uid
  session=$(LOGIN_BODY="$NODE_DIR/login.json" login "$NODE_URL" "$SYSADMIN_USER") ||
    die "log-in as $SYSADMIN_USER failed"
  [[ -n "$session" ]] || die "log-in as $SYSADMIN_USER set no session cookie"
  csrf=$(json_field "$NODE_DIR/login.json" csrfToken)
  curl -fsS -H "Cookie: mams_session=$session" "$NODE_URL/api/v1/users?q=$ADMIN_USER" \
    >"$NODE_DIR/users.json" || die "GET /api/v1/users failed"
  uid=$(python3 -c 'import json, sys
print(next(u["id"] for u in json.load(open(sys.argv[1]))["items"] if u["username"] == sys.argv[2]))' \
        "$NODE_DIR/users.json" "$ADMIN_USER") || die "no $ADMIN_USER in $NODE_DIR/users.json"
  curl -fsS -X POST -H "Cookie: mams_session=$session" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' --data '{"name":"bench","expiresInDays":30}' \
    "$NODE_URL/api/v1/users/$uid/tokens" >"$NODE_DIR/token.json" ||
    die "issuing an API token for $ADMIN_USER failed"
  AUTH="Authorization: Bearer $(json_field "$NODE_DIR/token.json" token)"
  # Connections the idle node holds (on MySQL the sync leader keeps one for its lock).
  NODE_IDLE_IN_USE=$(pool_in_use)
  log "mams-node ($1) on $NODE_URL, pid $NODE_PID; $ADMIN_USER has an API token"
}

pool_in_use() { curl -fsS "$NODE_URL/metrics" | awk '$1 == "mams_storage_pool_in_use" { print $2 }'; }

# wait_idle: until no request of the node holds a database connection, beyond those the idle
# node holds (wrk abandons requests in flight when its time is up; a slow list would otherwise
# run on into the next measurement).
wait_idle() {
  local deadline=$((SECONDS + 300)) busy
  while :; do
    busy=$(pool_in_use)
    ((busy > ${NODE_IDLE_IN_USE:-0})) || return 0
    ((SECONDS < deadline)) || { log "warning: the node still has $busy busy connections after 300 s"; return 0; }
    sleep 0.2
  done
}

# wrk_record LABEL ROUND OUTFILE -> appends "LABEL round reqs p50 p99 non2xx p95" to runs.txt;
# sets WRK_REQS
wrk_record() {
  local p95 p50 p99
  read -r WRK_REQS p50 p99 < <(wrk_parse "$3") || die "cannot parse $3"
  p95=$(wrk_p95 "$3")
  if awk -v r="$WRK_REQS" 'BEGIN { exit !(r == 0) }'; then
    p50=""  # no request finished within the run: no latency to report
    p99=""
    p95=""
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$WRK_REQS" "$p50" "$p99" "$(wrk_non2xx "$3")" "$p95" >>"$WORK/runs.txt"
}

# node_wrk LABEL ROUND OUT: one wrk run of PATHS_FILE's requests against the node with
# LIST_CONNECTIONS users (after a warm-up in round 1), recorded as LABEL; sets WRK_REQS.
node_wrk() {
  local label=$1 round=$2 out=$3
  if [[ "$round" == 1 && "$WARMUP" != 0 ]]; then
    WRK_CONNECTIONS=$LIST_CONNECTIONS WRK_TIMEOUT=60s wrk_run "$out.warmup" "$WARMUP" "$NODE_URL/" "$AUTH" "$PATHS_LUA"
    wait_idle
  fi
  WRK_CONNECTIONS=$LIST_CONNECTIONS WRK_TIMEOUT=60s wrk_run "$out" "$DURATION" "$NODE_URL/" "$AUTH" "$PATHS_LUA"
  wait_idle
  wrk_record "$label" "$round" "$out"
}

stop_pid() {
  local pid=$1 kept=() p
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do
    [[ "$p" == "$pid" ]] || kept+=("$p")
  done
  PIDS=("${kept[@]}")
}

# upload FILE... -> IMPORT_SECONDS, IMPORT_OK, IMPORT_REJECTED (all files, in order)
upload() {
  local file n=0 start code ok rejected total
  IMPORT_OK=0
  IMPORT_REJECTED=0
  start=$(now)
  for file in "$@"; do
    n=$((n + 1))
    code=$(curl -sS -o "$file.response.json" -w '%{http_code}' -X POST -H "$AUTH" \
                -H 'Content-Type: text/csv; charset=utf-8' --data-binary "@$file" \
                "$NODE_URL/api/v1/imports?kind=customers&mode=apply") ||
      die "upload of $file failed"
    [[ "$code" == 201 ]] || die "upload of $file answered $code: $(head -c 600 "$file.response.json")"
    read -r ok rejected total < <(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["rowsOk"], r["rowsRejected"], r["rowsTotal"])' "$file.response.json")
    IMPORT_OK=$((IMPORT_OK + ok))
    IMPORT_REJECTED=$((IMPORT_REJECTED + rejected))
    if ((rejected > 0)); then
      log "warning: $file: $rejected of $total rows rejected; the first reasons:"
      python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["rejected"][:5]:
    print("   line %s, %s: %s" % (r["line"], r["column"], r["reason"]))' "$file.response.json" >&2
    fi
    (($# == 1)) || log "  upload $n/$#: $ok rows ok, $rejected rejected"
  done
  IMPORT_SECONDS=$(elapsed "$start" "$(now)")
}
