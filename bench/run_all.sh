#!/usr/bin/env bash
# Every benchmark of the project, one after the other, each beside its baseline (see
# README.md here); the outputs go to one dated folder, and the figures into RESULTS.md by
# hand, with that folder's date and the commit.
#
#   ./bench/run_all.sh            # full sizes: about 50 minutes on a 2-core machine
#   QUICK=1 ./bench/run_all.sh    # smoke sizes: checks every harness works (about 10 minutes)
#   ONLY="http sync" ./bench/run_all.sh   # a subset, by name (http auth customers sync
#                                         # sync_lag sync_load web backup messages)
#
# Benchmarks, not tests: run them on a quiet machine; nothing here runs in CI.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="${OUT_DIR:-/tmp/mams-bench-all-$stamp}"
mkdir -p "$out"
commit="$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo unknown)"
all=(http auth customers sync sync_lag sync_load web backup messages)
selected=(${ONLY:-${all[@]}})

# Full sizes are each harness's defaults, except the backup's: 10⁶ customers with their
# revenue (20 million rows) would take an hour to import; 100,000 make a 2 GiB-class file.
full_env() {
  case "$1" in
    backup) echo "CUSTOMERS=100000" ;;
  esac
}

quick_env() {
  case "$1" in
    http | auth | messages) echo "DURATION=3s ROUNDS=1" ;;
    customers) echo "CUSTOMERS=20000" ;;
    sync) echo "CUSTOMERS=10000" ;;
    sync_lag) echo "SECONDS_RUN=10" ;;
    sync_load) echo "CUSTOMERS=50000" ;;
    web) echo "ROUNDS=2" ;;
    backup) echo "CUSTOMERS=20000" ;;
  esac
}

{
  echo "# MAMS benchmarks, $stamp, commit $commit"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME")"
  if [ -n "${QUICK:-}" ]; then echo "mode: quick (smoke sizes)"; else echo "mode: full"; fi
} | tee "$out/summary.md"

failed=0
for name in "${selected[@]}"; do
  script="$here/run_$name.sh"
  if [ ! -x "$script" ]; then
    echo "unknown benchmark: $name" | tee -a "$out/summary.md"
    failed=1
    continue
  fi
  settings="$(full_env "$name")"
  [ -n "${QUICK:-}" ] && settings="$(quick_env "$name")"
  echo "== $name ${settings:+($settings)}" | tee -a "$out/summary.md"
  start=$(date +%s)
  if env $settings "$script" >"$out/$name.log" 2>&1; then
    status=ok
  else
    status="FAILED (exit $?)"
    failed=1
  fi
  echo "   $status in $(( $(date +%s) - start )) s; output: $out/$name.log" | tee -a "$out/summary.md"
  # The Markdown tables each harness prints for RESULTS.md.
  grep -E '^\|' "$out/$name.log" >>"$out/summary.md" || true
done
echo "all outputs: $out (tables gathered in $out/summary.md)"
exit $failed
