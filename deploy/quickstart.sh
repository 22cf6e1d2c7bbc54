#!/usr/bin/env bash
# Runs a whole MAMS hierarchy on this machine: one group node, two provinces and two local
# networks under each (seven mams-node processes on loopback, each with its own SQLite file,
# web console and CurveZMQ keys), linked by the sync layer. The first run installs what is
# missing, builds, generates keys and configs, creates demo users and loads sample customers
# at the local networks; they reach their province and the group through sync. Later runs
# resume with the data kept; a running cluster is left running. Each node runs under a
# supervisor (deploy/supervise.sh) that restarts it when it dies, with a back-off.
#
#   ./deploy/quickstart.sh [--customers N]   start (or show) the cluster; N sample customers
#                                           per local network at the first run (default 1000)
#   ./deploy/quickstart.sh --stop           stop every node and its supervisor; data stays in
#                                           the state directory
#
# State lives in $MAMS_STATE_DIR (default .mams-state/cluster in the repository), one folder
# per node: node.yaml, data/, keys/, logs/, run/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

state_dir="${MAMS_STATE_DIR:-$MAMS_ROOT/.mams-state/cluster}"
node_bin="$MAMS_BUILD_DIR/node/mams-node"

# The hierarchy: "node-id level org parent-node-id preferred-http-port".
NODES=(
  "group-hq group CN - 8080"
  "gd-province province 440000 group-hq 8081"
  "js-province province 320000 group-hq 8082"
  "gz-local local 440100 gd-province 8083"
  "sz-local local 440300 gd-province 8084"
  "nj-local local 320100 js-province 8085"
  "suz-local local 320500 js-province 8086"
)

# Demo accounts: "node-id username role display-name". Every level has an administrator
# (TOTP enrolment at first log-in) and an account manager or its level's equivalent.
DEMO_USERS=(
  "group-hq admin system_admin 系统管理员"
  "group-hq auditor security_auditor 安全审计员"
  "group-hq hq.admin group_admin 集团管理员"
  "group-hq hq.analyst group_analyst 集团分析员"
  "gd-province gd.admin system_admin 广东省系统管理员"
  "gd-province gd.manager province_manager 广东省大客户经理"
  "js-province js.admin system_admin 江苏省系统管理员"
  "js-province js.manager province_manager 江苏省大客户经理"
  "gz-local gz.admin system_admin 广州系统管理员"
  "gz-local gz.manager account_manager 广州客户经理"
  "gz-local gz.staff local_staff 广州服务人员"
  "sz-local sz.admin system_admin 深圳系统管理员"
  "sz-local sz.manager account_manager 深圳客户经理"
  "nj-local nj.admin system_admin 南京系统管理员"
  "nj-local nj.manager account_manager 南京客户经理"
  "suz-local suz.admin system_admin 苏州系统管理员"
  "suz-local suz.manager account_manager 苏州客户经理"
)

field() { local -a parts; read -r -a parts <<<"$1"; echo "${parts[$2]}"; }
node_line() {
  local line
  for line in "${NODES[@]}"; do
    [ "$(field "$line" 0)" = "$1" ] && { echo "$line"; return 0; }
  done
  return 1
}
node_dir() { echo "$state_dir/$1"; }
config_value() { sed -n "s/^  $2: \"\{0,1\}\([^\"]*\)\"\{0,1\}.*/\1/p" "$(node_dir "$1")/node.yaml" | head -n1; }
http_port() { config_value "$1" port; }

node_pid() {
  local pid_file
  pid_file="$(node_dir "$1")/run/mams-node.pid"
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null || return 1
  # After a reboot the number may belong to another program: only ever signal our node.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "mams-node --config node.yaml" || return 1
  echo "$pid"
}

# The supervisor (deploy/supervise.sh) that restarts the node when it dies.
supervisor_pid() {
  local pid_file pid
  pid_file="$(node_dir "$1")/run/supervisor.pid"
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "supervise.sh $1 " || return 1
  echo "$pid"
}

# Stops the supervisor first (it passes TERM on to the node and restarts nothing after),
# then waits for both; a node without a supervisor is sent TERM itself.
stop_node() {
  local id="$1" pid supervisor=""
  pid="$(node_pid "$id")" || pid=""
  if supervisor="$(supervisor_pid "$id")"; then
    kill -TERM "$supervisor"
  elif [ -n "$pid" ]; then
    kill -TERM "$pid"
  fi
  for _ in $(seq 1 200); do
    { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } ||
      { [ -n "$supervisor" ] && kill -0 "$supervisor" 2>/dev/null; } || break
    sleep 0.1
  done
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    mams::log "$id (pid $pid) did not stop within 20 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(node_dir "$id")/run/mams-node.pid" "$(node_dir "$id")/run/supervisor.pid"
}

stop_cluster() {
  local line id running=0
  for line in "${NODES[@]}"; do
    id="$(field "$line" 0)"
    if node_pid "$id" >/dev/null || supervisor_pid "$id" >/dev/null; then
      running=$((running + 1))
    fi
    stop_node "$id" &
  done
  wait
  echo "stopped $running node(s); data kept in $state_dir"
}

