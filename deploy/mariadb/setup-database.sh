#!/usr/bin/env bash
# Creates the database and the least-privilege user of one MAMS node on this host's MariaDB,
# and writes the InnoDB settings for the node's level. Run as root on the database host.
#
#   deploy/mariadb/setup-database.sh --level province [--database mams] [--user mams]
#                                    [--client-host 10.0.0.%] [--buffer-pool 4G]
#
# The password is generated, printed once as MAMS_MYSQL_PASSWORD=... for the node's
# /etc/mams/NODE/secrets.env, and never written anywhere else. Re-running keeps the database
# and its data; it resets the user's privileges and, with --new-password, its password.
set -euo pipefail
# MARIADB and MAMS_MARIADB_CNF are for the test (tests/deploy/mariadb_setup_test.sh), which
# runs this against the throw-away server of deploy/test.sh.
read -r -a mariadb_client <<<"${MARIADB:-mariadb}"
mariadb() { command "${mariadb_client[@]}" "$@"; }
cnf_file="${MAMS_MARIADB_CNF:-/etc/mysql/mariadb.conf.d/60-mams.cnf}"

level="" database="mams" user="mams" client_host="localhost" buffer_pool="" new_password=0
while [ $# -gt 0 ]; do
  case "$1" in
    --level) level="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --client-host) client_host="$2"; shift 2 ;;
    --buffer-pool) buffer_pool="$2"; shift 2 ;;
    --new-password) new_password=1; shift ;;
    *) echo "unknown argument: $1 (see the head of $0)" >&2; exit 64 ;;
  esac
done
case "$level" in
  group) default_pool=16G; log_file=2G ;;      # every province's rows: the largest working set
  province) default_pool=4G; log_file=1G ;;
  local) default_pool=1G; log_file=256M ;;
  *) echo "--level must be group, province or local" >&2; exit 64 ;;
esac
[[ "$database" =~ ^[A-Za-z0-9_]+$ ]] || { echo "--database: letters, digits and _ only" >&2; exit 64; }
[[ "$user" =~ ^[A-Za-z0-9_]+$ ]] || { echo "--user: letters, digits and _ only" >&2; exit 64; }
[[ "$client_host" =~ ^[A-Za-z0-9_.%:-]+$ ]] || { echo "--client-host: a host name, address or pattern" >&2; exit 64; }

# InnoDB for the level; utf8mb4 with binary collation (exact matches on codes and names).
cat >"$cnf_file" <<CNF
# Written by MAMS deploy/mariadb/setup-database.sh for a $level node.
[mariadbd]
character-set-server = utf8mb4
collation-server = utf8mb4_bin
innodb_buffer_pool_size = ${buffer_pool:-$default_pool}
innodb_log_file_size = $log_file
innodb_flush_log_at_trx_commit = 1
innodb_flush_method = O_DIRECT
max_connections = 500
transaction_isolation = READ-COMMITTED
CNF

existed="$(mariadb -N -e "SELECT COUNT(*) FROM mysql.user WHERE User = '$user' AND Host = '$client_host'")"
mariadb <<SQL
CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$user'@'$client_host';
SQL
if [ "$existed" = 0 ] || [ "$new_password" = 1 ]; then
  password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32)"
  # On stdin, not the command line: `ps` shows command lines.
  mariadb <<<"ALTER USER '$user'@'$client_host' IDENTIFIED BY '$password';"
  echo "MAMS_MYSQL_PASSWORD=$password"
fi
# Tables and indexes are the node's own (migrations); nothing outside its database. LOCK TABLES
# and SHOW VIEW are what mariadb-dump needs for mams-node --backup.
mariadb <<SQL
REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$user'@'$client_host';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, LOCK TABLES, SHOW VIEW
  ON \`$database\`.* TO '$user'@'$client_host';
SQL
echo "database $database and user '$user'@'$client_host' ready; restart MariaDB once to apply $cnf_file" >&2
