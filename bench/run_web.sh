#!/usr/bin/env bash
# Web console page weight and time to interactive (issue 6), beside a baseline page.
#
#   ./bench/run_web.sh            # 5 rounds
#   ROUNDS=9 ./bench/run_web.sh
#
# Starts two mams-node processes on fresh SQLite files: one serving the built console
# (web/dist), one serving a one-line page (the baseline: browser start-up, connection, the
# node's static serving). bench/web_load.mjs loads each in a fresh Chromium context (no cache)
# round after round: the console's log-in page until its username field takes focus, then
# log-in until the dashboard has drawn its chart; bytes are what crossed the wire (gzip).
# Targets (issue 6): first load under 1.5 MB compressed, interactive within 2 s.
# A benchmark, not a test: nothing here runs in CI.
set -euo pipefail

BENCH_TAG=run_web
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS=${ROUNDS:-5}
ensure_built "mams-node=$NODE_BIN"
[[ -f "$REPO_ROOT/web/dist/index.html" ]] || die "web/dist is not built: ./deploy/setup.sh"
[[ -x /usr/bin/chromium ]] || die "no /usr/bin/chromium: apt-get install chromium"

WORK=$(mktemp -d -t mams-bench-web.XXXXXX)
bench_trap "configs, databases and logs"
mkdir -p "$WORK/blank-site"
echo '<!doctype html><html><body><p id="ready">ok</p></body></html>' >"$WORK/blank-site/index.html"

start() {  # start NAME WEB_ROOT -> prints the base URL
  local dir="$WORK/$1" port
  mkdir -p "$dir"
  port=$(free_port)
  cat >"$dir/node.yaml" <<YAML
node: {id: web-$1, level: group, org: CN}
http: {bind: 127.0.0.1, port: $port, web_root: $2}
storage: {sqlite: {path: node.db}}
log: {level: warning, console: false, file: node.log}
YAML
  MAMS_NEW_USER_PASSWORD="$BENCH_PASSWORD" "$NODE_BIN" --config "$dir/node.yaml" \
    --create-user bench.analyst --role group_analyst --org CN >/dev/null
  "$NODE_BIN" --config "$dir/node.yaml" >"$dir/stdout.txt" 2>&1 &
  PIDS+=("$!")
  wait_healthz "http://127.0.0.1:$port" "$!" "mams-node ($1)" "$dir"
  echo "http://127.0.0.1:$port"
}

CONSOLE=$(start console "$REPO_ROOT/web/dist")
BLANK=$(start blank "$WORK/blank-site")
log "console on $CONSOLE, baseline page on $BLANK; $ROUNDS rounds"
CONSOLE=$CONSOLE BLANK=$BLANK LOGIN_USER=bench.analyst LOGIN_PASSWORD=$BENCH_PASSWORD ROUNDS=$ROUNDS \
  node "$REPO_ROOT/bench/web_load.mjs" | tee "$WORK/runs.jsonl"

python3 - "$WORK/runs.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
by = {}
for run in runs:
    by.setdefault(run["label"], []).append(run)
base = statistics.median(r["ms"] for r in by["baseline"])
print("\n| load (fresh browser context, no cache) | median ms | ÷ baseline | bytes on the wire | requests |")
print("|---|---:|---:|---:|---:|")
for label, name in (("baseline", "baseline: one-line page from a node"),
                    ("console-login", "console: log-in page until the username field takes focus"),
                    ("console-login+dashboard", "console: log-in → dashboard drawn (its chart)")):
    rows = by[label]
    ms = statistics.median(r["ms"] for r in rows)
    print(f"| {name} | {ms:.0f} | {ms / base:.1f} | {statistics.median(r['bytes'] for r in rows):,.0f} | {rows[0]['requests']} |")
first = statistics.median(r["bytes"] for r in by["console-login"]) + statistics.median(r["bytes"] for r in by["console-login+dashboard"])
print(f"\nFirst visit to the dashboard, all bytes: {first:,.0f} (target < 1,500,000 compressed)")
PY
