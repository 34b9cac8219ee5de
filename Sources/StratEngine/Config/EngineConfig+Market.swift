import StratConfig
import StratDiagnostics
import StratFIX
import StratMarket

// [feed], [venue] and [risk].

extension EngineConfig {
  enum FeedKind: String, CaseIterable { case lobster, itch, tick, itchUDP = "itch-udp" }

  /// The keys each feed kind reads (besides `kind`); any other known key is not applicable.
  static let feedKindKeys: [FeedKind: [String]] = [
    .lobster: ["messages", "orderbook", "symbol", "date", "speed"],
    .itch: ["file", "date", "speed"],
    .tick: ["file", "speed"],
    .itchUDP: ["udp", "request", "date"],
  ]
  static let feedKeys = [
    "kind", "messages", "orderbook", "file", "symbol", "date", "udp", "request", "speed",
  ]

  static func decodeFeed(_ s: ConfigSection, folder: String, _ overrides: Overrides) -> Feed? {
    guard s.table["kind"] != nil else {
      s.reportMissing("kind", "lobster, itch, tick or itch-udp")
      return nil
    }
    guard let (text, _) = s.string("kind") else { return nil }
    guard let kind = FeedKind(rawValue: text) else {
      _ = s.choice("kind", default: FeedKind.lobster)
      return nil
    }
    for entry in s.table.entries where feedKeys.contains(entry.key) && entry.key != "kind" {
      if !(feedKindKeys[kind] ?? []).contains(entry.key) {
        s.findings.add(
          ConfigSchemaDiagnostics.notApplicable("feed", entry.key, kind: text, at: entry.keySpan)
        )
      }
    }
    // 0 is virtual time; a pace slower than 1/1000 of real time only stalls (and overflowed the
    // clock's arithmetic near 0).
    let speed =
      overrides.speed
      ?? s.number("speed").flatMap { $0.value == 0 ? 0 : s.inRange("speed", $0, Self.pacedSpeeds) } ?? 0
    if let given = overrides.speed, given != 0, !Self.pacedSpeeds.contains(given) {
      s.findings.add(
        Diagnostic(id: "engine.config.range", message: "--speed \(given): expected 0 (virtual time) or 0.001 to 1000000")
      )
      return nil
    }
    guard let feedSource = decodeFeedSource(kind, s, folder: folder, overrides) else { return nil }
    return Feed(source: feedSource, speed: speed)
  }

  /// The paced speeds a feed may run at (0, virtual time, aside).
  static let pacedSpeeds: ClosedRange<Double> = 0.001...1_000_000

  static func decodeFeedSource(
    _ kind: FeedKind,
    _ s: ConfigSection,
    folder: String,
    _ overrides: Overrides
  ) -> FeedSource? {
    let date = s.parsed("date", date(_:))
    switch kind {
    case .lobster:
      let messages =
        overrides.replay
        ?? s.required("messages", "the LOBSTER message file") {
          s.path("messages", relativeTo: folder)
        }
      let orderbook = overrides.replay == nil ? s.path("orderbook", relativeTo: folder) : nil
      let symbol = s.parsed("symbol", symbol(_:))
      guard let messages else { return nil }
      let name = LOBSTERFileName(path: messages)
      let notes = [
        "LOBSTER files carry neither in their rows; only a name such as GOOG_2012-06-21_34200000_57600000_message_10.csv gives them"
      ]
      // A replay is another day: the date in its name wins over the file's `date`.
      let named = name.map { _ in lobsterDate(messages) }
      let day = overrides.replay != nil ? named ?? date : date ?? named
      if s.table["symbol"] == nil, name == nil {
        s.reportMissing("symbol", "the symbol of the rows", notes: notes)
      }
      if s.table["date"] == nil, name == nil {
        s.reportMissing("date", "the session date, YYYY-MM-DD", notes: notes)
      }
      guard let symbol = symbol ?? name?.symbol, let day else { return nil }
      return .lobster(messages: messages, orderbook: orderbook, symbol: symbol, date: day)
    case .itch, .tick:
      guard
        let file = overrides.replay
          ?? s.required(
            "file",
            "the \(kind.rawValue) file to replay",
            { s.path("file", relativeTo: folder) }
          )
      else { return nil }
      return kind == .itch ? .itch(file: file, date: date) : .tick(file: file)
    case .itchUDP:
      if overrides.replay != nil {
        s.findings.add(
          Diagnostic(
            id: "engine.config.not-applicable",
            message: "--replay needs a feed that reads a file; [feed] is itch-udp"
          )
        )
      }
      let listen = s.required("udp", "the address to receive MoldUDP64 packets on") {
        s.parsed("udp", id: "engine.config.address", Address.parse)
      }
      let request = s.parsed("request", id: "engine.config.address", Address.parse)
      guard let listen else { return nil }
      return .itchUDP(listen: listen, request: request, date: date)
    }
  }

  static func date(_ text: String) -> Result<String, SettingProblem> {
    LOBSTERFileName.day(fromISO: text) != nil
      ? .success(text)
      : .failure(SettingProblem("expected a date YYYY-MM-DD such as 2012-06-21; found `\(text)`"))
  }

  static func symbol(_ text: String) -> Result<String, SettingProblem> {
    !text.isEmpty && text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
      ? .success(text)
      : .failure(
        SettingProblem(
          "expected a symbol of printable ASCII without spaces, such as GOOG; found `\(text)`"
        )
      )
  }

