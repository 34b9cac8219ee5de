import StratConfig
import StratDiagnostics

// [[route]]: the venues a smart order router splits orders across (`[venue] kind = "routed"`).

extension EngineConfig {
  /// A route's own keys, then the FIX session's (as `[venue] kind = "fix"` reads them).
  static let routeKeys = ["name", "itch", "request", "maker_fee", "taker_fee", "latency"] + fixVenueKeys
  /// How many venues one router takes (a child order's id is the parent's × 8 + its venue).
  static let maximumRoutes = 8

  /// A venue of the router: its FIX session, the ITCH feed of its book (MoldUDP64), its fees
  /// and its order latency (the `lowest-latency` tie-break).
  package struct Route: Sendable, Equatable {
    package var name: String
    package var fix: FIXVenue
    package var itch: Address
    package var request: Address?
    package var makerFee: Fee
    package var takerFee: Fee
    package var latencyNanos: Int64
  }

  package enum RouterChoice: String, Sendable, CaseIterable {
    case bestPrice = "best-price", lowestLatency = "lowest-latency"
  }

  /// The `[[route]]` tables: required (two or more… one is allowed) when the venue is routed,
  /// refused otherwise.
  static func decodeRoutes(_ root: ConfigTable, _ findings: ConfigFindings, venue: ConfigSection, kind: VenueKind, folder: String, _ overrides: Overrides) -> [Route] {
    let sections = tableArraySections("route", known: routeKeys, root, findings)
    guard kind == .routed else {
      if let first = sections.first, let span = first.span {
        findings.add(ConfigSchemaDiagnostics.notApplicable("", "route", kind: kind.rawValue, at: span))
      }
      return []
    }
    if sections.isEmpty, let kind = venue.table["kind"]?.value {
      findings.add(
        Diagnostic(
          id: "engine.config.missing-key", message: "`venue.kind` is routed, which needs a [[route]] table for each venue the router sends to; the file has none",
          primary: Label(kind.span)))
    }
    if sections.count > maximumRoutes, let span = sections[maximumRoutes].span {
      findings.add(Diagnostic(id: "engine.config.too-many-routes", message: "expected at most \(maximumRoutes) [[route]] tables; found \(sections.count)", primary: Label(span)))
    }
    var routes: [Route] = []
    var names: Set<String> = []
    for s in sections {
      guard let route = decodeRoute(s, folder: folder, overrides) else { continue }
      if !names.insert(route.name).inserted, let value = s.table["name"]?.value {
        findings.add(ConfigSchemaDiagnostics.badValue(s.name, "name", "expected a name no other route has; `\(route.name)` is taken", at: value, id: "engine.config.duplicate-route"))
      }
      routes.append(route)
    }
    return routes
  }

  static func decodeRoute(_ s: ConfigSection, folder: String, _ overrides: Overrides) -> Route? {
    if s.table["name"] == nil { s.reportMissing("name", "the venue's name in the journal and /metrics, such as \"A\"") }
    if s.table["itch"] == nil { s.reportMissing("itch", "the address its ITCH feed (MoldUDP64) arrives on, such as \"127.0.0.1:39401\"") }
    var noPort = overrides
    noPort.fixPort = nil  // --fix-port names one acceptor; a router has several
    let fix = decodeFIXVenue(s, folder: folder, noPort)
    let itch = s.parsed("itch", id: "engine.config.address", Address.parse)
    let request = s.parsed("request", id: "engine.config.address", Address.parse)
    let latency = s.parsed("latency", ConfigDuration.nanos)
    guard let (name, _) = s.string("name"), let fix, let itch else { return nil }
    return Route(
      name: name, fix: fix, itch: itch, request: request,
      makerFee: s.parsed("maker_fee", Fee.parse) ?? .none, takerFee: s.parsed("taker_fee", Fee.parse) ?? .none,
      latencyNanos: latency ?? 0)
  }
}
