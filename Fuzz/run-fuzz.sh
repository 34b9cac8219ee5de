#!/usr/bin/env bash
# Fuzz/run-fuzz.sh HARNESS [seconds] [libFuzzer flags...]: builds the libFuzzer harness
# Fuzz/<Name>Fuzz from the module sources and runs it for [seconds] (default 60).
#   HARNESS: itch csv lobster tick strat model object param journal config http fix ("list" prints them, "seeds HARNESS" its
#   seed folder). FUZZ_BUILD_ONLY=1 only builds.
# Each module is compiled once, instrumented, as its own Swift module with -enable-testing
# (cached in $FUZZ_WORK/modules until a source changes); the harness `@testable import`s the
# module that holds its `<Name>FuzzTarget` (the same code the corpus replay test calls).
# New interesting inputs go to $FUZZ_WORK/corpus/HARNESS (scratch), crashes to Fuzz/artifacts/.
# Copy the few worth keeping — and every crash reproducer — into the harness's seed folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$root/.build/fuzz}

# The build rules, in one place. harness → modules in dependency order; the last one holds the
# target. Then the seed corpus folder and libFuzzer's -max_len for the harness. A module written
# Module/Folder compiles only that folder of the module (as the module): StratEngine/Config is
# the engine's configuration code alone, which imports only StratDiagnostics, StratConfig,
# StratMarket and StratFIX (the session's schedule and version types).
declare -A modules=(
  [itch]="StratDiagnostics StratTimeZone StratMarket"
  [csv]="StratDiagnostics StratTimeZone StratMarket"
  [lobster]="StratDiagnostics StratTimeZone StratMarket"
  [tick]="StratDiagnostics StratTimeZone StratMarket"
  [strat]="StratDiagnostics StratTimeZone StratABI StratSyntax StratIR StratModels StratSema"
  [model]="StratModels"
  [object]="StratABI StratNative"
  [param]="StratDiagnostics StratTimeZone StratABI StratNative StratMarket StratRuntime StratBacktest"
  [journal]="StratJournal"
  [config]="StratDiagnostics StratConfig StratTimeZone StratMarket StratNet StratJournal StratFIX StratEngine/Config"
  [http]="StratNet"
  [fix]="StratDiagnostics StratTimeZone StratNet StratJournal StratFIX"
)
declare -A seeds=(
  [itch]=Tests/StratMarketTests/Corpus/itch
  [csv]=Tests/Fuzz/Corpus/csv
  [lobster]=Tests/Fuzz/Corpus/lobster
  [tick]=Tests/Fuzz/Corpus/tick
  [strat]=Tests/Fuzz/Corpus/strat
  [model]=Tests/Fuzz/Corpus/model
  [object]=Tests/Fuzz/Corpus/object
  [param]=Tests/Fuzz/Corpus/param
  [journal]=Tests/Fuzz/Corpus/journal
  [config]=Tests/Fuzz/Corpus/config
  [http]=Tests/Fuzz/Corpus/http
  [fix]=Tests/Fuzz/Corpus/fix
)
declare -A maxlen=(
  [itch]=4096 [csv]=4096 [lobster]=8192 [tick]=4096 [strat]=4096 [model]=16384 [object]=20000 [param]=512 [journal]=8192
  [config]=8192 [http]=4096 [fix]=8192)
declare -A folder=(
  [itch]=ITCH [csv]=CSV [lobster]=LOBSTER [tick]=Tick [strat]=Strat [model]=Model [object]=Object [param]=Param [journal]=Journal
  [config]=Config [http]=HTTP [fix]=FIX)
# StratNative imports the C header through Sources/CStratc/module.modulemap.
includes=(-I "$root/Sources/CStratc")
# StratABI's SHA-256 calls the C of Sources/CSHA256 (the CPU's SHA instructions): its module
# map for swiftc, and its object, built once, for every link.
includes+=(-I "$root/Sources/CSHA256/include")
flags=(-O -parse-as-library -sanitize=fuzzer,address -swift-version 6 -package-name stratc)

