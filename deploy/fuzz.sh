#!/usr/bin/env bash
# Fuzzes the libFuzzer targets of tests/fuzz for a bounded time each: builds them in the
# sanitized tree (build-asan), replays the committed crash cases (tests/fuzz/regressions/
# <target>/), then fuzzes from the seed corpus (tests/fuzz/corpus/<target>/) plus what earlier
# runs here found (build-asan/fuzz-corpus/<target>/), with tests/fuzz/<target>.dict if there
# is one. A crash, leak, timeout or sanitizer report fails the run; its input is copied to
# tests/fuzz/crashes/<target>/ and printed in base64, to be committed under regressions/ once
# fixed. deploy/test.sh runs it last.
#
# Usage: deploy/fuzz.sh [target...]    (default: every target in tests/fuzz/CMakeLists.txt)
# MAMS_FUZZ_SECONDS: fuzzing time per target (default 60).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mams::ensure_packages "${MAMS_BUILD_PACKAGES[@]}" "${MAMS_SANITIZER_PACKAGES[@]}"
mams::build_sanitized mams_fuzz

seconds="${MAMS_FUZZ_SECONDS:-60}"
fuzz_dir="$MAMS_ROOT/tests/fuzz"
logs="$MAMS_ASAN_BUILD_DIR/fuzz-logs"
mkdir -p "$logs"
# libFuzzer reads the sanitizers' reports itself; leaks are checked input by input.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
shopt -s nullglob

# Keeps what libFuzzer wrote to $2 (crash-*, leak-*, timeout-*, oom-*) for target $1.
keep_artifacts() {
  local name="$1" artifacts="$2" file
  mkdir -p "$fuzz_dir/crashes/$name"
  for file in "$artifacts"/*; do
    cp "$file" "$fuzz_dir/crashes/$name/"
    mams::log "$name: kept tests/fuzz/crashes/$name/$(basename "$file"); base64:"
    base64 -w0 "$file" >&2
    echo >&2
  done
}

# Replays the regressions of target $1 (binary $2), then fuzzes it; 0 when nothing was found.
fuzz_target() {
  local name="$1" binary="$2" log="$logs/$1.log" artifacts status=0 dict=()
  local regressions=("$fuzz_dir/regressions/$name"/*)
  if [ ${#regressions[@]} -gt 0 ]; then
    mams::log "$name: replaying ${#regressions[@]} regression case(s)"
    "$binary" "${regressions[@]}" >"$log.replay" 2>&1 || {
      tail -n 60 "$log.replay" >&2
      return 1
    }
  fi
  [ -f "$fuzz_dir/$name.dict" ] && dict=(-dict="$fuzz_dir/$name.dict")
  artifacts="$(mktemp -d "/tmp/mams-fuzz-$name.XXXXXX")"
  mkdir -p "$MAMS_ASAN_BUILD_DIR/fuzz-corpus/$name"
  mams::log "$name: fuzzing for ${seconds}s (log $log)"
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${dict[@]}" -artifact_prefix="$artifacts/" "$MAMS_ASAN_BUILD_DIR/fuzz-corpus/$name" \
    "$fuzz_dir/corpus/$name" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    tail -n 80 "$log" >&2
    keep_artifacts "$name" "$artifacts"
  else
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$log" |
      sed "s/^/$name: /" >&2 || true
  fi
  rm -rf "$artifacts"
  return "$status"
}

failed=()
while read -r name binary; do
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  fuzz_target "$name" "$binary" || failed+=("$name")
done <"$MAMS_ASAN_BUILD_DIR/fuzz_targets.txt"

if [ ${#failed[@]} -gt 0 ]; then
  mams::log "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
mams::log "fuzzing found nothing"
