#!/usr/bin/env python3
"""Prints the side-by-side summary of a bench/run.sh run from the files it left in OUT.

usage: summary.py OUT [--persons N]

Reads: generate.time, import_{persons,doses}.{json,time}, registry_bench.{json,time} (GNU time
-v reports and our program's JSON), postgres.txt and duckdb.txt (peer=... metric=... lines).
Writes summary.json beside them. Each figure gets its target, our value, the peers' values,
the ratios, and "ok" / "MISSED" where a target applies ("-" where a figure is missing).
"""
import json
import re
import sys
from pathlib import Path

GIB = 1024**3


def read_gnu_time(path):
    """Wall seconds and peak resident bytes from a `/usr/bin/time -v` report."""
    if not path.exists():
        return None
    text = path.read_text()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    seconds = 0.0
    if wall:
        for part in wall.group(1).split(":"):
            seconds = seconds * 60 + float(part)
    return {"seconds": seconds, "rss_bytes": int(rss.group(1)) * 1024 if rss else None}


def read_peer(path):
    """{metric: value} from the peer=... metric=... value=... unit=... lines."""
    figures = {}
    if path.exists():
        for line in path.read_text().splitlines():
            fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
            if "metric" in fields and "value" in fields:
                if fields.get("unit") == "code":  # an identifier, such as a commune code
                    figures[fields["metric"]] = fields["value"]
                    continue
                try:
                    figures[fields["metric"]] = float(fields["value"])
                except ValueError:
                    figures[fields["metric"]] = fields["value"]
    return figures


def read_json(path):
    return json.loads(path.read_text()) if path.exists() else None


UNIT_TO_MS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}


def read_registry_bench(path):
    """Our query times in ms (the median aggregate where repeated) and any RSS counter."""
    data = read_json(path)
    if not data:
        return {}, {}
    times, counters = {}, {}
    for run in data.get("benchmarks", []):
        if run.get("run_type") == "aggregate" and run.get("aggregate_name") != "median":
            continue
        name = run.get("run_name") or run["name"]
        times[name] = run["real_time"] * UNIT_TO_MS.get(run.get("time_unit", "ns"), 1e-6)
        for key, value in run.items():
            if "rss" in key.lower() and isinstance(value, (int, float)):
                counters[f"{name}:{key}"] = value
    return times, counters


def find_time(times, exact, word):
    """The benchmark named `exact`, else the first whose name holds `word`."""
    if exact in times:
        return exact, times[exact]
    for name, ms in times.items():
        if word in name.lower():
            return name, ms
    return None, None


