// swift-tools-version:6.0
// The module list is the pipeline: front end → IR → executors; market data → backtester.
// Dependencies point one way (see STYLE table in DECISIONS.md); no third-party packages.
import PackageDescription

let package = Package(
  name: "stratc",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "stratc", targets: ["stratc"]),
    .executable(name: "strat-bench", targets: ["strat-bench"]),
  ],
  targets: [
    .target(name: "StratDiagnostics"),
    .target(name: "StratSyntax", dependencies: ["StratDiagnostics"]),
    .target(name: "StratIR", dependencies: ["StratDiagnostics"]),
    .target(name: "StratSema", dependencies: ["StratSyntax", "StratIR", "StratDiagnostics"]),
    .target(name: "StratABI"),
    .target(name: "StratInterpreter", dependencies: ["StratIR", "StratABI"]),
    .target(name: "StratMarket", dependencies: ["StratDiagnostics"], exclude: ["ITCH/README.md"]),
    .target(name: "StratBacktest", dependencies: ["StratMarket", "StratABI"]),
    .executableTarget(
      name: "stratc",
      dependencies: [
        "StratDiagnostics", "StratSyntax", "StratSema", "StratIR", "StratABI",
        "StratInterpreter", "StratMarket", "StratBacktest",
      ]),
    .executableTarget(
      name: "strat-bench",
      dependencies: [
        "StratDiagnostics", "StratSema", "StratIR", "StratABI", "StratInterpreter",
        "StratMarket", "StratBacktest",
      ]),
    .testTarget(name: "StratDiagnosticsTests", dependencies: ["StratDiagnostics"]),
    .testTarget(name: "StratSyntaxTests", dependencies: ["StratSyntax", "StratDiagnostics"]),
    .testTarget(name: "StratIRTests", dependencies: ["StratIR", "StratDiagnostics"]),
    .testTarget(
      name: "StratSemaTests",
      dependencies: ["StratSema", "StratSyntax", "StratIR", "StratDiagnostics"]),
    .testTarget(
      name: "StratInterpreterTests",
      dependencies: ["StratInterpreter", "StratIR", "StratABI", "StratSema", "StratDiagnostics"]),
    .testTarget(
      name: "StratMarketTests", dependencies: ["StratMarket", "StratDiagnostics"],
      exclude: ["Corpus"]),
    .testTarget(
      name: "StratBacktestTests", dependencies: ["StratBacktest", "StratMarket", "StratABI"]),
    .testTarget(
      name: "FiletestsTests",
      dependencies: [
        "StratDiagnostics", "StratSyntax", "StratSema", "StratIR", "StratABI", "StratInterpreter",
      ],
      path: "Tests/Filetests",
      exclude: ["cases", "README.md"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["stratc"],
      path: "Tests/EndToEnd",
      exclude: ["expected"]),
  ]
)
