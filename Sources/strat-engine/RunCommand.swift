import Foundation
import StratDiagnostics
import StratEngine
import StratNative

/// `strat-engine run --config FILE`: loads and checks the config, builds the strategies, runs
/// the engine until the data ends or SIGTERM, and writes the run's files.
enum RunCommand {
  static let usage = """
    usage: strat-engine run --config FILE [--replay FILE] [--out DIR] [--speed X] [--journal DIR]
                            [--control ADDR:PORT] [--token-file FILE] [--fix-port PORT]
    Docs/ENGINE.md is the guide; Docs/ENGINE-CONFIG.md lists every key of the config file.
    """

  static let valued: Set<String> = ["config", "replay", "out", "speed", "journal", "control", "token-file", "fix-port"]

  static func main(_ args: ArraySlice<String>) -> Int32 {
    let flags: [String: String]
    switch parse(args) {
    case .success(let f): flags = f
    case .failure(let message):
      FileHandle.standardError.write(Data("strat-engine run: \(message)\n\(usage)\n".utf8))
      return 2
    }
    guard let path = flags["config"] else {
      FileHandle.standardError.write(Data("strat-engine run: --config FILE is required\n\(usage)\n".utf8))
      return 2
    }
    let given: EngineConfig.Overrides
    do {
      given = try overrides(flags)
    } catch {
      FileHandle.standardError.write(Data("strat-engine run: \(error)\n\(usage)\n".utf8))
      return 2
    }
    let config: EngineConfig
    do throws(EngineConfigError) {
      config = try EngineConfig.load(path: path, overrides: given)
    } catch {
      for d in error.diagnostics { FileHandle.standardError.write(Data(DiagnosticRenderer.text(d).utf8)) }
      return 1
    }
    let problems = config.startupProblems()
    if !problems.isEmpty {
      for d in problems { FileHandle.standardError.write(Data(DiagnosticRenderer.text(d).utf8)) }
      return 1
    }
    return run(config)
  }

  static func run(_ config: EngineConfig) -> Int32 {
    guard let log = logFile(config.engine.log) else {
      FileHandle.standardError.write(Data("strat-engine run: cannot open the log \(config.engine.log ?? "")\n".utf8))
      return 1
    }
    do throws(EngineError) {
      let setup = try EngineSetup(config)
      let verifier = try verifier(config.hotload)
      let engine = try Engine(setup: setup, builder: EngineBuilder(verifier: verifier), log: log)
      let signals = SignalWatcher(queue: engine.commands)
      defer { signals.stop() }
      let server = try config.control.map { c throws(EngineError) in
        try ControlServer.start(listen: c.listen.description, tokenFile: c.tokenFile, engine: engine, strategies: engine.hotLoader)
      }
      defer { server?.stop() }
      log.info("engine.started", ["strategies": .int(engine.strategies.count), "events": .int(engine.eventCount)])
      let outcome = try engine.run()
      if let out = setup.out { try EngineOutputs.write(engine.strategies, outcome: outcome, to: out) }
      return 0
    } catch {
      log.error(error.id, ["message": .string(error.message), "at": error.location.map { .string("\($0.path):\($0.line ?? 0)") } ?? .null])
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      return 1
    }
  }

  /// The JSON-lines log: standard error, or appended to a file.
  static func logFile(_ path: String?) -> EngineLog? {
    guard let path, path != "-" else { return EngineLog() }
    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
    guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
    handle.seekToEndOfFile()
    return EngineLog(handle: handle)
  }

  /// The checks objects pass before they load: the configured key, unsigned objects or not.
  static func verifier(_ hotload: EngineConfig.Hotload) throws(EngineError) -> ObjectVerifier {
    var keys: [SigningKey] = []
    if let path = hotload.keyFile {
      do throws(SigningKeyError) {
        keys.append(try SigningKey.load(path: path))
      } catch {
        throw EngineError(id: error.id, message: error.description)
      }
    }
    return ObjectVerifier(keys: keys, allowUnsigned: hotload.allowUnsigned)
  }

  /// `--flag value` pairs; a message for anything else.
  static func parse(_ args: ArraySlice<String>) -> Result<[String: String], BadFlag> {
    var flags: [String: String] = [:]
    var rest = args[...]
    while let arg = rest.popFirst() {
      guard arg.hasPrefix("--"), valued.contains(String(arg.dropFirst(2))) else {
        return .failure(BadFlag(description: "unknown argument `\(arg)`"))
      }
      guard let value = rest.popFirst() else { return .failure(BadFlag(description: "\(arg) needs a value")) }
      flags[String(arg.dropFirst(2))] = value
    }
    return .success(flags)
  }

  struct BadFlag: Error, CustomStringConvertible { let description: String }

  static func overrides(_ flags: [String: String]) throws -> EngineConfig.Overrides {
    var o = EngineConfig.Overrides(replay: flags["replay"], out: flags["out"], journal: flags["journal"], tokenFile: flags["token-file"])
    if let text = flags["speed"] {
      guard let speed = Double(text), speed.isFinite, speed >= 0 else { throw BadFlag(description: "--speed must be a number ≥ 0; found `\(text)`") }
      o.speed = speed
    }
    if let text = flags["fix-port"] {
      guard let port = UInt16(text), port > 0 else { throw BadFlag(description: "--fix-port must be 1–65535; found `\(text)`") }
      o.fixPort = port
    }
    if let text = flags["control"] {
      switch EngineConfig.Address.parse(text) {
      case .success(let address): o.control = address
      case .failure(let problem): throw BadFlag(description: "--control: \(problem.message)")
      }
    }
    return o
  }
}
