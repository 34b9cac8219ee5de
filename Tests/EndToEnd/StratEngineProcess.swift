import Foundation

/// Runs the built `strat-engine` as an operator would: to completion, or killed with SIGKILL
/// after a delay, with its log in a file.
enum StratEngineProcess {
  static let binary = Stratc.binary.deletingLastPathComponent().appendingPathComponent("strat-engine")

  /// The LOBSTER sample day's message file.
  static let lobsterDay = Stratc.root.deletingLastPathComponent().appendingPathComponent(
    "shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz").path

  /// The README's LOBSTER settings, as `stratc backtest` flags.
  static let backtestVenue = [
    "--order-latency", "100us", "--feed-latency", "20us", "--maker-fee", "per-share:-0.002",
    "--taker-fee", "per-share:0.003",
  ]

  /// A config that paper-trades `strategy` (absolute path) on the sample day with those
  /// settings, journaling into `folder`/journal and writing into `folder`/out.
  static func config(strategy: String, folder: String, extra: String = "") throws -> String {
    let text = """
      [engine]
      strategies = "\(URL(fileURLWithPath: strategy).deletingLastPathComponent().path)"
      journal = "\(folder)/journal"
      out = "\(folder)/out"
      [hotload]
      allow_unsigned = true
      [feed]
      kind = "lobster"
      messages = "\(lobsterDay)"
      [venue]
      kind = "paper"
      order_latency = "100us"
      feed_latency = "20us"
      maker_fee = "per-share:-0.002"
      taker_fee = "per-share:0.003"
      \(extra)
      [[strategy]]
      file = "\(strategy)"
      """
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/engine.toml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Runs the engine; when `killAfter` is given, sends SIGKILL that many seconds after the engine
  /// logs that it started trading, unless it ended first. Returns the status and whether the
  /// kill landed.
  @discardableResult
  static func run(_ arguments: [String], killAfter: Double? = nil) throws -> (status: Int32, killed: Bool, log: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = Stratc.root
    let logPath = Stratc.temporaryDirectory() + ".log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    if let killAfter {
      let started = Date().addingTimeInterval(120)
      while process.isRunning && Date() < started,
        !String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self).contains("engine.started")
      {
        usleep(2_000)
      }
      let deadline = Date().addingTimeInterval(killAfter)
      while process.isRunning && Date() < deadline { usleep(1_000) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    process.waitUntilExit()
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    return (process.terminationStatus, killed, log)
  }

  /// `strat-engine run --config config`, killed by itself after `crashAt` events when given
  /// (STRAT_ENGINE_CRASH_AT_EVENT), sent SIGTERM after `stopAfter` seconds, and SIGKILLed
  /// 30 s after that; the status, whether SIGKILL ended it, and its log.
  static func runKilling(_ config: String, crashAt: Int?, stopAfter: Double) throws -> (status: Int32, killed: Bool, log: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["run", "--config", config]
    var environment = ProcessInfo.processInfo.environment
    environment["STRAT_ENGINE_CRASH_AT_EVENT"] = crashAt.map(String.init)
    process.environment = environment
    let logPath = Stratc.temporaryDirectory() + ".log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(stopAfter)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    let hard = Date().addingTimeInterval(30)
    while process.isRunning && Date() < hard { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    return (process.terminationStatus, process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, log)
  }
}
