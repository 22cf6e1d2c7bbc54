#!/usr/bin/env bash
# Backup and restore of a node on SQLite (issue 7): `mams-node --backup` of a running node
# holding CUSTOMERS customers (with contacts and revenue), and `--restore` of that backup into
# a new database, each beside the raw database doing the same work in the same run: the
# sqlite3 CLI's `.backup` followed by sha256sum of the copy (with the node stopped, see
# below), and `.restore` followed by PRAGMA integrity_check.
#
#   ./bench/run_backup.sh                     # 1,000,000 customers (import about 5 minutes)
#   CUSTOMERS=20000 ./bench/run_backup.sh     # smoke run
#
# A benchmark, not a test: nothing here runs in CI.
set -euo pipefail

BENCH_TAG=run_backup
CUSTOMERS=${CUSTOMERS:-1000000}
SEED=${SEED:-31}
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v sqlite3 >/dev/null || die "sqlite3 not found"
bench_start backup

# shellcheck source=bench/sync_cluster.sh
. "$REPO_ROOT/bench/sync_cluster.sh"
sync_node_prepare gz
sync_node_config gz bench-gz group CN ""
sync_node_users gz 440100
sync_node_start gz
token=$(sync_node_token gz bench.admin)
python3 "$REPO_ROOT/deploy/gen_sample_data.py" --customers "$CUSTOMERS" --orgs 440100 --seed "$SEED" \
  --out "$WORK/data" >"$WORK/gen.txt" 2>&1 || die "generator failed: $(cat "$WORK/gen.txt")"
log "importing $CUSTOMERS customers with their contacts and revenue"
for kind in customers contacts revenue; do
  mkdir -p "$WORK/chunks-$kind"
  tail -n +2 "$WORK/data/$kind.csv" | split -l 250000 - "$WORK/chunks-$kind/part-"
  for part in "$WORK/chunks-$kind"/part-*; do
    { head -n 1 "$WORK/data/$kind.csv"; cat "$part"; } >"$part.csv"
    curl -fsS -H "Authorization: Bearer $token" --data-binary @"$part.csv" \
      "http://127.0.0.1:${HTTP[gz]}/api/v1/imports?kind=$kind&mode=apply" >/dev/null ||
      die "import of $part failed"
  done
done
DB="$WORK/gz/node.db"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
DB_MIB=$(du -m "$DB" | cut -f1)

log "backup of the running node ($DB_MIB MiB), then the raw copy"
B0=$(now)
"$NODE_BIN" --config "$WORK/gz/node.yaml" --backup "$WORK/backup" >"$WORK/backup.txt" 2>&1 ||
  die "--backup failed: $(cat "$WORK/backup.txt")"
B1=$(now)
# The raw copy runs with the node stopped: the CLI's .backup copies 100 pages a step and
# starts over whenever another connection writes (the node reports its status every 30 s).
sync_node_stop gz
R_B0=$(now)
sqlite3 "$DB" ".backup '$WORK/raw-backup.db'"
sha256sum "$WORK/raw-backup.db" >/dev/null
B2=$(now)

log "restore into a new database, then the raw restore"
sed -i "s|path: node.db|path: restored.db|" "$WORK/gz/node.yaml"
R0=$(now)
"$NODE_BIN" --config "$WORK/gz/node.yaml" --restore "$WORK/backup" >"$WORK/restore.txt" 2>&1 ||
  die "--restore failed: $(cat "$WORK/restore.txt")"
R1=$(now)
sqlite3 "$WORK/raw-restored.db" ".restore '$WORK/raw-backup.db'"
sqlite3 "$WORK/raw-restored.db" "PRAGMA integrity_check" >/dev/null
R2=$(now)
[[ $(sqlite3 "$WORK/gz/restored.db" "SELECT COUNT(*) FROM customers") == "$CUSTOMERS" ]] ||
  die "the restored node does not hold $CUSTOMERS customers"

BACKUP=$(elapsed "$B0" "$B1" 2); RAW_BACKUP=$(elapsed "$R_B0" "$B2" 2)
RESTORE=$(elapsed "$R0" "$R1" 2); RAW_RESTORE=$(elapsed "$R1" "$R2" 2)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
machine_info
cat <<TABLE
| $CUSTOMERS customers, $DB_MIB MiB | mams-node | raw (sqlite3) | ratio (raw time ÷ mams-node time) |
|---|---:|---:|---:|
| backup (node running; checksummed, integrity-checked) | ${BACKUP} s | ${RAW_BACKUP} s (node stopped: .backup + sha256sum) | $(ratio "$RAW_BACKUP" "$BACKUP") |
| restore (checked, migrated) | ${RESTORE} s | ${RAW_RESTORE} s (.restore + integrity_check) | $(ratio "$RAW_RESTORE" "$RESTORE") |
TABLE
