import Foundation
import StratDiagnostics
import Testing

@testable import StratEngine

/// `startupProblems()`: what the configuration names must exist, and its secrets must be private,
/// each problem at the key that named the path.
@Suite struct ConfigFilesTests {
  /// A folder with strategies/, mm.strat, day.tick and a token of the given mode.
  static func folder(tokenMode: Int) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "config-files-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(
      atPath: folder + "/strategies",
      withIntermediateDirectories: true
    )
    for file in ["strategies/mm.strat", "day.tick", "token"] {
      #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data("x".utf8)))
    }
    try FileManager.default.setAttributes(
      [.posixPermissions: tokenMode],
      ofItemAtPath: folder + "/token"
    )
    return folder
  }

  static let text =
    ConfigSchemaErrorTests.base + """
      [control]
      listen = "127.0.0.1:0"
      token_file = "token"

      [[strategy]]
      file = "mm.strat"

      """

  static func problems(_ text: String, in folder: String) throws -> [String] {
    let config = try EngineConfig.parse(SourceFile(path: "e.toml", text: text), folder: folder)
    return config.startupProblems().map {
      DiagnosticRenderer.text($0).split(separator: "\n")[0].description
    }
  }

  @Test func aCPUThatIsNotOnlineIsLocatedAtItsKey() throws {
    let text = Self.text.replacingOccurrences(
      of: "journal = \"journal\"",
      with: "journal = \"journal\"\ncpu = 2"
    )
    let config = try EngineConfig.parse(SourceFile(path: "e.toml", text: text), folder: "/")
    let problems = config.startupProblems(onlineCPUs: 2).filter { $0.id == "engine.config.cpu" }
    #expect(
      problems.map(DiagnosticRenderer.text).first?.hasPrefix(
        "e.toml:4:7: error[engine.config.cpu]: `engine.cpu` is 2, but this machine has 2 CPUs online (0 to 1)\n"
      ) == true
    )
    #expect(config.startupProblems(onlineCPUs: 3).filter { $0.id == "engine.config.cpu" }.isEmpty)
  }

  @Test func whatExistsAndIsPrivatePasses() throws {
    let folder = try Self.folder(tokenMode: 0o600)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(try Self.problems(Self.text, in: folder) == [])
  }

  @Test func aReadableTokenAndMissingFilesAreLocatedAtTheirKeys() throws {
    let folder = try Self.folder(tokenMode: 0o644)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = Self.text.replacingOccurrences(
      of: "file = \"mm.strat\"",
      with: "file = \"gone.strat\""
    )
    .replacingOccurrences(of: "strategies = \"strategies\"", with: "strategies = \"day.tick\"")
    let actual = try Self.problems(text, in: folder)
    #expect(
      actual == [
        "e.toml:2:14: error[engine.config.file]: `engine.strategies`: \(folder)/day.tick is not a folder",
        "e.toml:13:8: error[engine.config.file]: `strategy[1].file`: \(folder)/day.tick/gone.strat does not exist (or cannot be read)",
        "e.toml:10:14: error[engine.config.file-mode]: `control.token_file`: \(folder)/token has mode 644; it must be private to its owner (chmod 600)",
      ],
      "\(actual)"
    )
  }
}
