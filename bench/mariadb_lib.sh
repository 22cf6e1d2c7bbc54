# MariaDB servers for the harnesses that measure beside MariaDB (run_sync.sh,
# run_customers_mariadb.sh), sourced after bench/lib.sh. Each server is private to the run:
# its own data directory under WORK, socket and loopback port; root logs in by socket.

declare -A DBPORT

# start_mariadb NAME SERVER_ID [BUFFER_POOL]: a fresh server with the row binlog on and every
# commit flushed (innodb_flush_log_at_trx_commit=1, sync_binlog=1), as a production primary;
# users repl (replication) and mams (everything) on 127.0.0.1. Sets DBPORT[NAME].
start_mariadb() {
  local dir="$WORK/maria-$1"
  DBPORT[$1]=$(free_port)
  mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
    --auth-root-authentication-method=socket --skip-test-db >"$dir.install.log" 2>&1
  mariadbd --no-defaults --datadir="$dir/data" --socket="$dir.sock" --port="${DBPORT[$1]}" \
    --bind-address=127.0.0.1 --pid-file="$dir.pid" --log-error="$dir.err" --user="$(id -un)" \
    --skip-name-resolve --server-id="$2" --log-bin="$dir-bin" --binlog-format=ROW \
    --log-slave-updates --innodb-flush-log-at-trx-commit=1 --sync-binlog=1 \
    --innodb-buffer-pool-size="${3:-256M}" --character-set-server=utf8mb4 --local-infile=1 &
  PIDS+=("$!")
  for _ in $(seq 1 300); do mariadb-admin --no-defaults --socket="$dir.sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.1; done
  mariadb --no-defaults --socket="$dir.sock" -uroot -e "
    CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-pass'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
    CREATE USER 'mams'@'127.0.0.1' IDENTIFIED BY 'mams-pass'; GRANT ALL ON *.* TO 'mams'@'127.0.0.1';
    RESET MASTER;"
}

# sql NAME ARGS...: the mariadb client on server NAME as root.
sql() { mariadb --no-defaults --socket="$WORK/maria-$1.sock" -uroot "${@:2}"; }
