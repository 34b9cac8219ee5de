import Foundation
import StratDiagnostics

extension EngineConfig {
  /// Checks what the configuration names on this machine: the strategies folder, the strategy
  /// and feed files exist; the token and key files are private (no group or other permission
  /// bits, as `chmod 600` leaves them); `engine.cpu` is online. Each problem is located at the
  /// key that named it (a path from the command line has no location). Empty when all is well.
  /// Run once, at start, before anything is opened.
  package func startupProblems(onlineCPUs: Int = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    -> [Diagnostic]
  {
    var problems: [Diagnostic] = []
    if let cpu = engine.cpu, cpu >= onlineCPUs {
      let message =
        "`engine.cpu` is \(cpu), but this machine has \(onlineCPUs) CPUs online (0 to \(onlineCPUs - 1))"
      problems.append(
        origins["engine.cpu"].map {
          Diagnostic(id: "engine.config.cpu", message: message, primary: Label($0))
        }
          ?? Diagnostic(id: "engine.config.cpu", message: message)
      )
    }
    func check(_ key: String, _ path: String?, _ kind: ConfigFileKind) {
      guard let path, let problem = kind.problem(at: path) else { return }
      problems.append(fileDiagnostic(key, path, problem, kind: kind))
    }
    check("engine.strategies", engine.strategies, .folder)
    for (index, strategy) in strategies.enumerated() {
      check("strategy[\(index + 1)].file", strategy.file, .file)
    }
    switch feed.source {
    case .lobster(let messages, let orderbook, _, _):
      check("feed.messages", messages, .file)
      check("feed.orderbook", orderbook, .file)
    case .itch(let file, _), .tick(let file): check("feed.file", file, .file)
    case .itchUDP: break
    }
    check("control.token_file", control?.tokenFile, .secret)
    check("hotload.key_file", hotload.keyFile, .secret)
    return problems
  }

  func fileDiagnostic(_ key: String, _ path: String, _ problem: String, kind: ConfigFileKind)
    -> Diagnostic
  {
    let id =
      kind == .secret && !problem.hasPrefix("does not")
      ? "engine.config.file-mode" : "engine.config.file"
    let message = "`\(key)`: \(path) \(problem)"
    guard let span = origins[key] else { return Diagnostic(id: id, message: message) }
    return Diagnostic(id: id, message: message, primary: Label(span))
  }
}

/// What a configured path must be.
enum ConfigFileKind {
  case folder, file
  /// A regular file that only its owner may read or write (a token, a key).
  case secret

  /// Why `path` is not what it must be, or nil.
  func problem(at path: String) -> String? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
      return "does not exist (or cannot be read)"
    }
    let type = attributes[.type] as? FileAttributeType
    switch self {
    case .folder:
      return type == .typeDirectory ? nil : "is not a folder"
    case .file:
      return type == .typeDirectory ? "is a folder, not a file" : nil
    case .secret:
      guard type == .typeRegular else { return "is not a regular file" }
      let mode = (attributes[.posixPermissions] as? Int) ?? 0
      guard mode & 0o077 != 0 else { return nil }
      return "has mode \(String(mode, radix: 8)); it must be private to its owner (chmod 600)"
    }
  }
}
