#!/usr/bin/env python3
"""Sync lag at a steady rate: imports chunks of customers at a local network on a fixed
schedule and watches the group's database for their arrival.

Each chunk is one CSV import (one transaction at the local node); its lag is the time from
the import's answer (the chunk is committed there) until the group's database holds every
customer up to and including that chunk. Prints one JSON object with the percentiles.
Used by bench/run_sync_lag.sh; standard library only.
"""
import argparse
import json
import sqlite3
import threading
import time
import urllib.request


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="the local node, http://127.0.0.1:PORT")
    parser.add_argument("--token", required=True)
    parser.add_argument("--csv", required=True, help="customers.csv of the generator")
    parser.add_argument("--group-db", required=True)
    parser.add_argument("--org", default="440100")
    parser.add_argument("--rate", type=int, default=5000, help="changes per second (2 a customer)")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--chunk-ms", type=int, default=100)
    args = parser.parse_args()

    with open(args.csv, encoding="utf-8") as f:
        header, *rows = f.read().splitlines()
    per_chunk = max(1, args.rate // 2 * args.chunk_ms // 1000)
    chunks = args.seconds * 1000 // args.chunk_ms
    if per_chunk * chunks > len(rows):
        raise SystemExit(f"need {per_chunk * chunks} customers, the file has {len(rows)}")

    group = sqlite3.connect(f"file:{args.group_db}?mode=ro", uri=True, timeout=30)
    count_sql = "SELECT COUNT(*) FROM customers WHERE org_code = ?"
    base = group.execute(count_sql, (args.org,)).fetchone()[0]
    committed = [None] * chunks  # when each chunk's import answered
    arrived = [None] * chunks
    late_starts = 0
    done = threading.Event()

    def watch():
        watcher_db = sqlite3.connect(f"file:{args.group_db}?mode=ro", uri=True, timeout=30)
        next_chunk = 0
        while next_chunk < chunks:
            try:
                have = watcher_db.execute(count_sql, (args.org,)).fetchone()[0] - base
            except sqlite3.OperationalError:  # a checkpoint or the WAL index being rebuilt
                time.sleep(0.002)
                continue
            now = time.monotonic()
            while next_chunk < chunks and have >= (next_chunk + 1) * per_chunk:
                arrived[next_chunk] = now
                next_chunk += 1
            if done.is_set() and time.monotonic() - done.when > 60:
                break
            time.sleep(0.002)

    watcher = threading.Thread(target=watch)
    watcher.start()
    start = time.monotonic()
    for i in range(chunks):
        due = start + i * args.chunk_ms / 1000
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        else:
            late_starts += 1
        body = "\n".join([header] + rows[i * per_chunk:(i + 1) * per_chunk]).encode("utf-8")
        request = urllib.request.Request(
            f"{args.url}/api/v1/imports?kind=customers&mode=apply", data=body, method="POST",
            headers={"Authorization": f"Bearer {args.token}", "Content-Type": "text/csv"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            result = json.load(answer)
        if result.get("rowsOk") != per_chunk:
            raise SystemExit(f"chunk {i}: the import took {result.get('rowsOk')} of {per_chunk}")
        committed[i] = time.monotonic()
    sent_seconds = time.monotonic() - start
    done.when = time.monotonic()
    done.set()
    watcher.join()
    lags = [(a - c) * 1000 for a, c in zip(arrived, committed) if a is not None]
    missing = sum(1 for a in arrived if a is None)
    print(json.dumps({
        "chunks": chunks, "customersPerChunk": per_chunk,
        "offeredChangesPerSecond": args.rate,
        "achievedChangesPerSecond": round(2 * per_chunk * chunks / sent_seconds),
        "lateStarts": late_starts, "missing": missing,
        "p50Ms": round(percentile(lags, 0.50)), "p90Ms": round(percentile(lags, 0.90)),
        "p99Ms": round(percentile(lags, 0.99)), "maxMs": round(max(lags)),
    }))


if __name__ == "__main__":
    main()
