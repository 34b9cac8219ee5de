#!/usr/bin/env bash
# Builds the ITCH/MoldUDP64/gzip libFuzzer harness and runs it for [seconds] (default 120).
# New interesting inputs go to a scratch corpus; crashes are written to Fuzz/artifacts/.
# Copy the few worth keeping (and every crash reproducer) into Tests/StratMarketTests/Corpus/itch/,
# which the seed corpus also reads, and which ITCHFuzzCorpusTests replays under `swift test`.
set -euo pipefail
seconds=${1:-120}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-/tmp/itch-fuzz}
mkdir -p "$work/module" "$work/corpus" "$root/Fuzz/artifacts"
cd "$work/module"
# StratDiagnostics as a separate module, then StratMarket's sources and the harness as one.
swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name StratDiagnostics \
  -emit-module -emit-module-path StratDiagnostics.swiftmodule -emit-object -o diagnostics.o \
  -whole-module-optimization "$root"/Sources/StratDiagnostics/*.swift
swiftc -O -parse-as-library -sanitize=fuzzer,address -I . -module-name ITCHFuzz \
  $(find "$root/Sources/StratMarket" -name '*.swift') "$root"/Fuzz/ITCHFuzz/*.swift diagnostics.o \
  -o "$work/itch-fuzz"
cd "$root"
"$work/itch-fuzz" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix="$root/Fuzz/artifacts/" "$work/corpus" Tests/StratMarketTests/Corpus/itch
