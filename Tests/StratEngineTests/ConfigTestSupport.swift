import Foundation
import StratDiagnostics

@testable import StratEngine

/// Helpers of the engine schema's tests (the parser's are in StratConfigTests): decode text,
/// render the schema's errors.
enum ConfigTesting {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Decodes text with the schema, folder `/cfg`.
  static func decode(_ text: String, overrides: EngineConfig.Overrides = .init())
    throws(EngineConfigError) -> EngineConfig
  {
    try EngineConfig.parse(
      SourceFile(path: "engine.toml", text: text),
      folder: "/cfg",
      overrides: overrides
    )
  }

  /// Every schema error of text, rendered, in order ("" when it decodes).
  static func schemaErrors(_ text: String, overrides: EngineConfig.Overrides = .init()) -> String {
    do {
      _ = try decode(text, overrides: overrides)
      return ""
    } catch {
      return error.diagnostics.map(DiagnosticRenderer.text).joined()
    }
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
}
