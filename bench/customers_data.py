#!/usr/bin/env python3
"""Data preparation for bench/run_customers.sh (standard library only).

    customers_data.py split CUSTOMERS_CSV OUT_DIR ROWS_PER_CHUNK
        customers.csv -> OUT_DIR/chunk-001.csv, ... each with the header and at most
        ROWS_PER_CHUNK rows (imports take at most 64 MiB per upload); prints the file names.
    customers_data.py head CUSTOMERS_CSV OUT_CSV ROWS
        The header and the first ROWS rows (parents always come before their branches, so the
        prefix of a file is importable on its own).
    customers_data.py create MAIN_CSV EXTRA_CSV OUT_JSONL OUT_TSV
        Rows of EXTRA_CSV whose credit code is not in MAIN_CSV, as request bodies for
        POST /api/v1/customers (one JSON object per line; state potential/active only, as the
        API creates) and as tab-separated rows for mams_bench_raw_customers insert (name,
        creditCode, industry, level, org, state, relationshipGrade, address, tags, remarks).
        Prints the number of rows written.
"""

import csv
import json
import sys
from pathlib import Path


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        yield header
        yield from reader


def writer(path):
    f = open(path, "w", newline="", encoding="utf-8")
    return f, csv.writer(f, lineterminator="\n")


def split(src, out_dir, per_chunk):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    it = rows(src)
    header = next(it)
    f = w = None
    count = chunk = 0
    for row in it:
        if w is None or count == per_chunk:
            if f:
                f.close()
            chunk += 1
            name = out / f"chunk-{chunk:03d}.csv"
            print(name)
            f, w = writer(name)
            w.writerow(header)
            count = 0
        w.writerow(row)
        count += 1
    if f:
        f.close()


def head(src, dst, n):
    it = rows(src)
    f, w = writer(dst)
    w.writerow(next(it))
    for i, row in enumerate(it):
        if i == n:
            break
        w.writerow(row)
    f.close()


def create(main, extra, jsonl, tsv):
    it = rows(main)
    idx = next(it).index("creditCode")
    taken = {row[idx] for row in it}
    it = rows(extra)
    header = next(it)
    col = {name: i for i, name in enumerate(header)}
    written = 0
    with open(jsonl, "w", encoding="utf-8") as bodies, open(tsv, "w", encoding="utf-8") as table:
        for row in it:
            get = lambda name: row[col[name]].strip()  # noqa: E731
            if get("creditCode") in taken:
                continue
            state = get("state") or "potential"
            if state not in ("potential", "active"):
                state = "active"
            tags = [t for t in get("tags").split(";") if t]
            body = {"name": get("name"), "creditCode": get("creditCode"),
                    "industry": get("industry"), "level": get("level"), "org": get("org"),
                    "state": state, "address": get("address"), "tags": tags}
            if get("relationshipGrade"):
                body["relationshipGrade"] = get("relationshipGrade")
            if get("remarks"):
                body["remarks"] = get("remarks")
            bodies.write(json.dumps(body, ensure_ascii=False) + "\n")
            cells = [get(n) for n in ("name", "creditCode", "industry", "level", "org")]
            cells += [state, get("relationshipGrade"), get("address"), ";".join(tags),
                      get("remarks")]
            table.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n")
            written += 1
    print(written)


def main(argv):
    if len(argv) == 5 and argv[1] == "split":
        split(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 5 and argv[1] == "head":
        head(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 6 and argv[1] == "create":
        create(argv[2], argv[3], argv[4], argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
