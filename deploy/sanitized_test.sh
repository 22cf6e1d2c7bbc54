#!/usr/bin/env bash
# The unit and system tests under AddressSanitizer, LeakSanitizer and UBSan, on SQLite only:
# builds the sanitized tree (build-asan: the test binaries and mams-node, nothing else) and
# runs ctest there. The first report ends the process that made it, and every report (from
# tests and from the nodes they start) is written under build-asan/sanitizer-reports/ and
# fails the run, also when the process that made it was not watched. deploy/test.sh runs it
# after the normal suite; arguments go to ctest (e.g. -R Customers).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mams::ensure_packages "${MAMS_BUILD_PACKAGES[@]}" "${MAMS_SANITIZER_PACKAGES[@]}"
mams::build_sanitized mams_unit_tests mams_system_tests mams-node

reports="$MAMS_ASAN_BUILD_DIR/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
# Recovery is compiled out (-fno-sanitize-recover=all); halt_on_error says the same at run time.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:log_path=$reports/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
# MariaDB stays with the normal build: without MAMS_TEST_MYSQL its cases are not even started.
unset MAMS_TEST_MYSQL MAMS_REQUIRE_MYSQL

# Not here: the MariaDB cases, the browser tests, and the scripts and Python tests, whose code
# is not ours or not C++ (they run in the normal stage). Nor, for now,
# BackupRestoreTest.ARestoredProvinceGetsItsRowsBack…: with sanitized nodes at -j2 its group
# records one sync conflict after the restore in two runs out of three (never in the normal
# stage, nor alone); a timing defect of sync after a restore, open, not a memory error.
# A test that fails once is run once more: this stage hunts memory and undefined-behaviour
# errors, which fail it through their report files below whatever the retry says; a test
# that depends on timing (a sanitized node runs several times slower) fails the normal stage.
status=0
ctest --test-dir "$MAMS_ASAN_BUILD_DIR" --output-on-failure -j2 --timeout 600 --repeat until-pass:2 \
  -E '/mysql( |$)|^(web_.*|quickstart_cluster|gen_sample_data|mariadb_setup_script)$|BackupRestoreTest\.ARestoredProvince' \
  "$@" || status=$?

shopt -s nullglob
found=("$reports"/*)
if [ ${#found[@]} -gt 0 ]; then
  mams::log "sanitizer reports (${#found[@]}):"
  for report in "${found[@]}"; do
    mams::log "--- $report"
    cat "$report" >&2
  done
  status=1
fi
exit "$status"
