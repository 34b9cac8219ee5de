#!/usr/bin/env bash
# Measures MatchingBenchmark in release mode without building the whole project (LLVM, FIX…):
# a throwaway package in $TMPDIR links the sources the matching engine needs and runs it.
# Usage: scripts/matching-bench.sh [operations] [seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${TMPDIR:-/tmp}/strat-matching-bench"
mkdir -p "$work/Sources/bench"
for module in StratDiagnostics StratTimeZone StratMarket StratNet StratMoldUDP64 StratVenue; do
  ln -sfn "$root/Sources/$module" "$work/Sources/$module"
done
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
  name: "matching-bench",
  targets: [
    .target(name: "StratDiagnostics"),
    .target(name: "StratTimeZone", dependencies: ["StratDiagnostics"]),
    .target(name: "StratMarket", dependencies: ["StratDiagnostics", "StratTimeZone"],
      exclude: ["ITCH/README.md", "Book/AGREEMENT.md"]),
    .target(name: "StratNet"),
    .target(name: "StratMoldUDP64", dependencies: ["StratMarket", "StratNet"]),
    .target(name: "StratVenue", dependencies: ["StratMarket", "StratMoldUDP64"]),
    .executableTarget(name: "bench", dependencies: ["StratVenue"]),
  ]
)
SWIFT
cat > "$work/Sources/bench/main.swift" <<'SWIFT'
import StratVenue
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let operations = arguments.first ?? 1_000_000
let seed = UInt64(arguments.dropFirst().first ?? 42)
_ = MatchingBenchmark.run(operations: 100_000, seed: seed &+ 1)  // warm-up
for _ in 0..<3 {
  let r = MatchingBenchmark.run(operations: operations, seed: seed)
  print("operations \(r.operations)  cpu \(r.seconds) s  \(Int(r.operationsPerSecond)) ops/s  fills \(r.fills)  events \(r.events)  resting \(r.restingOrders)")
}
SWIFT
cd "$work" && swift run -c release bench "$@"
