#!/usr/bin/env bash
# deploy/mariadb/setup-database.sh against the throw-away MariaDB of deploy/test.sh: the
# database and user it makes carry a real node (start, online backup with mariadb-dump),
# the user reaches nothing else, and a second run keeps the data and the password.
# Needs MAMS_TEST_MARIADB_ROOT_SOCKET and MAMS_TEST_MYSQL (set by deploy/test.sh) and
# MAMS_NODE_BINARY (set by ctest). Exit 77 (skipped) without them unless MAMS_REQUIRE_MYSQL=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -z "${MAMS_TEST_MARIADB_ROOT_SOCKET:-}" ] || [ -z "${MAMS_TEST_MYSQL:-}" ]; then
  [ "${MAMS_REQUIRE_MYSQL:-}" = 1 ] && { echo "FAIL: MariaDB settings missing" >&2; exit 1; }
  echo "*** SKIPPED: run through deploy/test.sh (MariaDB) ***"
  exit 77
fi
port="$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$MAMS_TEST_MYSQL")"
work="$(mktemp -d /tmp/mams-mariadb-setup.XXXXXX)"
suffix="$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
database="mams_setup_$suffix" user="mams_setup_$suffix"
as_root=(mariadb --no-defaults --socket="$MAMS_TEST_MARIADB_ROOT_SOCKET" -uroot)
cleanup() {
  [ -n "${node_pid:-}" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  "${as_root[@]}" -e "DROP DATABASE IF EXISTS $database; DROP USER IF EXISTS '$user'@'127.0.0.1';" || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
setup() {
  MARIADB="${as_root[*]}" MAMS_MARIADB_CNF="$work/60-mams.cnf" \
    "$root/deploy/mariadb/setup-database.sh" --level local --database "$database" --user "$user" \
    --client-host 127.0.0.1 2>"$work/setup.err"
}

output="$(setup)" || fail "setup-database.sh failed: $(cat "$work/setup.err")"
password="$(sed -n 's/^MAMS_MYSQL_PASSWORD=//p' <<<"$output")"
[ ${#password} -ge 24 ] || fail "no generated password in: $output"
grep -q '^innodb_buffer_pool_size = 1G$' "$work/60-mams.cnf" || fail "local level settings: $(cat "$work/60-mams.cnf")"
grep -q '^character-set-server = utf8mb4$' "$work/60-mams.cnf" || fail "no utf8mb4"
[ "$("${as_root[@]}" -N -e "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$database'")" = utf8mb4 ] ||
  fail "the database is not utf8mb4"

# A node runs on it: migrations (CREATE, ALTER, INDEX), writes, and --backup (mariadb-dump).
mkdir -p "$work/node"
cat >"$work/node/node.yaml" <<YAML
node: {id: setup-check, level: group, org: CN}
http: {bind: 127.0.0.1, port: 8080, web_root: ""}   # never started here
storage: {mysql: {host: 127.0.0.1, port: $port, database: $database, user: $user, password_env: SETUP_PW}}
log: {level: warning, console: false, file: node.log}
YAML
export SETUP_PW="$password"
"$MAMS_NODE_BINARY" --config "$work/node/node.yaml" --check-config >/dev/null || fail "--check-config"
MAMS_NEW_USER_PASSWORD="Setup-Lantern-Orchid-42" "$MAMS_NODE_BINARY" --config "$work/node/node.yaml" \
  --create-admin setup.admin >"$work/create.txt" 2>&1 || fail "migrations or the first user failed: $(cat "$work/create.txt")"
"$MAMS_NODE_BINARY" --config "$work/node/node.yaml" --backup "$work/backup" >"$work/backup.txt" 2>&1 ||
  fail "--backup with the script's grants failed: $(cat "$work/backup.txt")"
grep -q "setup.admin" "$work/backup/mams.sql" || fail "the dump lacks the user just created"
grep -q "$password" "$work/backup.txt" "$work/node/node.log" "$work/backup/manifest.json" 2>/dev/null &&
  fail "the password shows in an output"

# Least privilege: nothing outside its database, no global privileges.
as_user=(mariadb --no-defaults -h127.0.0.1 -P"$port" -u"$user" -p"$password")
"${as_user[@]}" -e "CREATE DATABASE mams_setup_other_$suffix" 2>/dev/null && fail "the user may create databases"
"${as_user[@]}" -e "SELECT COUNT(*) FROM mysql.user" 2>/dev/null && fail "the user reads mysql.user"
"${as_user[@]}" -e "SELECT COUNT(*) FROM $database.users" >/dev/null || fail "the user cannot read its own database"

# Again: data and password kept.
again="$(setup)" || fail "second run failed: $(cat "$work/setup.err")"
grep -q MAMS_MYSQL_PASSWORD <<<"$again" && fail "a second run changed the password"
[ "$("${as_user[@]}" -N -e "SELECT COUNT(*) FROM $database.users WHERE username = 'setup.admin'")" = 1 ] ||
  fail "a second run lost data"
echo "mariadb setup script: ok (database $database, user $user)"
