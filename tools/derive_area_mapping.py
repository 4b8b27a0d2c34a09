#!/usr/bin/env python3
"""Derives data/areas/vn2022_to_vn2025.csv from splits.json of ../shared/data/vn-admin.

One row per 2022 commune: the 2025 commune that holds it now. An old commune split
across several new ones ("partial") maps to the first one listed (rank 1); the others
follow with rank 2.. so a later address-level mapping can refine it.
Usage: tools/derive_area_mapping.py SHARED_DATA_DIR > data/areas/vn2022_to_vn2025.csv
"""
import csv
import json
import sys

splits = json.load(open(f"{sys.argv[1]}/vn-admin/post2025_2level/splits.json", encoding="utf-8"))
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["old_commune_code", "new_commune_code", "rank"])
for province in splits["data"]:
    for commune in province["level3s"]:
        for rank, new in enumerate(commune["splits"], start=1):
            out.writerow([commune["level3_id"], new["new_id"], rank])
