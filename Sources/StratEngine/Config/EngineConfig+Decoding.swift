import StratConfig
import StratDiagnostics

/// Every problem the schema found in one file (not only the first).
package struct EngineConfigError: Error, Sendable {
  package var diagnostics: [Diagnostic]
}

extension EngineConfig {
  /// The top level's tables, in the order Docs/ENGINE-CONFIG.md describes them.
  static let tables = ["engine", "control", "hotload", "feed", "venue", "route", "risk", "strategy", "journal", "out"]

  /// Decodes a parsed document against the schema. `folder` is the configuration file's
  /// folder (relative paths resolve against it); `overrides` are command-line values, applied
  /// before the checks that relate keys (a listen address needs a token file).
  package static func decode(
    _ root: ConfigTable,
    file: SourceFile,
    folder: String,
    overrides: Overrides = Overrides()
  ) throws(EngineConfigError) -> EngineConfig {
    let findings = ConfigFindings(file: file)
    ConfigSection(name: "", table: root, span: nil, known: tables, findings: findings)
      .reportUnknownKeys()
    func section(_ name: String, _ known: [String]) -> ConfigSection {
      makeSection(name, in: root, known: known, findings: findings)
    }
    let engine = decodeEngine(section("engine", engineKeys), folder: folder, overrides)
    let control = decodeControl(section("control", controlKeys), folder: folder, overrides)
    let hotload = decodeHotload(section("hotload", hotloadKeys), folder: folder)
    let feed = decodeFeed(section("feed", feedKeys), folder: folder, overrides)
    let venueSection = section("venue", venueKeys)
    var venue = decodeVenue(venueSection, folder: folder, overrides)
    venue.routes = decodeRoutes(root, findings, venue: venueSection, kind: venue.kind, folder: folder, overrides)
    let risk = decodeRisk(section("risk", riskKeys))
    let recording = decodeRecording(journal: section("journal", journalKeys), out: section("out", outKeys))
    let strategyFolder = engine?.strategies ?? folder
    let strategies = strategySections(root, findings).compactMap {
      decodeStrategy($0, folder: strategyFolder)
    }
    guard findings.diagnostics.isEmpty, let engine, let feed else {
      throw EngineConfigError(diagnostics: findings.reported)
    }
    var config = EngineConfig(
      engine: engine,
      control: control,
      hotload: hotload,
      feed: feed,
      venue: venue,
      risk: risk,
      strategies: strategies,
      origins: findings.origins
    )
    config.recording = recording
    return config
  }

  /// The table `name` of the top level; an empty one when absent or not a table (reported).
  static func makeSection(
    _ name: String,
    in root: ConfigTable,
    known: [String],
    findings: ConfigFindings
  ) -> ConfigSection {
    var table = ConfigTable()
    var span: SourceSpan?
    if let entry = root[name] {
      if case .table(let found) = entry.value.kind {
        table = found
        span = entry.value.span
      } else {
        findings.add(
          ConfigSchemaDiagnostics.wrongType(
            "",
            name,
            expected: "a table ([\(name)])",
            found: entry.value
          )
        )
        findings.missingTables.insert(name)  // said once: not also "the file has no [name]"
      }
    }
    let section = ConfigSection(
      name: name,
      table: table,
      span: span,
      known: known,
      findings: findings
    )
    section.reportUnknownKeys()
    return section
  }

  // MARK: - [engine] [control] [hotload]

  static let engineKeys = ["strategies", "journal", "cpu", "on_exit", "log", "out"]

  static func decodeEngine(_ s: ConfigSection, folder: String, _ overrides: Overrides) -> Engine? {
    let strategies = s.required(
      "strategies",
      "the folder of .strat and .so files to load and watch"
    ) {
      s.path("strategies", relativeTo: folder)
    }
    let journal =
      overrides.journal
      ?? s.required("journal", "the journal's folder") { s.path("journal", relativeTo: folder) }
    let cpu = s.integer("cpu", in: 0...1023).map { Int($0) }
    let onExit = s.choice("on_exit", default: OnExit.cancel)
    var log: String?
    if let (text, _) = s.string("log"), text != "-" { log = s.path("log", relativeTo: folder) }
    let out = overrides.out ?? s.path("out", relativeTo: folder)
    guard let strategies, let journal else { return nil }
    return Engine(
      strategies: strategies,
      journal: journal,
      cpu: cpu,
      onExit: onExit,
      log: log,
      out: out
    )
  }

  static let controlKeys = ["listen", "token_file", "allow_remote"]

  static func decodeControl(_ s: ConfigSection, folder: String, _ overrides: Overrides) -> Control?
  {
    let fromFile = s.parsed("listen", id: "engine.config.address", Address.parse)
    let tokenFile = overrides.tokenFile ?? s.path("token_file", relativeTo: folder)
    let allowRemote = s.bool("allow_remote") ?? false
    guard let listen = overrides.control ?? fromFile else { return nil }
    guard let tokenFile else {
      if s.table["token_file"] == nil {
        s.reportMissing(
          "token_file",
          "the file with the control API's bearer token, mode 0600",
          notes: ["or pass --token-file FILE"]
        )
      }
      return nil
    }
    if !listen.isLoopback, !allowRemote {
      if overrides.control == nil, let source = s.table["listen"]?.value {
        s.findings.add(ConfigSchemaDiagnostics.remote(listen, at: source))
      } else {
        s.findings.add(
          Diagnostic(
            id: "engine.config.remote",
            message:
              "--control \(listen) is not a loopback address and [control] does not set allow_remote = true"
          )
        )
      }
      return nil
    }
    return Control(listen: listen, tokenFile: tokenFile, allowRemote: allowRemote)
  }

  static let hotloadKeys = ["key_file", "allow_unsigned", "state", "shadow", "warmup_records"]

  static func decodeHotload(_ s: ConfigSection, folder: String) -> Hotload {
    Hotload(
      keyFile: s.path("key_file", relativeTo: folder),
      allowUnsigned: s.bool("allow_unsigned") ?? false,
      state: s.choice("state", default: StatePolicy.carry),
      shadow: s.bool("shadow") ?? false,
      warmupRecords: Int(s.integer("warmup_records", in: 64...1_048_576) ?? 4096)
    )
  }
}
