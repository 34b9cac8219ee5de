// What Fuzz/ConfigFuzz drives, and the config corpus replay test replays: one code path for both.
// It lives under Config/ because the harness compiles only this folder (with StratDiagnostics,
// StratConfig and StratMarket), not the whole engine.

import StratDiagnostics

/// Parses one input as a configuration file, decodes it against the schema (once as written,
/// once with every command-line override), and renders every diagnostic as text and JSON.
/// Returns the ids of the diagnostics; a trap is a bug, and so is an id outside
/// `engine.config.` or a diagnostic whose span leaves the file.
enum ConfigFuzzTarget {
  static let overrides = EngineConfig.Overrides(
    replay: "GOOG_2012-06-21_34200000_57600000_message_10.csv",
    out: "out",
    speed: 1,
    journal: "j",
    control: EngineConfig.Address(octets: [127, 0, 0, 1], port: 0),
    tokenFile: "token"
  )

  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    let file = SourceFile(path: "fuzz.toml", bytes: Array(input))
    var diagnostics: [Diagnostic] = []
    for overrides in [EngineConfig.Overrides(), Self.overrides] {
      do {
        let config = try EngineConfig.parse(file, folder: "/fuzz", overrides: overrides)
        _ = (config.engine, config.feed, config.strategies.count)
      } catch {
        diagnostics += error.diagnostics
      }
    }
    return diagnostics.map { diagnostic in
      _ = (DiagnosticRenderer.text(diagnostic), DiagnosticRenderer.json(diagnostic))
      let inside =
        diagnostic.primary.map {
          $0.span.start <= file.bytes.count && $0.span.end <= file.bytes.count + 1
        } ?? true
      return diagnostic.id.hasPrefix("engine.config.") && inside
        ? diagnostic.id : "internal.\(diagnostic.id)"
    }
  }
}
