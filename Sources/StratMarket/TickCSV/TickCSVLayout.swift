import StratDiagnostics

/// The column layout of a trade, quote or order CSV, read from its header line.
///
/// Names are matched ASCII case-insensitively after trimming spaces and quotes:
/// ```
///   time:      time | timestamp | date | datetime        date-time text (see `Timestamp`)
///              ts                                        epoch seconds, optional fraction
///              ts_ms | time_ms | timestamp_ms (…_us, …_ns)  integer epoch ms (µs, ns)
///   trades:    price | px | trade_price | last ;  size | quantity | qty | amount | volume
///              side | aggressor | aggressor_side | taker_side (optional)
///   quotes:    bid | bid_price | bid_px | bidprice | best_bid ;  bid_size | bidsize | bid_qty …
///              ask | ask_price | ask_px | askprice | offer | best_ask ;  ask_size | asksize …
///   orders:    kind, side, order_id, new_order_id, price, quantity, instrument
///   any:       symbol | ticker | sym (optional; otherwise from the file name)
/// ```
/// Other columns are ignored (listed by `ignored`), so exchange exports with extra fields load.
struct TickCSVLayout {
  /// What a column holds.
  enum Role: UInt8, CaseIterable {
    case time, price, size, side, symbol, bid, bidSize, ask, askSize
    case kind, orderID, newOrderID, instrument, open, high, low, close

    /// The canonical (export) name of the column.
    var name: String {
      switch self {
      case .bidSize: return "bid_size"
      case .askSize: return "ask_size"
      case .orderID: return "order_id"
      case .newOrderID: return "new_order_id"
      case .size: return "size"
      default: return "\(self)"
      }
    }
  }

  /// How the time column is written.
  enum TimeUnit: Equatable {
    case dateTime, epochSeconds
    /// Integer epoch counts of 1e-3, 1e-6 or 1e-9 seconds: nanoseconds per count.
    case epochInteger(nanosPerCount: Int64)
  }

  /// The column index of each role, or -1.
  var index = [Int](repeating: -1, count: Role.allCases.count)
  /// Header names as written, for messages.
  var names: [String] = []
  /// Names of columns that are not used.
  var ignored: [String] = []
  var timeUnit = TimeUnit.dateTime

  /// The column of `role`, or nil.
  func column(_ role: Role) -> Int? { index[Int(role.rawValue)] >= 0 ? index[Int(role.rawValue)] : nil }

  /// True when `role` has a column.
  func has(_ role: Role) -> Bool { column(role) != nil }

  /// The CSV kind this header describes, from which roles are present.
  var detectedKind: TickCSVKind? {
    if has(.open) && has(.high) && has(.low) && has(.close) { return .bars }
    if has(.kind) && has(.orderID) { return .orders }
    if has(.bid) && has(.ask) { return .quotes }
    if has(.price) && has(.size) { return .trades }
    return nil
  }

  /// Roles required by `kind`.
  static func required(_ kind: TickCSVKind) -> [Role] {
    switch kind {
    case .bars: return [.time, .open, .high, .low, .close]
    case .trades: return [.time, .price, .size]
    case .quotes: return [.time, .bid, .bidSize, .ask, .askSize]
    case .orders: return [.time, .kind, .side, .orderID, .newOrderID, .price, .size, .instrument]
    }
  }

  static let aliases: [String: Role] = {
    var table: [String: Role] = [:]
    let lists: [(Role, [String])] = [
      (.time, ["time", "timestamp", "date", "datetime", "ts"]),
      (.price, ["price", "px", "trade_price", "last", "last_price"]),
      (.size, ["size", "quantity", "qty", "amount", "volume", "trade_size", "last_size"]),
      (.side, ["side", "aggressor", "aggressor_side", "taker_side"]),
      (.symbol, ["symbol", "ticker", "sym"]),
      (.bid, ["bid", "bid_price", "bid_px", "bidprice", "best_bid", "bid_prc"]),
      (.bidSize, ["bid_size", "bidsize", "bid_qty", "bidqty", "bid_quantity", "bid_sz", "bid_volume"]),
      (.ask, ["ask", "ask_price", "ask_px", "askprice", "best_ask", "offer", "offer_price", "ask_prc"]),
      (.askSize, [
        "ask_size", "asksize", "ask_qty", "askqty", "ask_quantity", "ask_sz", "ask_volume", "offer_size",
      ]),
      (.kind, ["kind"]), (.orderID, ["order_id", "orderid"]), (.newOrderID, ["new_order_id", "neworderid"]),
      (.instrument, ["instrument"]), (.open, ["open"]), (.high, ["high"]), (.low, ["low"]), (.close, ["close"]),
    ]
    for (role, names) in lists { for name in names { table[name] = role } }
    return table
  }()

  /// Epoch-integer time column suffixes and their nanoseconds per count.
  static let epochSuffixes: [(String, Int64)] = [("_ms", 1_000_000), ("_us", 1_000), ("_ns", 1)]

  /// Reads a header line (fields already split); throws on a duplicate role.
  static func parse(_ fields: [String], path: String) throws(Diagnostic) -> TickCSVLayout {
    var layout = TickCSVLayout()
    layout.names = fields
    for (i, raw) in fields.enumerated() {
      let name = normalised(raw)
      var role = aliases[name]
      var unit = TimeUnit.dateTime
      if name == "ts" { unit = .epochSeconds }
      for (suffix, nanos) in epochSuffixes where name.hasSuffix(suffix) {
        if aliases[String(name.dropLast(3))] == .time {
          role = .time
          unit = .epochInteger(nanosPerCount: nanos)
        }
      }
      guard let role else {
        layout.ignored.append(raw)
        continue
      }
      if let first = layout.column(role) {
        throw TickCSVDiagnostics.duplicateColumn(role.name, first: fields[first], second: raw, column: i + 1, path: path)
      }
      layout.index[Int(role.rawValue)] = i
      if role == .time { layout.timeUnit = unit }
    }
    return layout
  }

  /// Lower-cased, trimmed of spaces and double quotes, spaces inside turned to `_`.
  static func normalised(_ raw: String) -> String {
    let trimmed = raw.trimmingCharacters(in: " \t\"")
    return String(trimmed.lowercased().map { $0 == " " ? "_" : $0 })
  }
}

extension String {
  /// Drops leading and trailing characters found in `set`.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    return String(s)
  }
}

/// The kinds of CSV market data `stratc data` reads.
public enum TickCSVKind: String, Sendable, CaseIterable {
  case bars = "csv-bars"
  case trades = "csv-trades"
  case quotes = "csv-quotes"
  case orders = "csv-orders"
}

extension TickCSVKind {
  /// The CSV kind a header line describes (bars, trades, quotes or orders), or nil; used to
  /// detect a file's format from its first line.
  public static func detect(headerLine: String) -> TickCSVKind? {
    var line = Substring(headerLine)
    if line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
    let names = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard let layout = try? TickCSVLayout.parse(names, path: "") else { return nil }
    if layout.detectedKind == .bars { return .bars }
    return layout.detectedKind
  }
}