  /// The `YYYY-MM-DD` part of a LOBSTER file name (`TICKER_DATE_START_END_KIND_LEVELS.csv`).
  static func lobsterDate(_ path: String) -> String {
    let base = path.split(separator: "/").last ?? Substring(path)
    let parts = base.split(separator: "_", omittingEmptySubsequences: false)
    return String(parts[parts.count - 5])
  }

  // MARK: - [venue]

  enum QueueChoice: String, CaseIterable {
    case conservativeFIFO = "conservative-fifo", proportional, optimistic
  }
  enum TradeThroughChoice: String, CaseIterable {
    case printedQuantity = "printed-quantity", wholeOrder = "whole-order"
  }

  static let venueKeys = [
    "kind", "order_latency", "feed_latency", "maker_fee", "taker_fee", "queue", "trade_through",
    "seed", "router",
  ] + fixVenueKeys
  /// The keys only `kind = "fix"` reads.
  static let fixVenueKeys = ["fix", "sender_comp_id", "target_comp_id", "heartbeat", "fix_store"]
    + FIXSessionSchedule.Setting.allCases.map(\.rawValue)

  static func decodeVenue(_ s: ConfigSection, folder: String, _ overrides: Overrides) -> Venue {
    let kind = s.choice("kind", default: VenueKind.paper)
    for entry in s.table.entries where (kind != .fix && fixVenueKeys.contains(entry.key)) || (kind != .routed && entry.key == "router") {
      s.findings.add(ConfigSchemaDiagnostics.notApplicable("venue", entry.key, kind: kind.rawValue, at: entry.keySpan))
    }
    var venue = Venue(
      kind: kind,
      orderLatency: s.parsed("order_latency", Latency.parse) ?? .constant(nanos: 0),
      feedLatency: s.parsed("feed_latency", Latency.parse) ?? .constant(nanos: 0),
      makerFee: s.parsed("maker_fee", Fee.parse) ?? .none,
      takerFee: s.parsed("taker_fee", Fee.parse) ?? .none,
      queue: s.choice("queue", default: QueueChoice.conservativeFIFO).rawValue,
      tradeThrough: s.choice("trade_through", default: TradeThroughChoice.printedQuantity).rawValue,
      seed: s.integer("seed", in: 0...Int64.max).map { UInt64($0) } ?? 0
    )
    if kind == .fix { venue.fix = decodeFIXVenue(s, folder: folder, overrides) }
    if kind == .routed { venue.router = s.choice("router", default: RouterChoice.bestPrice) }
    return venue
  }

  static func decodeFIXVenue(_ s: ConfigSection, folder: String, _ overrides: Overrides) -> FIXVenue? {
    for key in ["fix", "sender_comp_id", "target_comp_id"] where s.table[key] == nil {
      s.reportMissing(key, key == "fix" ? "the venue's FIX address, such as \"127.0.0.1:9878\"" : "a CompID")
    }
    guard var address = s.parsed("fix", id: "engine.config.address", Address.parse),
      let (sender, _) = s.string("sender_comp_id"), let (target, _) = s.string("target_comp_id")
    else { return nil }
    if let port = overrides.fixPort { address.port = port }
    return FIXVenue(
      address: address, senderCompID: sender, targetCompID: target,
      heartbeatSeconds: Int(s.integer("heartbeat", in: 1...3600) ?? 30),
      store: s.path("fix_store", relativeTo: folder), schedule: decodeSchedule(s) ?? .always)
  }

  /// `session_start`, `session_end`, `session_start_day`, `session_end_day` and
  /// `session_time_zone` (FIXSessionSchedule reads them); each problem at its value.
  static func decodeSchedule(_ s: ConfigSection) -> FIXSessionSchedule? {
    FIXSessionSchedule.parse({ s.string($0.rawValue)?.0 }) { setting, error in
      guard let entry = s.table[setting.rawValue] else { return }
      s.findings.add(
        ConfigSchemaDiagnostics.badValue(
          s.name, setting.rawValue, error.message, at: entry.value, id: FIXSessionSchedule.configID(for: error)))
    }
  }

  // MARK: - [risk]

  static let riskKeys = [
    "max_order_quantity", "max_position", "max_notional", "price_band", "max_orders_per_second",
    "max_open_orders", "max_daily_loss", "duplicate_window", "on_breach", "flatten_on_kill",
  ]
  /// The largest quantity limit: far beyond any order, far below overflow.
  static let quantityLimit: Int64 = 1_000_000_000_000_000

  static func decodeRisk(_ s: ConfigSection) -> RiskLimits {
    RiskLimits(
      maxOrderQuantity: s.integer("max_order_quantity", in: 0...quantityLimit).map(Quantity.init),
      maxPosition: s.integer("max_position", in: 0...quantityLimit).map(Quantity.init),
      maxNotional: s.money("max_notional"),
      priceBand: s.rate("price_band", in: 0...1),
      maxOrdersPerSecond: s.integer("max_orders_per_second", in: 0...1_000_000),
      maxOpenOrders: s.integer("max_open_orders", in: 0...1_000_000),
      maxDailyLoss: s.money("max_daily_loss"),
      duplicateWindowNanos: s.parsed("duplicate_window", ConfigDuration.nanos),
      onBreach: s.choice("on_breach", default: BreachAction.kill),
      flattenOnKill: s.bool("flatten_on_kill") ?? false
    )
  }
}
