#!/usr/bin/env bash
# Fuzz/run-all.sh SECONDS: CI's bounded fuzzing. Builds the harnesses and runs each for an equal
# share of SECONDS (default 210), one after another; fails when any harness finds a crash (its
# reproducer is in Fuzz/artifacts/, its log in $FUZZ_WORK/logs/). Each run starts from the
# committed seed corpus plus what earlier runs on this machine kept in $FUZZ_WORK/corpus.
# Building every instrumented module takes longer than CI can spare, so by default one of two
# groups runs, alternating by day of the year: the market-data and sweep harnesses (one
# StratMarket build) on even days, the front end, objects and the HTTP parser on odd days.
# FUZZ_HARNESSES="csv tick" picks the harnesses; FUZZ_HARNESSES=all runs every one.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-$here/../.build/fuzz}
total=${1:-210}
groups=("itch csv lobster tick param config fix" "strat model object journal http fix")
day=$(( 10#$(date -u +%j) ))
selection=${FUZZ_HARNESSES:-${groups[$(( day % 2 ))]}}
[ "$selection" = all ] && selection=$("$here/run-fuzz.sh" list | tr '\n' ' ')
read -r -a harnesses <<< "$selection"
echo "fuzz: ${harnesses[*]} (${total} s in all)"
share=$(( total / ${#harnesses[@]} ))
(( share > 0 )) || share=1
mkdir -p "$work/logs"
failed=()
for harness in "${harnesses[@]}"; do
  start=$SECONDS
  if ! FUZZ_BUILD_ONLY=1 "$here/run-fuzz.sh" "$harness"; then
    echo "fuzz: $harness: the harness does not build" >&2
    failed+=("$harness")
    continue
  fi
  built=$(( SECONDS - start ))
  log="$work/logs/$harness.log"
  if "$here/run-fuzz.sh" "$harness" "$share" > "$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $harness: ${runs:-?} executions in ${share} s, no crash (built in ${built} s)"
  else
    echo "fuzz: $harness: CRASH; the end of its log:" >&2
    tail -n 40 "$log" >&2
    failed+=("$harness")
  fi
done
if (( ${#failed[@]} > 0 )); then
  echo "fuzz: failed: ${failed[*]}; reproducers in Fuzz/artifacts/ (see Fuzz/README.md)" >&2
  exit 1
fi
