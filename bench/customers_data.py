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
    customers_data.py queries CUSTOMERS_CSV OUT_DIR N SEED
        N queries of each class, cut from random rows: zh2 (two consecutive Chinese characters
        of a name), zh4 (four), code (the first 8 characters of a credit code). For each class
        OUT_DIR/CLASS.search (GET targets of the search box), CLASS.list (of the customer
        list's box, first page of 50), CLASS.like (the LIKE pattern of the same query) and
        CLASS.fts (an FTS5 trigram MATCH of it: a phrase of the column; trigrams need three
        characters, so for zh2 the LIKE pattern, which FTS5 answers by scanning).
"""

import csv
import json
import random
import re
import sys
import urllib.parse
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


CHINESE_RUN = re.compile("[\u4e00-\u9fff]+")


def sample(src, n, seed):
    """n rows of src chosen uniformly (reservoir sampling), in a seeded order."""
    rng = random.Random(seed)
    chosen = []
    for i, row in enumerate(rows(src)):
        if i == 0:
            continue
        if len(chosen) < n:
            chosen.append(row)
        else:
            j = rng.randrange(i)
            if j < n:
                chosen[j] = row
    return chosen, rng


def window(rng, text, width):
    runs = [r for r in CHINESE_RUN.findall(text) if len(r) >= width]
    if not runs:
        return None
    run = rng.choice(runs)
    start = rng.randrange(len(run) - width + 1)
    return run[start:start + width]


def queries(src, out_dir, n, seed):
    chosen, rng = sample(src, n * 2, seed)
    classes = {"zh2": [], "zh4": [], "code": []}
    for row in chosen:
        name, credit = row[1], row[2]
        for cls, width in (("zh2", 2), ("zh4", 4)):
            q = window(rng, name, width)
            if q and len(classes[cls]) < n:
                classes[cls].append((q, "%" + q + "%"))
        if len(credit) >= 8 and len(classes["code"]) < n:
            classes["code"].append((credit[:8], credit[:8] + "%"))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for cls, found in classes.items():
        with open(out / (cls + ".search"), "w", encoding="utf-8") as search, \
             open(out / (cls + ".list"), "w", encoding="utf-8") as listing, \
             open(out / (cls + ".like"), "w", encoding="utf-8") as like, \
             open(out / (cls + ".fts"), "w", encoding="utf-8") as fts:
            column = "credit_code" if cls == "code" else "name"
            for q, pattern in found:
                fts.write((pattern if cls == "zh2" else column + ' : "' + q + '"') + "\n")
                encoded = urllib.parse.quote(q)
                search.write("/api/v1/search?kinds=customer&limit=10&q=" + encoded + "\n")
                listing.write("/api/v1/customers?limit=50&q=" + encoded + "\n")
                like.write(pattern + "\n")


def main(argv):
    if len(argv) == 5 and argv[1] == "split":
        split(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 5 and argv[1] == "head":
        head(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 6 and argv[1] == "create":
        create(argv[2], argv[3], argv[4], argv[5])
    elif len(argv) == 6 and argv[1] == "queries":
        queries(argv[2], argv[3], int(argv[4]), int(argv[5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
