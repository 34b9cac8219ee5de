#!/usr/bin/env bash
# Two strat-venues for Examples/fix/engine.toml, from the repository root with ../shared beside it
# (README.md, "Trading over FIX"), both from Examples/fix/venue.toml: FIX 4.4 acceptors (CompID VENUE, clients CLIENT1 and CLIENT2)
# on 127.0.0.1:9878 and :9879, GOOG on a 0.01 tick, each publishing its book as ITCH 5.0 over
# MoldUDP64 (127.0.0.1:39401 with re-requests on :39402, and :39411/:39412), both seeded from
# the LOBSTER GOOG day at 10× real time, with Prometheus metrics on 127.0.0.1:9201 and :9211.
# Ctrl-C (or SIGTERM) ends both; each prints its clients' orders and positions.
set -euo pipefail
bin=${BIN:-.build/release}
mkdir -p out/fix
"$bin/strat-venue" run --config Examples/fix/venue.toml &
a=$!
"$bin/strat-venue" run --config Examples/fix/venue.toml --fix-port 9879 --itch 127.0.0.1:39411 --request-port 39412 \
  --store out/fix/venue-b --metrics 127.0.0.1:9211 &
b=$!
trap 'kill -TERM $a $b 2>/dev/null; wait' INT TERM
wait
