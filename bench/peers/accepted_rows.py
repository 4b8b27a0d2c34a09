#!/usr/bin/env python3
"""Writes the rows of a CSV file that our import accepted, for the peers to load.

usage: accepted_rows.py SOURCE.csv ERRORS.csv OUT.csv EXPECTED_ROWS

The generated files carry some invalid rows on purpose. Our import rejects them and lists
their line numbers in its error report (one row per violation, column `line`, the header
being line 1). PostgreSQL's COPY stops at the first bad row, so the peers get the same file
less those lines: the rows our import stored. EXPECTED_ROWS is the number it stored; the
script fails if the count differs (for instance a record spanning several lines).
"""
import csv
import sys


def rejected_lines(errors_path):
    try:
        with open(errors_path, newline="", encoding="utf-8") as errors:
            reader = csv.DictReader(errors)
            if reader.fieldnames is None or "line" not in reader.fieldnames:
                sys.exit(f"accepted_rows.py: {errors_path} has no 'line' column")
            return {int(row["line"]) for row in reader}
    except FileNotFoundError:
        return set()  # nothing was rejected, so no report was written


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.strip().splitlines()[2])
    source, errors, out, expected = sys.argv[1:5]
    rejected = rejected_lines(errors)
    kept = 0
    with open(source, "rb") as src, open(out, "wb") as dst:
        for number, line in enumerate(src, start=1):
            if number in rejected:
                continue
            dst.write(line)
            kept += 1
    data_rows = kept - 1  # the header is kept
    if data_rows != int(expected):
        sys.exit(
            f"accepted_rows.py: kept {data_rows} rows of {source}, but the import stored {expected}"
        )
    print(data_rows)


if __name__ == "__main__":
    main()