def fmt(value, digits=1):
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) < 1 and value != 0:
        return f"{value:.3f}"  # sub-millisecond query times
    return f"{value:.{digits}f}"


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def verdict(condition):
    return "-" if condition is None else ("ok" if condition else "MISSED")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[2])
    out = Path(sys.argv[1])
    persons = None
    if "--persons" in sys.argv:
        persons = int(sys.argv[sys.argv.index("--persons") + 1])

    generate = read_gnu_time(out / "generate.time")
    imports = {k: read_json(out / f"import_{k}.json") for k in ("persons", "doses")}
    import_times = {k: read_gnu_time(out / f"import_{k}.time") for k in ("persons", "doses")}
    bench_time = read_gnu_time(out / "registry_bench.time")
    pg = read_peer(out / "postgres.txt")
    duck = read_peer(out / "duckdb.txt")
    times, rss_counters = read_registry_bench(out / "registry_bench.json")

    rows = []  # (figure, target, ours, postgres, duckdb, ratio text, verdict)

    if generate:
        rows.append(("generate (s, wall)", "<= 120 at 10 M", generate["seconds"], None, None,
                     "", verdict(generate["seconds"] <= 120 if persons == 10_000_000 else None)))

    # Import: our validated rows per second, against PostgreSQL COPY of the rows we stored.
    ours_rows = ours_seconds = ours_wall = 0.0
    for kind in ("persons", "doses"):
        summary, gnu = imports[kind], import_times[kind]
        if not summary:
            continue
        rate = summary["rows_read"] / summary["seconds"] if summary["seconds"] else None
        wall_rate = summary["rows_read"] / gnu["seconds"] if gnu and gnu["seconds"] else None
        ours_rows += summary["rows_read"]
        ours_seconds += summary["seconds"]
        ours_wall += gnu["seconds"] if gnu else 0
        pg_rate = pg.get(f"import_{kind}_rows_per_s")
        rows.append((f"import {kind} (rows/s, wall)", ">= PG COPY", wall_rate, pg_rate,
                     duck.get(f"import_{kind}_rows_per_s"),
                     f"ours/PG {fmt(ratio(wall_rate, pg_rate), 2)}x", "-"))
        rows.append((f"  as our import reports it", "", rate, None, None, "", "-"))
    total_wall_rate = ours_rows / ours_wall if ours_wall else None
    total_rate = ours_rows / ours_seconds if ours_seconds else None
    pg_total = pg.get("import_total_rows_per_s")
    if ours_rows:
        meets = total_wall_rate is not None and total_wall_rate >= 500_000
        beats_pg = pg_total is not None and total_wall_rate is not None and total_wall_rate >= pg_total
        rows.append(("import total (rows/s, wall)", ">= 500,000 and >= PG", total_wall_rate,
                     pg_total, duck.get("import_total_rows_per_s"),
                     f"ours/PG {fmt(ratio(total_wall_rate, pg_total), 2)}x",
                     verdict(meets and beats_pg)))
        rows.append(("  as our import reports it", "", total_rate, None, None, "", "-"))
    peak_import = max((g["rss_bytes"] or 0 for g in import_times.values() if g), default=None)
    if peak_import:
        rows.append(("import peak RSS (MiB)", "<= 2048", peak_import / 2**20, None, None, "",
                     verdict(peak_import <= 2 * GIB)))

    coverage_name, coverage_ms = find_time(times, "coverage_cube", "coverage")
    pg_cov, duck_cov = pg.get("coverage_ms"), duck.get("coverage_ms")
    pg_x, duck_x = ratio(pg_cov, coverage_ms), ratio(duck_cov, coverage_ms)
    cov_ok = None
    if coverage_ms is not None:
        cov_ok = coverage_ms <= 50 and (pg_x or 0) >= 100 and (duck_x or 0) > 1
    rows.append(("coverage, province (ms, median)", "<= 50; PG/ours >= 100; < DuckDB",
                 coverage_ms, pg_cov, duck_cov,
                 f"PG/ours {fmt(pg_x)}x, DuckDB/ours {fmt(duck_x)}x", verdict(cov_ok)))

    due_name, due_ms = find_time(times, "due_list", "due")
    pg_due, duck_due = pg.get("due_list_ms"), duck.get("due_list_ms")
    rows.append(("due list, one commune (ms, median)", "<= 20", due_ms, pg_due, duck_due,
                 f"PG/ours {fmt(ratio(pg_due, due_ms))}x, DuckDB/ours {fmt(ratio(duck_due, due_ms))}x",
                 verdict(due_ms <= 20 if due_ms is not None else None)))

    peak_bench = bench_time["rss_bytes"] if bench_time else None
    rows.append(("registry_bench peak RSS (MiB)", "<= 2048",
                 peak_bench / 2**20 if peak_bench else None, None, None, "",
                 verdict(peak_bench <= 2 * GIB if peak_bench else None)))
    if generate and generate["rss_bytes"]:
        rows.append(("generate peak RSS (MiB)", "<= 2048", generate["rss_bytes"] / 2**20, None,
                     None, "", verdict(generate["rss_bytes"] <= 2 * GIB)))

    sizes = {}
    for name, path in (("csv", out / "csv.bytes"), ("sqlite", out / "registry.bytes")):
        if path.exists():
            sizes[name] = int(float(path.read_text().split()[0]))
    rows.append(("database on disk (MiB)", "", sizes.get("sqlite", 0) / 2**20 or None,
                 pg.get("database_bytes", 0) / 2**20 or None,
                 duck.get("database_bytes", 0) / 2**20 or None, "", "-"))

    header = ("figure", "target", "phongdich", "PostgreSQL 15", "DuckDB", "ratio", "")
    table = [header] + [(r[0], r[1], fmt(r[2]), fmt(r[3]), fmt(r[4]), r[5], r[6]) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    stored = {k: (v or {}).get("rows_imported") for k, v in imports.items()}
    print(f"persons: {persons or '?'}  stored: persons {stored['persons']}, doses {stored['doses']}"
          f"  CSV: {fmt(sizes.get('csv', 0) / 2**20)} MiB")
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print(f"our benchmarks: coverage = {coverage_name or 'not found'}, due list = {due_name or 'not found'}")
    print(f"peers' due-list commune: {pg.get('due_list_commune', '?')}"
          f" ({fmt(pg.get('due_list_commune_persons'), 0)} persons)")
    if rss_counters:
        print("RSS counters of registry_bench: "
              + ", ".join(f"{k}={fmt(v, 0)}" for k, v in rss_counters.items()))

    (out / "summary.json").write_text(json.dumps({
        "persons": persons,
        "rows": [dict(zip(("figure", "target", "ours", "postgres", "duckdb", "ratio", "verdict"), r))
                 for r in rows],
        "registry_bench_ms": times,
        "postgres": pg,
        "duckdb": duck,
    }, indent=2))


if __name__ == "__main__":
    main()
