import Foundation
import StratABI
import StratDiagnostics
import StratEngine
import StratIR
import StratLLVM
import StratMarket
import StratNative
import StratRuntime
import StratSema

/// What every `--engine` figure starts from: Examples/engine/paper.toml (market_maker on the
/// LOBSTER GOOG day with the README's latency, queue and fee settings), its strategies
/// JIT-compiled as strat-engine does (Sources/strat-engine/EngineBuilder.swift), logs dropped.
struct EngineBenchSetup {
  let root: String
  let dataDir: String

  var exampleConfig: String { root + "/Examples/engine/paper.toml" }
  var lobsterMessages: String {
    root + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
  }

  /// The example's setup with `count` copies of its strategy, journaling to `journal` (or not).
  func setup(strategies count: Int, journal: String?) throws -> EngineSetup {
    let config = try EngineConfig.load(path: exampleConfig)
    var setup = try EngineSetup(config)
    setup.strategies = Array(repeating: setup.strategies[0], count: count)
    setup.journal = journal
    setup.out = nil
    return setup
  }

  /// A log nobody reads (the engine's JSON lines would otherwise go to standard error).
  func quietLog() -> EngineLog {
    EngineLog(handle: FileHandle(forWritingAtPath: "/dev/null") ?? .standardError)
  }

  /// The LOBSTER day as an ITCH 5.0 file image, as `stratc data convert` writes it, and the
  /// session clock its times are on.
  func itchDay() throws -> (bytes: [UInt8], session: SessionClock, path: String) {
    let session = try LOBSTERFileName.sessionClock(path: lobsterMessages, date: nil)
    let reader = LOBSTERMessageReader(stream: try ByteStreams.open(path: lobsterMessages), session: session)
    let bytes = try LOBSTERITCHReplay.itchFile(messages: try reader.readAll(), symbol: "GOOG", session: session)
    let path = dataDir + "/engine-goog.itch"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return (bytes, session, path)
  }
}

/// The engine's JIT builder, as strat-engine's (which an executable cannot share).
struct BenchStrategyBuilder: StrategyBuilder {
  func build(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy {
    guard let bytes = FileManager.default.contents(atPath: strategy.path) else {
      throw EngineError(id: "engine.strategy-missing", message: "cannot read \(strategy.path)")
    }
    let file = SourceFile(path: strategy.path, bytes: Array(bytes))
    let result = Compiler.compile(file, params: strategy.params, optimize: true)
    guard let module = result.module, !result.hasErrors else {
      throw EngineError(id: "engine.strategy-invalid", message: "\(strategy.path) does not compile")
    }
    do {
      let code = try NativeBackend.jit(module, sourceHash: SHA256.hex(file.bytes))
      let interface = try StrategyInterface(module: module)
      let executor = try NativeExecutor(code: code, parameters: interface.params, symbols: interface.instruments.map(\.symbol))
      return BuiltStrategy(
        executor: executor, backend: "jit", sourceHash: SHA256.hex(file.bytes), codeHash: module.codeHash,
        stateLayout: StateSlot.layout(of: code), artifact: Array(bytes))
    } catch {
      throw EngineError(id: "engine.jit", message: "\(strategy.path): the JIT refused it: \(error)")
    }
  }
}

/// Pins the calling thread to `cpu` (the engine's own pinning); false when the kernel refuses.
func pinThread(to cpu: Int) -> Bool { ThreadPinning.pin(to: cpu) }

/// The CPU the calling thread runs on now.
func currentCPU() -> Int32 {
  typealias GetCPU = @convention(c) () -> Int32
  guard let symbol = dlsym(nil, "sched_getcpu") else { return -1 }
  return unsafeBitCast(symbol, to: GetCPU.self)()
}

/// CLOCK_MONOTONIC in seconds.
func monotonicSeconds() -> Double { Double(TickToOrderProbe.monotonicNanos()) / 1e9 }
