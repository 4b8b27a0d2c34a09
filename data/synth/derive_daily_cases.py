#!/usr/bin/env python3
"""Derive covid_daily_cases.csv from shared/data/vn-covid (the epidemic generator's curve).

One row per day from 2021-04-27 (the start of the fourth wave) to 2022-01-21 (the last
complete day of the crawl): the new cases of the nation (VN) and of each of the 63
provinces (pre-2025 GSO codes), as the Ministry of Health portal reported them. Blank
cells of the province file become 0. Nothing is smoothed here: the generator removes the
back-log days itself (see README.md).
Usage: derive_daily_cases.py /work/shared/data/vn-covid > covid_daily_cases.csv
"""
import csv
import os
import sys

FIRST, LAST = "2021-04-27", "2022-01-21"
source = sys.argv[1]

national = {}
with open(os.path.join(source, "vietnam.csv"), newline="") as f:
    for row in csv.DictReader(f):
        if FIRST <= row["date"] <= LAST:
            national[row["date"]] = int(row["new_cases"] or 0)

provinces = set()
by_day = {}
with open(os.path.join(source, "vn_province_daily_ncsc_2020-03-18_2022-01-22.csv"), newline="") as f:
    for row in csv.DictReader(f):
        if not FIRST <= row["date"] <= LAST:
            continue
        code = row["gso_code_pre2025"]
        provinces.add(code)
        by_day.setdefault(row["date"], {})[code] = int(float(row["new_cases"] or 0))

codes = sorted(provinces)
print(",".join(["date", "VN"] + codes))
for date in sorted(national):
    day = by_day.get(date, {})
    print(",".join([date, str(national[date])] + [str(day.get(code, 0)) for code in codes]))
