import Foundation
import StratABI
import StratMarket
import StratNative
import StratRuntime
import Testing

@testable import StratEngine
@testable import strat_engine

/// Engines driven by hand, event by event as `Engine.run` drives them (commands and hot-loads
/// at every 256-event boundary), on the LOBSTER sample day with no feed latency (so each event
/// is one step of the strategy and a step's decisions can be read after it).
enum HotLoadRig {
  static let root = EngineRiskTests.root.path
  static let day = EngineRiskTests.day

  /// A breakout strategy: long at the highest mid of the last `window` steps, short at the
  /// lowest. Its windows are order statistics, so a warm-up reproduces them exactly.
  static func breakout(window: Int, lot: Int = 100) -> String {
    """
    strategy breakout
    instrument s = "GOOG"
    param lot: Qty = \(lot)
    let hi = highest(s.mid, \(window))
    let lo = lowest(s.mid, \(window))
    when s.mid >= hi and s.mid > lo { target s = lot }
    when s.mid <= lo and s.mid < hi { target s = -lot }
    """
  }

  /// Writes `text` as `name` in a fresh folder; returns its path.
  static func file(_ name: String, _ text: String, in folder: String? = nil) throws -> String {
    let dir = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("hotload-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    return dir + "/" + name
  }

  /// The stratc binary beside the test bundle.
  static let stratc: String = {
    var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.isExecutableFile(atPath: dir.path + "/stratc") { return dir.path + "/stratc" }
      dir = dir.deletingLastPathComponent()
    }
    return root + "/.build/debug/stratc"
  }()

  /// Runs stratc; true when it exits 0.
  static func stratc(_ arguments: [String]) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: stratc)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  /// A signing key in `folder`, and the verifier that accepts what it signs.
  static func key(in folder: String) throws -> (path: String, verifier: ObjectVerifier) {
    let path = folder + "/strat.key"
    #expect(try stratc(["keygen", path]))
    return (path, ObjectVerifier(keys: [try SigningKey.load(path: path)]))
  }

  static func engine(
    _ strategy: String, policy: HotLoader.Policy = .carry, verifier: ObjectVerifier = ObjectVerifier(keys: [], allowUnsigned: true),
    journal: String? = nil, out: String? = nil, log: String
  ) throws -> Engine {
    var venue = VenueConfig()
    venue.orderLatency = .constant(nanos: 100_000)
    venue.feedLatency = .zero
    var setup = EngineSetup(strategies: [.init(path: strategy)], feed: .replay(path: day, date: nil, symbol: nil), venue: venue, journal: journal, out: out)
    setup.hotload = .init(folder: URL(fileURLWithPath: strategy).deletingLastPathComponent().path, policy: policy)
    FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: log))
    return try Engine(setup: setup, builder: EngineBuilder(verifier: verifier), log: EngineLog(handle: handle))
  }

  /// Each step's decisions, by step number (1 = the first step).
  typealias Decisions = [Int: [Decision]]

  /// Delivers events `range` of the day as the loop does; `before(delivered)` runs first at
  /// each event. Returns the decisions of the steps made.
  @discardableResult
  static func drive(_ engine: Engine, _ range: Range<Int>, before: (UInt64) throws -> Void = { _ in }) throws -> Decisions {
    let events = engine.feed.day?.events ?? []
    var decisions: Decisions = [:]
    for k in range where k < events.count {
      try before(engine.delivered)
      if engine.delivered & 255 == 0 {
        _ = try engine.applyCommands()
        try engine.applyHotLoads()
        engine.status.publish(engine.strategies, events: engine.delivered, killed: engine.killed)
      }
      let host = engine.strategies[0]
      let steps = host.runner.session.stepTimes.count
      try engine.deliver(events[k])
      if host.runner.session.stepTimes.count == steps + 1 {
        decisions[steps + 1] = Array(host.runner.executor.decisions)
      }
    }
    return decisions
  }

  /// The run's end, as `Engine.run` makes it after the last event.
  static func finish(_ engine: Engine) throws {
    for s in engine.strategies {
      s.runner.finish()
      _ = try engine.journalNewRows(s)
    }
    try engine.checkpoint()
    try engine.record(.end, events: engine.delivered, byte: nil)
    engine.journal?.sync()
    engine.journal?.close()
  }

  /// The strategy's order log as orders.csv rows.
  static func orders(_ engine: Engine) -> [OrderLogEntry] { engine.strategies[0].runner.session.audit.log.entries }

  static func temporaryPath(_ suffix: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("hotload-\(UUID().uuidString)\(suffix)").path
  }

  static func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
}
