#!/usr/bin/env bash
# Runs one MAMS node on this machine: installs what is missing, builds, starts the node in the
# background on the embedded SQLite database with the sample organisations, waits until it is
# healthy and prints where it is. Idempotent: a running node is left running; a stopped one
# resumes with its data.
#
#   ./deploy/quickstart.sh          start (or show) the node
#   ./deploy/quickstart.sh --stop   stop it; data stays in the state directory
#
# State (config, database, logs, pid file) lives in $MAMS_STATE_DIR, by default
# .mams-state/quickstart in the repository.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

state_dir="${MAMS_STATE_DIR:-$MAMS_ROOT/.mams-state/quickstart}"
pid_file="$state_dir/run/mams-node.pid"
config_file="$state_dir/node.yaml"

node_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

stop_node() {
  local pid
  if ! pid="$(node_pid)"; then
    echo "mams-node is not running (state directory: $state_dir)"
    rm -f "$pid_file"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    mams::log "mams-node (pid $pid) did not stop within 20 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  echo "mams-node stopped; data kept in $state_dir"
}

write_config() {
  local port=8080
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    port="$(mams::free_port)"
  fi
  cat >"$config_file" <<YAML
# Written by deploy/quickstart.sh; edit freely, it is not overwritten.
node:
  id: quickstart-group
  level: group
  org: CN            # 集团总部: serves the whole tree
http:
  bind: 127.0.0.1
  port: $port
storage:
  sqlite:
    path: data/mams.db
log:
  level: information
  console: false
  file: logs/mams-node.log
YAML
}

# Demo accounts, one per shipped role: "username role org display-name".
DEMO_USERS=(
  "admin system_admin CN 系统管理员"
  "auditor security_auditor CN 安全审计员"
  "hq.admin group_admin CN 集团管理员"
  "hq.analyst group_analyst CN 集团分析员"
  "gd.manager province_manager 440000 广东省大客户经理"
  "gz.manager account_manager 440100 广州客户经理"
  "gz.staff local_staff 440100 广州服务人员"
)

create_demo_users() {
  local logins="$state_dir/demo-logins.txt" line name role org display password
  [ -f "$logins" ] && return 0
  umask 077
  : >"$logins.tmp"
  for line in "${DEMO_USERS[@]}"; do
    read -r name role org display <<<"$line"
    password="Demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
    MAMS_NEW_USER_PASSWORD="$password" "$MAMS_BUILD_DIR/node/mams-node" --config "$config_file" \
      --create-user "$name" --role "$role" --org "$org" --display-name "$display" >/dev/null
    echo "LOGIN: $name $password $org" >>"$logins.tmp"
  done
  mv "$logins.tmp" "$logins"
}

print_info() {
  local port
  port="$(sed -n 's/^  port: \([0-9]*\).*/\1/p' "$config_file" | head -n1)"
  cat <<INFO
State directory: $state_dir
URL: http://127.0.0.1:$port/
Health: http://127.0.0.1:$port/healthz
Ready: http://127.0.0.1:$port/readyz
API: http://127.0.0.1:$port/api/v1/orgs   (organisation tree; also /api/v1/orgs/tree)
Metrics: http://127.0.0.1:$port/metrics
Logs: $state_dir/logs/mams-node.log
Demo users (one per role; admin, auditor and hq.admin set up TOTP at first log-in):
$(cat "$state_dir/demo-logins.txt")
Try:   curl -c /tmp/mams.cookies -H 'Content-Type: application/json' \\
         -d '{"username":"gz.manager","password":"PASSWORD"}' http://127.0.0.1:$port/api/v1/auth/login
       curl -b /tmp/mams.cookies http://127.0.0.1:$port/api/v1/orgs
Stop: ./deploy/quickstart.sh --stop
INFO
}

if [ "${1:-}" = "--stop" ]; then
  stop_node
  exit 0
elif [ $# -gt 0 ]; then
  mams::log "usage: $0 [--stop]"
  exit 64
fi

mams::ensure_packages "${MAMS_BUILD_PACKAGES[@]}"
mams::build --target mams-node
mkdir -p "$state_dir/data" "$state_dir/logs" "$state_dir/run"
[ -f "$config_file" ] || write_config
port="$(sed -n 's/^  port: \([0-9]*\).*/\1/p' "$config_file" | head -n1)"

if pid="$(node_pid)"; then
  if mams::wait_http "http://127.0.0.1:$port/healthz" 5; then
    echo "mams-node is already running (pid $pid)"
    print_info
    exit 0
  fi
  mams::log "mams-node (pid $pid) does not answer; restarting it"
  stop_node >/dev/null
fi

"$MAMS_BUILD_DIR/node/mams-node" --config "$config_file" --check-config >/dev/null
create_demo_users
setsid nohup "$MAMS_BUILD_DIR/node/mams-node" --config "$config_file" \
  >>"$state_dir/logs/console.log" 2>&1 </dev/null &
echo $! >"$pid_file"

if ! mams::wait_http "http://127.0.0.1:$port/healthz" 30 "$(cat "$pid_file")"; then
  mams::log "mams-node did not become healthy; last lines of $state_dir/logs/console.log:"
  tail -n 20 "$state_dir/logs/console.log" >&2
  rm -f "$pid_file"
  exit 1
fi
echo "mams-node started (pid $(cat "$pid_file"))"
print_info
