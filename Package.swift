// swift-tools-version:6.0
// The module list is the pipeline: front end → IR → executors; market data → backtester.
// Dependencies point one way (see STYLE table in DECISIONS.md); no third-party packages.
import PackageDescription

let package = Package(
  name: "stratc",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "stratc", targets: ["stratc"]),
    .executable(name: "strat-bench", targets: ["strat-bench"]),
    .executable(name: "strat-engine", targets: ["strat-engine"]),
    .executable(name: "strat-venue", targets: ["strat-venue"]),
  ],
  targets: [
    .target(name: "StratDiagnostics"),
    // The configuration files' TOML subset (Docs/ENGINE-CONFIG.md): parser, values, located
    // errors, and the schema helpers the engine's and the venue's schemas share.
    .target(name: "StratConfig", dependencies: ["StratDiagnostics"]),
    .target(name: "StratSyntax", dependencies: ["StratDiagnostics"]),
    .target(name: "StratIR", dependencies: ["StratDiagnostics", "StratABI"], exclude: ["WindowSemantics.md"]),
    .target(name: "StratModels"),
    .target(
      name: "StratSema",
      dependencies: ["StratSyntax", "StratIR", "StratABI", "StratDiagnostics", "StratTimeZone", "StratModels"]),
    // The system's time-zone database (TZif files, POSIX TZ rules) and calendar arithmetic.
    .target(name: "StratTimeZone", dependencies: ["StratDiagnostics"]),
    // SHA-256 blocks with the x86 SHA extensions when the CPU has them (StratABI falls back).
    .target(name: "CSHA256", path: "Sources/CSHA256"),
    .target(name: "StratABI", dependencies: ["CSHA256"]),
    .target(name: "StratInterpreter", dependencies: ["StratIR", "StratABI"]),
    // The C ABI of compiled strategies (include/stratc.h), and the runtime side of native code:
    // loading objects, running them. Needs no LLVM, so a live engine can load prebuilt objects.
    .systemLibrary(name: "CStratc", path: "Sources/CStratc"),
    .target(name: "StratNative", dependencies: ["CStratc", "StratABI"]),
    // LLVM 19's C API (Debian llvm-19-dev); its headers are not on the default include path.
    .systemLibrary(name: "CLLVM", path: "Sources/CLLVM"),
    .target(
      name: "StratLLVM", dependencies: ["CLLVM", "StratDiagnostics", "StratIR", "StratABI", "StratNative"],
      swiftSettings: [.unsafeFlags(["-Xcc", "-I/usr/lib/llvm-19/include"])]),
    // Fixed point as the HLS kernel computes it: formats, the exact arithmetic of ap_fixed
    // (quantisation, overflow), and the range analysis that gives every IR value its format.
    .target(name: "StratFixed", dependencies: ["StratIR", "StratABI", "StratDiagnostics"]),
    // The FPGA backend: HLS C++ kernels, testbenches and reports; Shim/ is the project's own
    // model of the Vitis HLS headers, copied into every kernel directory.
    .target(
      name: "StratHLS", dependencies: ["StratFixed", "StratIR", "StratABI", "StratDiagnostics", "StratInterpreter", "StratRuntime"],
      resources: [.copy("Shim")]),
    // What the differential tests share (not a product's dependency): the seeded generator, the
    // random strategies and event streams, the run cases' event tables and decision-log format.
    .target(name: "StratTestSupport", dependencies: ["StratABI"]),
    .target(
      name: "StratMarket", dependencies: ["StratDiagnostics", "StratTimeZone"],
      exclude: ["ITCH/README.md", "Book/AGREEMENT.md"]),
    // Shared by backtest and live: the decision-to-order translator, order state, the risk gate,
    // the order-gateway and event-source protocols, the clock, the in-process simulated venue.
    .target(name: "StratRuntime", dependencies: ["StratMarket", "StratABI", "StratNative", "StratDiagnostics"],
      exclude: ["Venue/README.md"]),
    .target(
      name: "StratBacktest", dependencies: ["StratRuntime", "StratMarket", "StratABI", "StratNative", "StratDiagnostics"]),
    // POSIX sockets: UDP (unicast, multicast), TCP, a small HTTP/1.1 server; no trading knowledge.
    .target(name: "StratNet"),
    // The engine's durable, checksummed append-only log (Docs/JOURNAL.md): framing, group commit.
    .target(name: "StratJournal"),
    // MoldUDP64's sending side, shared by the engine's publisher and the venue's feed: the
    // retransmission store, the re-request server, the packet buffer, a live sender.
    .target(name: "StratMoldUDP64", dependencies: ["StratMarket", "StratNet"]),
    // FIX 4.2/4.4: the data dictionary (QuickFIX's XML, read at start), the tag=value codec, the
    // session layer (initiator and acceptor) and its durable message store on StratJournal.
    .target(
      name: "StratFIX", dependencies: ["StratDiagnostics", "StratNet", "StratJournal", "StratTimeZone"],
      exclude: ["Acceptance/README.md"], resources: [.copy("Dictionaries")]),
    // strat-venue's library: the matching engine, FIX order entry, the venue's own ITCH feed.
    .target(
      name: "StratVenue",
      dependencies: ["StratFIX", "StratMarket", "StratNet", "StratMoldUDP64", "StratDiagnostics", "StratConfig"]),
    // The live engine: strategy host, hot-load, OMS, risk, journal records, control, metrics.
    // It knows strategies only through StratABI and StratNative, never the IR or the backtester.
    .target(
      name: "StratEngine",
      dependencies: [
        "StratRuntime", "StratMarket", "StratABI", "StratNative", "StratNet", "StratMoldUDP64", "StratJournal",
        "StratDiagnostics", "StratFIX", "StratConfig",
      ]),
    .executableTarget(
      name: "stratc",
      dependencies: [
        "StratDiagnostics", "StratSyntax", "StratSema", "StratIR", "StratABI",
        "StratInterpreter", "StratNative", "StratLLVM", "StratMarket", "StratRuntime", "StratBacktest", "StratHLS",
      ]),
    .executableTarget(
      name: "strat-engine",
      dependencies: [
        "StratEngine", "StratRuntime", "StratMarket", "StratABI", "StratNative", "StratNet", "StratDiagnostics",
        "StratSyntax", "StratSema", "StratIR", "StratLLVM",
      ]),
    .executableTarget(
      name: "strat-venue",
      dependencies: ["StratVenue", "StratFIX", "StratMarket", "StratNet", "StratDiagnostics", "StratConfig"]),
    .executableTarget(
      name: "strat-bench",
      dependencies: [
        "StratDiagnostics", "StratSema", "StratIR", "StratABI", "StratInterpreter", "StratNative",
        "StratLLVM", "StratMarket", "StratRuntime", "StratBacktest", "StratJournal", "StratEngine", "StratFIX",
        "StratVenue", "StratNet",
      ]),
    .testTarget(name: "StratDiagnosticsTests", dependencies: ["StratDiagnostics"]),
    .testTarget(name: "StratConfigTests", dependencies: ["StratConfig", "StratDiagnostics"]),
    .testTarget(name: "StratTimeZoneTests", dependencies: ["StratTimeZone", "StratDiagnostics"]),
    .testTarget(name: "StratSyntaxTests", dependencies: ["StratSyntax", "StratDiagnostics"]),
    .testTarget(
      name: "StratIRTests",
      dependencies: [
        "StratIR", "StratABI", "StratDiagnostics", "StratInterpreter", "StratNative", "StratLLVM",
      ]),
    .testTarget(
      name: "StratSemaTests",
      dependencies: ["StratSema", "StratSyntax", "StratIR", "StratDiagnostics", "StratModels"]),
    .testTarget(
      name: "StratInterpreterTests",
      dependencies: ["StratInterpreter", "StratIR", "StratABI", "StratSema", "StratDiagnostics", "StratTimeZone"]),
    .testTarget(
      name: "StratNativeTests",
      dependencies: [
        "CStratc", "StratABI", "StratDiagnostics", "StratIR", "StratSema", "StratInterpreter", "StratNative",
        "StratLLVM",
      ]),
    .testTarget(
      name: "StratMarketTests", dependencies: ["StratMarket", "StratDiagnostics"],
      exclude: ["Corpus"]),
    .testTarget(
      name: "StratBacktestTests", dependencies: ["StratBacktest", "StratRuntime", "StratMarket", "StratABI"]),
    .testTarget(name: "StratRuntimeTests", dependencies: ["StratRuntime", "StratMarket", "StratABI"]),
    .testTarget(name: "StratNetTests", dependencies: ["StratNet"]),
    .testTarget(name: "StratJournalTests", dependencies: ["StratJournal"]),
    .testTarget(
      name: "StratFIXTests", dependencies: ["StratFIX", "StratNet", "StratJournal", "StratDiagnostics"],
      exclude: ["Acceptance"]),
    .testTarget(
      name: "StratVenueTests",
      // strat-venue: built before the tests, for the QuickFIX interop run (QuickFIXInteropTests).
      dependencies: ["StratVenue", "StratFIX", "StratMarket", "StratNet", "StratMoldUDP64", "StratDiagnostics", "strat-venue"]),
    .testTarget(
      name: "StratEngineTests",
      dependencies: [
        "StratEngine", "StratRuntime", "StratMarket", "StratABI", "StratNative", "StratNet", "StratMoldUDP64",
        "StratJournal", "StratDiagnostics", "strat-engine", "StratFIX", "StratVenue",
      ],
      // The executable's builder (through StratLLVM) reaches LLVM's C headers.
      swiftSettings: [.unsafeFlags(["-Xcc", "-I/usr/lib/llvm-19/include"])]),
    .testTarget(name: "StratFixedTests", dependencies: ["StratFixed", "StratIR", "StratABI"]),
    .testTarget(
      name: "StratHLSTests",
      dependencies: [
        "StratHLS", "StratFixed", "StratIR", "StratABI", "StratSema", "StratDiagnostics", "StratInterpreter",
        "StratTestSupport",
        // DecisionTranslator: the oracle of the kernel's order stage.
        "StratRuntime",
        // The ITCH reader and book: the oracle of the ITCH front end's tests.
        "StratMarket",
      ],
      exclude: ["Shim"]),
    .testTarget(
      name: "FiletestsTests",
      dependencies: [
        "StratDiagnostics", "StratSyntax", "StratSema", "StratIR", "StratABI", "StratInterpreter",
        "StratNative", "StratLLVM", "StratTestSupport", "StratHLS",
      ],
      path: "Tests/Filetests",
      exclude: ["cases", "README.md"]),
    .testTarget(
      name: "EndToEndTests",
      // StratTestSupport: ITCH bytes written by hand and seeded order flow; StratHLS: the OUCH
      // decoder that reads the tick-to-trade kernel's orders.
      dependencies: ["stratc", "strat-engine", "strat-venue", "StratTestSupport", "StratHLS"],
      path: "Tests/EndToEnd",
      exclude: ["expected", "strategies"]),
  ]
)
