import Foundation
import StratDiagnostics

@testable import StratConfig

/// Helpers of the parser's tests: parse text, render errors, dump a document in the canonical
/// form the tomllib oracle prints too.
enum ConfigTesting {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func parse(_ text: String) throws(Diagnostic) -> ConfigTable {
    try ConfigParser.parse(SourceFile(path: "test.toml", text: text))
  }

  /// The rendered error of text that must not parse ("" when it parses).
  static func syntaxError(_ text: String) -> String {
    do {
      _ = try parse(text)
      return ""
    } catch {
      return DiagnosticRenderer.text(error)
    }
  }

  /// The bytes of Examples/engine/paper.toml.
  static func example() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent("Examples/engine/paper.toml")))
  }

  /// The first ```toml block of Docs/ENGINE-CONFIG.md: the full schema, every key written.
  static func documentedExample() throws -> String {
    let doc = try String(
      contentsOf: root.appendingPathComponent("Docs/ENGINE-CONFIG.md"),
      encoding: .utf8
    )
    guard let open = doc.range(of: "```toml\n"),
      let close = doc.range(of: "\n```", range: open.upperBound..<doc.endIndex)
    else {
      return ""
    }
    return String(doc[open.upperBound..<close.lowerBound]) + "\n"
  }

  /// `{hexkey=value,…}` with keys in code-point order; strings as UTF-8 hex, floats as IEEE bits.
  static func canonical(_ value: ConfigValue) -> String {
    switch value.kind {
    case .string(let s): "s:" + hex(Array(s.utf8))
    case .integer(let i): "i:\(i)"
    case .float(let d, _): "f:" + hex64(d.bitPattern)
    case .boolean(let b): "b:\(b)"
    case .array(let values): "[" + values.map(canonical).joined(separator: ",") + "]"
    case .table(let table): canonical(table)
    case .tableArray(let array): "[" + array.tables.map(canonical).joined(separator: ",") + "]"
    }
  }

  static func canonical(_ table: ConfigTable) -> String {
    let sorted = table.entries.sorted {
      Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8))
    }
    return "{"
      + sorted.map { hex(Array($0.key.utf8)) + "=" + canonical($0.value) }.joined(separator: ",")
      + "}"
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map {
      String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
    }.joined()
  }

  static func hex64(_ bits: UInt64) -> String {
    let text = String(bits, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
  }

  /// tomllib's canonical dump of each text (Tests/Oracle/toml_canonical.py), or nil when python3 with tomllib is not available.
  /// The process is killed after 60 s, so a stuck interpreter cannot hang the suite.
  static func oracle(_ texts: [[UInt8]]) throws -> [String]? {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "config-oracle-\(UUID().uuidString)"
    )
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for (index, text) in texts.enumerated() {
      let path = folder.appendingPathComponent("\(index).toml").path
      try Data(text).write(to: URL(fileURLWithPath: path))
      paths.append(path)
    }
    let outPath = folder.appendingPathComponent("out.txt").path
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = root.appendingPathComponent("Tests/Oracle/toml_canonical.py").path
    process.arguments = ["python3", script] + paths
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline { usleep(10_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let out = String(
      decoding: FileManager.default.contents(atPath: outPath) ?? Data(),
      as: UTF8.self
    )
    return out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  /// True when python3 can import tomllib (Python ≥ 3.11).
  static let hasTomllib: Bool = (try? oracle([Array("a = 1\n".utf8)])) == ["{61=i:1}"]
}
