#!/usr/bin/env bash
# Keeps one process running for the demo cluster (deploy/quickstart.sh); production uses the
# systemd units' Restart= instead. Starts COMMAND in the current directory and writes its pid
# to PID_FILE; when it ends without being asked to, logs how (exit status or signal) and
# starts it again after a back-off: 1 s, doubling up to 30 s, back to 1 s once a run lasted a
# minute. TERM or INT passes TERM on to the process, waits for it to end, and ends the
# supervisor: nothing is restarted after a stop.
#
#   supervise.sh NAME PID_FILE COMMAND [ARG...]    (log lines on stdout)
set -uo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 NAME PID_FILE COMMAND [ARG...]" >&2
  exit 64
fi
name="$1"
pid_file="$2"
shift 2

readonly FIRST_DELAY_S=1
readonly MAX_DELAY_S=30
readonly STABLE_AFTER_S=60

log() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) supervise: $name $*"; }

# How a process ended, from the status `wait` returned (128 + N: killed by signal N).
describe_exit() {
  local status="$1"
  if [ "$status" -gt 128 ]; then
    echo "was killed by signal $((status - 128)) ($(kill -l $((status - 128)) 2>/dev/null || echo '?'))"
  else
    echo "exited with status $status"
  fi
}

child=""
stopping=0
on_stop() {
  stopping=1
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; fi
}
trap on_stop TERM INT

# Waits for pid $1 to end and sets `status` to its exit status; a signal to the supervisor
# interrupts `wait`, so wait again until the process is really gone.
wait_for() {
  while :; do
    wait "$1"
    status=$?
    kill -0 "$1" 2>/dev/null || break
  done
}

delay=$FIRST_DELAY_S
runs=0
while [ "$stopping" -eq 0 ]; do
  started=$SECONDS
  "$@" &
  child=$!
  echo "$child" >"$pid_file"
  runs=$((runs + 1))
  [ "$runs" -eq 1 ] || log "restarted (pid $child)"
  wait_for "$child"
  child=""
  [ "$stopping" -eq 0 ] || break
  ran=$((SECONDS - started))
  if [ "$ran" -ge "$STABLE_AFTER_S" ]; then delay=$FIRST_DELAY_S; fi
  log "$(describe_exit "$status") after ${ran} s; restarting in ${delay} s"
  sleep "$delay" &
  child=$!
  wait_for "$child"
  child=""
  delay=$((delay * 2 > MAX_DELAY_S ? MAX_DELAY_S : delay * 2))
done
rm -f "$pid_file"
log "stopped"
