#!/usr/bin/env bash
# The whole test suite, from nothing: installs what is missing, builds, starts a throw-away
# MariaDB on loopback (own datadir and port, removed at the end) and runs ctest against
# both backends (SQLite and MariaDB). Then the same unit and system tests under ASan and UBSan
# on SQLite (deploy/sanitized_test.sh), then each fuzz target for a while (deploy/fuzz.sh).
# This is what CI runs (.ci/run).
#
# Arguments go to both ctest runs (e.g. -R Customers). MAMS_TEST_STAGES picks the stages
# (default "normal sanitized fuzz"; e.g. MAMS_TEST_STAGES=normal for a quick run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stages=" ${MAMS_TEST_STAGES:-normal sanitized fuzz} "
# Runs stage $1 (the command after it) when it is selected, timed.
run_stage() {
  local stage="$1" started=$SECONDS
  shift
  [[ "$stages" == *" $stage "* ]] || return 0
  mams::log "=== stage $stage: $*"
  "$@"
  mams::log "=== stage $stage passed in $((SECONDS - started))s"
}

mams::ensure_packages "${MAMS_BUILD_PACKAGES[@]}" "${MAMS_TEST_PACKAGES[@]}"

db_dir=""
db_socket=""
stop_mariadb() {
  [ -n "$db_dir" ] || return 0
  if [ -S "$db_socket" ]; then
    mariadb-admin --no-defaults --socket="$db_socket" -uroot shutdown 2>/dev/null || true
  fi
  [ -f "$db_dir/mysqld.pid" ] && kill "$(cat "$db_dir/mysqld.pid")" 2>/dev/null || true
  rm -rf "$db_dir"
  db_dir=""
}
trap stop_mariadb EXIT

# The normal build against SQLite and a throw-away MariaDB.
normal_stage() {
  mams::build
  db_dir="$(mktemp -d /tmp/mams-test-mariadb.XXXXXX)"
  local db_port db_user db_password
  db_port="$(mams::free_port)"
  db_user="$(id -un)"
  db_socket="$db_dir/mysqld.sock"

  mams::log "starting MariaDB on 127.0.0.1:$db_port (datadir $db_dir/data)"
  mariadb-install-db --no-defaults --datadir="$db_dir/data" --user="$db_user" \
    --auth-root-authentication-method=socket --skip-test-db >"$db_dir/install.log" 2>&1
  # innodb_flush_log_at_trx_commit=1: every commit is on disk, as in production.
  mariadbd --no-defaults --datadir="$db_dir/data" --socket="$db_socket" --port="$db_port" \
    --bind-address=127.0.0.1 --pid-file="$db_dir/mysqld.pid" --log-error="$db_dir/error.log" \
    --user="$db_user" --skip-name-resolve --innodb-flush-log-at-trx-commit=1 \
    --innodb-buffer-pool-size=256M --character-set-server=utf8mb4 --max-connections=500 &
  for _ in $(seq 1 300); do
    mariadb-admin --no-defaults --socket="$db_socket" -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb-admin --no-defaults --socket="$db_socket" -uroot ping >/dev/null || {
    cat "$db_dir/error.log" >&2; exit 1; }

  db_password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  # Tests create one database per test (mams_t_*), so the user may create those and only those.
  mariadb --no-defaults --socket="$db_socket" -uroot <<SQL
CREATE DATABASE mams_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER 'mams'@'127.0.0.1' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON \`mams\_%\`.* TO 'mams'@'127.0.0.1';
SQL

  export MAMS_TEST_MYSQL="host=127.0.0.1;port=$db_port;user=mams;password=$db_password;database=mams_test"
  export MAMS_REQUIRE_MYSQL=1   # a test that cannot reach MariaDB fails instead of skipping
  export MAMS_TEST_MARIADB_ROOT_SOCKET="$db_socket"   # for tests of deploy/mariadb/setup-database.sh

  ctest --test-dir "$MAMS_BUILD_DIR" --output-on-failure -j2 --timeout 300 "$@"
  stop_mariadb
}

run_stage normal normal_stage "$@"
run_stage sanitized "$MAMS_ROOT/deploy/sanitized_test.sh" "$@"
run_stage fuzz "$MAMS_ROOT/deploy/fuzz.sh"