harness=${1:?usage: run-fuzz.sh HARNESS [seconds] [libFuzzer flags...]}
if [ "$harness" = list ]; then echo "${!modules[@]}" | tr ' ' '\n' | sort; exit 0; fi
if [ "$harness" = seeds ]; then echo "$root/${seeds[${2:?}]}"; exit 0; fi
if [ -z "${modules[$harness]:-}" ]; then
  echo "run-fuzz: unknown harness $harness (try: list)" >&2
  exit 2
fi
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))

# Builds module $1 unless its object is newer than its sources and than the modules (of $2...)
# that it imports.
build_module() {
  local folder=$1 name=${1%%/*} object="$work/modules/${1%%/*}.o"
  shift
  if [ -f "$object" ] && [ -z "$(find "$root/Sources/$folder" -newer "$object" -print -quit)" ]; then
    local dep stale=""
    for dep in "$@"; do
      grep -rqE "^(@testable )?import ${dep%%/*}\b" "$root/Sources/$folder" \
        && [ "$work/modules/${dep%%/*}.o" -nt "$object" ] && stale=1
    done
    [ -z "$stale" ] && return 0
  fi
  echo "run-fuzz: building $name" >&2
  local sources
  mapfile -t sources < <(find "$root/Sources/$folder" -name '*.swift' | sort)
  (cd "$work/modules" && swiftc "${flags[@]}" -enable-testing -whole-module-optimization \
    -I . "${includes[@]}" -module-name "$name" -emit-module -emit-module-path "$name.swiftmodule" \
    -emit-object -o "$name.o" "${sources[@]}")
  touch "$object"  # swiftc keeps an unchanged output's old time, which would look stale
}

mkdir -p "$work/modules" "$work/corpus/$harness" "$root/Fuzz/artifacts"
built=()
for module in ${modules[$harness]}; do
  build_module "$module" "${built[@]}"
  built+=("$module")
done
binary="$work/$harness-fuzz"
csha="$work/modules/CSHA256.o"
if [ ! -f "$csha" ] || [ "$root/Sources/CSHA256/sha256_ni.c" -nt "$csha" ]; then
  "${CC:-cc}" -O2 -c -I "$root/Sources/CSHA256/include" "$root/Sources/CSHA256/sha256_ni.c" -o "$csha"
fi
objects=("$csha")
for module in "${built[@]}"; do objects+=("$work/modules/${module%%/*}.o"); done
relink=""
for input in "${objects[@]}" "$root/Fuzz/${folder[$harness]}Fuzz"/*.swift; do
  [ "$input" -nt "$binary" ] && relink=1
done
if [ -n "$relink" ]; then
  echo "run-fuzz: linking $harness" >&2
  swiftc "${flags[@]}" -I "$work/modules" "${includes[@]}" -module-name "${folder[$harness]}Fuzz" \
    "$root/Fuzz/${folder[$harness]}Fuzz"/*.swift "${objects[@]}" -o "$binary" \
    2> >(grep -v "Cannot export local symbol" >&2)  # gold's harmless notes on ASan's thunks
fi
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

# Seeds listed in a test target's FuzzCorpus.knownFailures ("HARNESS/FILE") reproduce crashes
# already reported: leave them out, so that they do not stop every run at its start.
seed_dir="$root/${seeds[$harness]}"
known=$(grep -ho "\"$harness/[^\"]*\"" "$root"/Tests/*/FuzzCorpus.swift | tr -d '"' || true)
if [ -n "$known" ]; then
  rm -rf "$work/seeds/$harness" && mkdir -p "$work/seeds/$harness"
  for file in "$seed_dir"/*; do
    grep -qxF "$harness/$(basename "$file")" <<< "$known" || ln -s "$file" "$work/seeds/$harness/"
  done
  seed_dir="$work/seeds/$harness"
fi

cd "$root"
exec "$binary" -max_total_time="$seconds" -max_len="${maxlen[$harness]}" -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 -artifact_prefix="$root/Fuzz/artifacts/$harness-" "$@" \
  "$work/corpus/$harness" "$seed_dir"
