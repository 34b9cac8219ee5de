import Foundation
import StratConfig
import StratDiagnostics
import StratFIX
import StratMarket
import StratNet

/// `strat-venue run --config FILE`: the venue's settings in the engine's configuration syntax
/// (StratConfig), with the same located diagnostics. Tables: [venue], [itch], [seed], [metrics] and one
/// [[instrument]] per instrument (Examples/fix/venue.toml; Docs/FIX.md lists the keys).
public enum VenueConfigFile {
  public struct Failure: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(DiagnosticRenderer.text).joined() }
  }

  static let tables: [String: [String]] = [
    "venue": ["comp_id", "clients", "fix", "store"] + FIXSessionSchedule.Setting.allCases.map(\.rawValue),
    "itch": ["udp", "request_port", "session"],
    "seed": ["file", "date", "speed"],
    "instrument": ["symbol", "tick", "max_order_quantity"],
    "metrics": ["listen", "allow_remote"],
  ]

  public static func load(path: String) throws(Failure) -> VenueSettings {
    guard let data = FileManager.default.contents(atPath: path), data.count <= ConfigParser.maximumBytes else {
      throw Failure(diagnostics: [ConfigDiagnostics.unreadable(path, reason: "it cannot be read, or is over \(ConfigParser.maximumBytes) bytes")])
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try parse(SourceFile(path: path, bytes: [UInt8](data)), folder: folder)
  }

  public static func parse(_ file: SourceFile, folder: String) throws(Failure) -> VenueSettings {
    let root: ConfigTable
    do { root = try ConfigParser.parse(file) } catch { throw Failure(diagnostics: [error]) }
    let findings = ConfigFindings(file: file)
    for entry in root.entries where tables[entry.key] == nil {
      findings.add(ConfigSchemaDiagnostics.unknownKey("", entry, known: tables.keys.sorted()))
    }
    var settings = VenueSettings()
    venue(section("venue", root, findings), folder: folder, into: &settings)
    itch(section("itch", root, findings), into: &settings)
    if root["seed"] != nil { seed(section("seed", root, findings), folder: folder, into: &settings) }
    metrics(section("metrics", root, findings), into: &settings)
    settings.instruments = instruments(root, findings)
    guard findings.diagnostics.isEmpty else { throw Failure(diagnostics: findings.reported) }
    return settings
  }

  static func section(_ name: String, _ root: ConfigTable, _ findings: ConfigFindings, table: ConfigTable? = nil) -> ConfigSection {
    var found = table ?? ConfigTable()
    var span: SourceSpan?
    if table == nil, let entry = root[name] {
      if case .table(let t) = entry.value.kind { found = t; span = entry.value.span } else {
        findings.add(ConfigSchemaDiagnostics.wrongType("", name, expected: "a table", found: entry.value))
      }
    }
    let section = ConfigSection(name: name, table: found, span: span, known: tables[name] ?? [], findings: findings)
    section.reportUnknownKeys()
    return section
  }

  static func venue(_ s: ConfigSection, folder: String, into settings: inout VenueSettings) {
    if let (id, _) = s.string("comp_id") { settings.compID = id }
    if let (clients, value) = s.typed("clients", "an array of strings", strings) {
      if clients.isEmpty { s.findings.add(ConfigSchemaDiagnostics.badValue("venue", "clients", "name at least one client CompID", at: value)) }
      settings.clients = clients
    }
    if let (text, value) = s.string("fix") {
      do { settings.fixAddress = try TCPAddress.parse(text) } catch {
        s.findings.add(ConfigSchemaDiagnostics.badValue("venue", "fix", "expected A.B.C.D:PORT; found `\(text)`", at: value))
      }
    }
    settings.store = s.path("store", relativeTo: folder)
    settings.schedule = schedule(s) ?? .always
  }

  /// `session_start` … `session_time_zone`, as the engine's [venue] reads them; each problem at
  /// its value.
  static func schedule(_ s: ConfigSection) -> FIXSessionSchedule? {
    FIXSessionSchedule.parse({ s.string($0.rawValue)?.0 }) { setting, error in
      guard let entry = s.table[setting.rawValue] else { return }
      s.findings.add(
        ConfigSchemaDiagnostics.badValue(
          "venue", setting.rawValue, error.message, at: entry.value, id: FIXSessionSchedule.configID(for: error)))
    }
  }

  static func itch(_ s: ConfigSection, into settings: inout VenueSettings) {
    if let (text, value) = s.string("udp") {
      do { settings.itch = try SocketAddress(parsing: text) } catch {
        s.findings.add(ConfigSchemaDiagnostics.badValue("itch", "udp", "expected A.B.C.D:PORT; found `\(text)`", at: value))
      }
    }
    if let port = s.integer("request_port", in: 0...65_535) { settings.requestPort = UInt16(port) }
    if let (session, value) = s.string("session") {
      if session.utf8.count > 10 { s.findings.add(ConfigSchemaDiagnostics.badValue("itch", "session", "a MoldUDP64 session is at most 10 characters", at: value)) }
      settings.itchSession = session
    }
  }

  static func seed(_ s: ConfigSection, folder: String, into settings: inout VenueSettings) {
    guard let path = s.path("file", relativeTo: folder) else {
      s.reportMissing("file", "the day to seed the books from (LOBSTER, ITCH or a tick store)")
      return
    }
    var speed = 1.0
    if let number = s.number("speed") {
      if number.value > 0, number.value <= 1e6 { speed = number.value } else {
        s.findings.add(ConfigSchemaDiagnostics.outOfRange("seed", "speed", expected: "above 0 and at most 1000000", found: number.source))
      }
    }
    settings.seed = .init(path: path, date: s.string("date")?.0, speed: speed)
  }

  /// `[metrics] listen`: loopback only unless `allow_remote = true`, as the engine's [control].
  static func metrics(_ s: ConfigSection, into settings: inout VenueSettings) {
    settings.metricsAllowRemote = s.bool("allow_remote") ?? false
    guard let (text, value) = s.string("listen") else { return }
    do { settings.metrics = try TCPAddress.parse(text) } catch {
      return s.findings.add(ConfigSchemaDiagnostics.badValue("metrics", "listen", "expected A.B.C.D:PORT; found `\(text)`", at: value))
    }
    if !settings.isMetricsAddressAllowed {
      s.findings.add(
        Diagnostic(
          id: "venue.config.remote",
          message: "`metrics.listen` is \(text), which is not a loopback address: the metrics would be reachable from the network",
          primary: Label(value.span), notes: ["set `allow_remote = true` in [metrics] if that is intended"]))
    }
  }

  static func instruments(_ root: ConfigTable, _ findings: ConfigFindings) -> [MatchingInstrument] {
    guard let entry = root["instrument"] else {
      findings.add(Diagnostic(id: "venue.config.no-instruments", message: "the file has no [[instrument]]: the venue needs at least one", at: DataLocation(path: findings.file.path)))
      return []
    }
    guard case .tableArray(let array) = entry.value.kind else {
      findings.add(ConfigSchemaDiagnostics.wrongType("", "instrument", expected: "an array of tables ([[instrument]])", found: entry.value))
      return []
    }
    var out: [MatchingInstrument] = []
    for (k, table) in array.tables.enumerated() {
      let s = section("instrument", root, findings, table: table)
      guard let (symbol, _) = s.string("symbol") else {
        s.reportMissing("symbol", "the instrument's symbol, as the seed day and the clients name it")
        continue
      }
      var instrument = MatchingInstrument(symbol: symbol, locate: UInt16(k + 1))
      if let tick = s.number("tick") {
        if let price = Price(rounding: tick.value), price.raw > 0 { instrument.tickSize = price } else {
          s.findings.add(ConfigSchemaDiagnostics.outOfRange("instrument", "tick", expected: "a price above 0", found: tick.source))
        }
      }
      if let maximum = s.integer("max_order_quantity", in: 1...Int64(UInt32.max)) { instrument.maxOrderQuantity = maximum }
      out.append(instrument)
    }
    return out
  }

  static func strings(_ kind: ConfigValue.Kind) -> [String]? {
    guard case .array(let items) = kind else { return nil }
    var out: [String] = []
    for item in items {
      guard case .string(let text) = item.kind else { return nil }
      out.append(text)
    }
    return out
  }
}