# Ports handed out in this run, so two nodes never get the same one.
declare -A taken_ports=()
pick_port() {
  local port="$1"
  if [ "${MAMS_QUICKSTART_PORTS:-}" = "random" ] || [ -n "${taken_ports[$port]:-}" ] ||
     (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    port="$(mams::free_port)"
    while [ -n "${taken_ports[$port]:-}" ]; do port="$(mams::free_port)"; done
  fi
  taken_ports[$port]=1
  echo "$port"
}

# Keys, ports and configs for all nodes at once: a parent's config names its children's
# public keys and a child's names its parent's endpoint and key.
configure_cluster() {
  local line id level org parent preferred dir
  local -A http_ports=() sync_ports=() public_keys=()
  # Only ever a directory this script made (a cut-short first run) or an empty one.
  if [ -d "$state_dir" ] && [ -n "$(ls -A "$state_dir")" ] && [ ! -f "$state_dir/.quickstart" ]; then
    mams::log "$state_dir is not empty and was not made by this script; give another MAMS_STATE_DIR"
    exit 1
  fi
  rm -rf "$state_dir"
  mkdir -p "$state_dir"
  touch "$state_dir/.quickstart"
  for line in "${NODES[@]}"; do
    read -r id level org parent preferred <<<"$line"
    dir="$(node_dir "$id")"
    mkdir -p "$dir/data" "$dir/logs" "$dir/run"
    "$node_bin" --gen-keys "$dir/keys" >/dev/null
    public_keys[$id]="$(cat "$dir/keys/node.pub")"
    http_ports[$id]="$(pick_port "$preferred")"
    [ "$level" = local ] || sync_ports[$id]="$(pick_port $((preferred - 8080 + 7600)))"
  done
  for line in "${NODES[@]}"; do
    read -r id level org parent preferred <<<"$line"
    {
      echo "# Written by deploy/quickstart.sh for the demo cluster; see docs/configuration.md."
      echo "node:"
      echo "  id: $id"
      echo "  level: $level"
      echo "  org: \"$org\""
      [ "$parent" = - ] || echo "  parent: tcp://127.0.0.1:${sync_ports[$parent]}"
      echo "http:"
      echo "  bind: 127.0.0.1"
      echo "  port: ${http_ports[$id]}"
      echo "storage:"
      echo "  sqlite:"
      echo "    path: data/mams.db"
      echo "log:"
      echo "  level: information"
      echo "  console: false"
      echo "  file: logs/mams-node.log"
      echo "sync:"
      echo "  key_file: keys/node.key"
      [ "$level" = local ] || echo "  bind: tcp://127.0.0.1:${sync_ports[$id]}"
      [ "$parent" = - ] || echo "  parent_public_key: \"${public_keys[$parent]}\""
      local child child_id
      local -a children=()
      for child in "${NODES[@]}"; do
        [ "$(field "$child" 3)" = "$id" ] && children+=("$child")
      done
      if [ ${#children[@]} -gt 0 ]; then
        echo "  children:"
        for child in "${children[@]}"; do
          child_id="$(field "$child" 0)"
          echo "    - {node: $child_id, org: \"$(field "$child" 2)\", public_key: \"${public_keys[$child_id]}\"}"
        done
      fi
    } >"$(node_dir "$id")/node.yaml"
    "$node_bin" --config "$(node_dir "$id")/node.yaml" --check-config >/dev/null
  done
}

random_password() {
  echo "Demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
}

# One node's demo users, created before it first starts; their LOGIN lines go to its
# demo-logins.txt (mode 0600).
create_node_users() {
  local id="$1" org line user_node name role display password
  local logins
  logins="$(node_dir "$id")/demo-logins.txt"
  org="$(field "$(node_line "$id")" 2)"
  umask 077
  : >"$logins.tmp"
  for line in "${DEMO_USERS[@]}"; do
    read -r user_node name role display <<<"$line"
    [ "$user_node" = "$id" ] || continue
    password="$(random_password)"
    MAMS_NEW_USER_PASSWORD="$password" "$node_bin" --config "$(node_dir "$id")/node.yaml" \
      --create-user "$name" --role "$role" --org "$org" --display-name "$display" >/dev/null
    echo "LOGIN: $name $password $org" >>"$logins.tmp"
  done
  mv "$logins.tmp" "$logins"
}

# Starts the node under its supervisor, which restarts it when it dies (log lines
# "supervise: ID ..." in logs/console.log). A node left running without one is stopped first.
start_node() {
  local id="$1" dir
  dir="$(node_dir "$id")"
  supervisor_pid "$id" >/dev/null && return 0
  stop_node "$id"
  (
    cd "$dir"
    setsid nohup "$MAMS_ROOT/deploy/supervise.sh" "$id" run/mams-node.pid \
      "$node_bin" --config node.yaml >>logs/console.log 2>&1 </dev/null &
    echo $! >run/supervisor.pid
  )
}

wait_node() {
  local id="$1" supervisor
  supervisor="$(cat "$(node_dir "$id")/run/supervisor.pid")"
  if ! mams::wait_http "http://127.0.0.1:$(http_port "$id")/healthz" 60 "$supervisor"; then
    mams::log "$id did not become healthy; last lines of $(node_dir "$id")/logs/console.log:"
    tail -n 20 "$(node_dir "$id")/logs/console.log" >&2
    stop_node "$id"
    return 1
  fi
}

# Logs in at a node as USER (password from its demo-logins.txt); prints the CSRF token and
# keeps the session cookie in COOKIES.
login() {
  local id="$1" user="$2" cookies="$3" password
  password="$(awk -v u="$user" '$2 == u { print $3 }' "$(node_dir "$id")/demo-logins.txt")"
  curl -fsS -c "$cookies" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$(http_port "$id")/api/v1/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["csrfToken"])'
}

# Sample customers, contacts and revenue at one local network, imported through its API by
# its account manager (so they are audited and captured for sync like any import).
load_sample_data() {
  local id="$1" customers="$2" index="$3" org manager dir cookies csrf kind report
  dir="$(node_dir "$id")"
  [ -f "$dir/sample/loaded-revenue" ] && return 0
  org="$(field "$(node_line "$id")" 2)"
  manager="$(awk '$3 == "account_manager" { print $2 }' <(printf '%s\n' "${DEMO_USERS[@]}" | grep "^$id "))"
  if [ ! -d "$dir/sample" ]; then
    # Own seed and customer numbers per network: numbers stay unique at the group.
    python3 "$MAMS_ROOT/deploy/gen_sample_data.py" --customers "$customers" --orgs "$org" \
      --seed "$index" --start-no $((index * 1000000 + 1)) --jobs 1 --out "$dir/sample.tmp" \
      >/dev/null 2>"$dir/logs/sample-data.log"
    mv "$dir/sample.tmp" "$dir/sample"
  fi
  cookies="$dir/run/loader.cookies"
  csrf="$(login "$id" "$manager" "$cookies")"
  # One marker per file: a run cut short resumes with the next file, never imports one twice.
  for kind in customers contacts revenue; do
    [ -f "$dir/sample/loaded-$kind" ] && continue
    report="$(curl -fsS -b "$cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: text/csv' \
      --data-binary "@$dir/sample/$kind.csv" \
      "http://127.0.0.1:$(http_port "$id")/api/v1/imports?kind=$kind&mode=apply")"
    python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("  %s: %s %d imported, %d rejected" % (sys.argv[2], sys.argv[3], r["rowsOk"], r["rowsRejected"]))' \
      "$report" "$id" "$kind"
    touch "$dir/sample/loaded-$kind"
  done
  rm -f "$cookies"
}

print_info() {
  local line id level org
  echo "State directory: $state_dir"
  for line in "${NODES[@]}"; do
    read -r id level org _ <<<"$line"
    echo "URL: http://127.0.0.1:$(http_port "$id")/ level=$level org=$org node=$id"
  done
  for line in "${NODES[@]}"; do
    cat "$(node_dir "$(field "$line" 0)")/demo-logins.txt"
  done
  cat <<INFO
Log in at the URL whose org is the LOGIN line's org. Administrators and the auditor enrol
TOTP at their first log-in. A customer created at a local network (e.g. gz.manager) shows
at its province (gd.manager) and at the group (hq.analyst) within seconds.
Logs: $state_dir/NODE/logs/mams-node.log   Sync links: /api/v1/sync/links (administrators)
Stop: ./deploy/quickstart.sh --stop
INFO
}

customers=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --stop) stop_cluster; exit 0 ;;
    --customers)
      [[ "${2:-}" =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] || { mams::log "--customers needs a number ≥ 1"; exit 64; }
      customers="$2"; shift 2 ;;
    *) mams::log "usage: $0 [--customers N] | --stop"; exit 64 ;;
  esac
