#!/usr/bin/env python3
"""Derive first_doses_by_month.csv from shared/data/vn-covid/vietnam.csv.

People with at least one dose, at the last reported day of each month:
  owid_people_vaccinated where reported, else moh_people_dose1 + moh_people_dose2
  (the portal's "exactly one dose" plus "two doses"; it runs a little below OWID).
The monthly increase is the number of people who got their first dose that month.
Usage: derive_first_doses.py /work/shared/data/vn-covid/vietnam.csv > first_doses_by_month.csv
"""
import csv
import sys

last_by_month = {}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        if row["owid_people_vaccinated"]:
            value = int(row["owid_people_vaccinated"])
        elif row["moh_people_dose1"] and row["moh_people_dose2"]:
            value = int(row["moh_people_dose1"]) + int(row["moh_people_dose2"])
        else:
            continue
        last_by_month[row["date"][:7]] = value

print("month,people_with_dose1_at_month_end,first_doses_in_month")
previous = 0
for month in sorted(last_by_month):
    total = max(previous, last_by_month[month])
    print(f"{month},{total},{total - previous}")
    previous = total
