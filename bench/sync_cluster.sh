# Sync benchmarks' nodes: keys, configs, users, processes and tokens of mams-node nodes on
# loopback, each in $WORK/<name>. Source after bench/lib.sh, with NODE_BIN and WORK set.
# shellcheck shell=bash

declare -A HTTP SYNC NODE_PID

# sync_node_prepare NAME...: a directory, a CurveZMQ keypair and two free ports per node.
sync_node_prepare() {
  local n
  for n in "$@"; do
    mkdir -p "$WORK/$n"
    "$NODE_BIN" --gen-keys "$WORK/$n/keys" >/dev/null
    HTTP[$n]=$(free_port)
    SYNC[$n]=$(free_port)
  done
}

sync_node_pub() { head -n1 "$WORK/$1/keys/node.pub"; }

# sync_node_config NAME ID LEVEL ORG PARENT [CHILD:ID:ORG ...]: writes NAME's node.yaml; PARENT
# is the parent's name or "" for none. SYNC_BATCH, SYNC_BYTES, SYNC_WINDOW and LOAD_PAGE_ROWS
# set the sync section's batch_max_changes, batch_max_bytes, window and load_page_rows.
# NODE_YAML, when set, is appended to every node's config (e.g. "search: {index_writes: false}").
sync_node_config() {
  local name=$1 id=$2 level=$3 org=$4 parent=$5 child
  shift 5
  {
    echo "node: {id: $id, level: $level, org: \"$org\"${parent:+, parent: \"tcp://127.0.0.1:${SYNC[$parent]}\"}}"
    echo "http: {bind: 127.0.0.1, port: ${HTTP[$name]}}"
    echo "storage: {sqlite: {path: node.db${NODE_SQLITE:+, $NODE_SQLITE}}}"
    echo "auth: {mfa_for_admins: false}"
    echo "log: {level: warning, console: false, file: node.log}"
    echo "sync:"
    echo "  bind: \"tcp://127.0.0.1:${SYNC[$name]}\""
    echo "  key_file: keys/node.key"
    [[ -z "${SYNC_BATCH:-}" ]] || echo "  batch_max_changes: $SYNC_BATCH"
    [[ -z "${SYNC_BYTES:-}" ]] || echo "  batch_max_bytes: $SYNC_BYTES"
    [[ -z "${SYNC_WINDOW:-}" ]] || echo "  window: $SYNC_WINDOW"
    [[ -z "${LOAD_PAGE_ROWS:-}" ]] || echo "  load_page_rows: $LOAD_PAGE_ROWS"
    [[ -z "$parent" ]] || echo "  parent_public_key: \"$(sync_node_pub "$parent")\""
    if (($# > 0)); then
      echo "  children:"
      for child in "$@"; do
        IFS=: read -r cname cid corg <<<"$child"
        echo "    - {node: $cid, org: \"$corg\", public_key: \"$(sync_node_pub "$cname")\"}"
      done
    fi
    [[ -z "${NODE_YAML:-}" ]] || echo "$NODE_YAML"
  } >"$WORK/$name/node.yaml"
}

# sync_node_users NAME ORG: bench.admin (province_manager) and bench.sysadmin (system_admin).
sync_node_users() {
  local user
  for user in bench.admin:province_manager bench.sysadmin:system_admin; do
    MAMS_NEW_USER_PASSWORD="$BENCH_PASSWORD" "$NODE_BIN" --config "$WORK/$1/node.yaml" \
      --create-user "${user%%:*}" --role "${user#*:}" --org "$2" >>"$WORK/$1/create-user.txt" 2>&1 ||
      die "--create-user at $1 failed: $(cat "$WORK/$1/create-user.txt")"
  done
}

# sync_node_start NAME: in the background, until /healthz answers.
sync_node_start() {
  (cd "$WORK/$1" && exec "$NODE_BIN" --config node.yaml >>stdout.txt 2>>stderr.txt) &
  PIDS+=("$!")
  NODE_PID[$1]=$!
  wait_healthz "http://127.0.0.1:${HTTP[$1]}" "$!" "mams-node $1" "$WORK/$1" 60
}

sync_node_stop() {
  kill "${NODE_PID[$1]}" 2>/dev/null || true
  wait "${NODE_PID[$1]}" 2>/dev/null || true
}

# sync_node_token NAME USER: an API token of USER (a sysadmin session makes it).
sync_node_token() {
  local url="http://127.0.0.1:${HTTP[$1]}" session csrf uid
  session=$(LOGIN_BODY="$WORK/$1/login.json" login "$url" bench.sysadmin) || die "log-in at $1 failed"
  csrf=$(json_field "$WORK/$1/login.json" csrfToken)
  uid=$(curl -fsS -H "Cookie: mams_session=$session" "$url/api/v1/users?q=$2" |
    python3 -c 'import json,sys; print(next(u["id"] for u in json.load(sys.stdin)["items"] if u["username"] == sys.argv[1]))' "$2")
  curl -fsS -X POST -H "Cookie: mams_session=$session" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' --data '{"name":"bench","expiresInDays":30}' \
    "$url/api/v1/users/$uid/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# sync_generate COUNT SEED DIR: COUNT generated customers of 广州 (440100) in DIR/customers.csv.
sync_generate() {
  log "generating $1 customers of 广州 (440100)"
  python3 "$REPO_ROOT/deploy/gen_sample_data.py" --customers "$1" --orgs 440100 --seed "$2" \
    --no-contacts --no-revenue --out "$3" >"$WORK/gen.txt" 2>&1 ||
    die "generator failed: $(cat "$WORK/gen.txt")"
}

# sync_chain_start: group (CN) <- gd (440000) <- gz (440100), running, users made at gz.
sync_chain_start() {
  sync_node_prepare group gd gz
  sync_node_config group bench-group group CN "" gd:bench-gd:440000
  sync_node_config gd bench-gd province 440000 group gz:bench-gz:440100
  sync_node_config gz bench-gz local 440100 gd
  sync_node_users gz 440100
  local n
  for n in group gd gz; do sync_node_start "$n"; done
}