done

if [ "${MAMS_QUICKSTART_NO_BUILD:-}" != 1 ]; then
  mams::ensure_packages "${MAMS_BUILD_PACKAGES[@]}" python3
  mams::build --target mams-node
fi
if [ ! -f "$state_dir/configured" ]; then
  mams::log "setting up the demo cluster in $state_dir"
  configure_cluster
  pids=()
  for line in "${NODES[@]}"; do
    create_node_users "$(field "$line" 0)" &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || { mams::log "creating the demo users failed; run the command again"; exit 1; }
  done
  touch "$state_dir/configured"
fi

for line in "${NODES[@]}"; do
  id="$(field "$line" 0)"
  if node_pid "$id" >/dev/null && ! mams::wait_http "http://127.0.0.1:$(http_port "$id")/healthz" 5; then
    mams::log "$id does not answer; restarting it"
    stop_node "$id"
  fi
  start_node "$id"
done
for line in "${NODES[@]}"; do wait_node "$(field "$line" 0)"; done

index=0
for line in "${NODES[@]}"; do
  [ "$(field "$line" 1)" = local ] || continue
  index=$((index + 1))
  if [ ! -f "$(node_dir "$(field "$line" 0)")/sample/loaded-revenue" ]; then
    [ $index -eq 1 ] && mams::log "loading $customers sample customers per local network"
    load_sample_data "$(field "$line" 0)" "$customers" "$index" >&2
  fi
done
print_info
