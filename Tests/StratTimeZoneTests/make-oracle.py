#!/usr/bin/env python3
"""Writes zoneinfo-oracle.txt: UTC offsets and local→UTC conversions by Python's zoneinfo
(which reads the same system tzdata), at instants around every transition from 1965 to 2045
and on sample days up to 2100 (where the footer's POSIX rule applies). Regenerate with
`python3 make-oracle.py > zoneinfo-oracle.txt` after a tzdata update changes a rule."""
import datetime as dt
from zoneinfo import ZoneInfo

ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"]
UTC = dt.timezone.utc

def offset(zone, t):
    return int(dt.datetime.fromtimestamp(t, zone).utcoffset().total_seconds())

def local_to_utc(zone, local):
    naive = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=local)
    return int(naive.replace(tzinfo=zone, fold=0).timestamp())

for name in ZONES:
    zone = ZoneInfo(name)
    start = int(dt.datetime(1965, 1, 1, tzinfo=UTC).timestamp())
    end = int(dt.datetime(2100, 12, 31, tzinfo=UTC).timestamp())
    instants = set()
    t, step = start, 6 * 3600
    previous = offset(zone, t)
    while t < end:
        now = offset(zone, t + step)
        if now != previous:  # bisect the change to the second
            lo, hi = t, t + step
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if offset(zone, mid) == previous else (lo, mid)
            instants.update([hi - 1, hi, hi + 1])
            for local in (hi + previous - 3600, hi + previous - 1, hi + previous, hi + now - 1,
                          hi + now, hi + (previous + now) // 2, hi + max(previous, now) + 1800):
                print("local", name, local, local_to_utc(zone, local))
        previous = now
        t += step
    for year in (1970, 2012, 2024, 2050, 2099):
        instants.add(int(dt.datetime(year, 6, 21, 13, 30, tzinfo=UTC).timestamp()))
        instants.add(int(dt.datetime(year, 1, 15, 13, 30, tzinfo=UTC).timestamp()))
    for t in sorted(instants):
        print("offset", name, t, offset(zone, t))
