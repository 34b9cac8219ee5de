import StratDiagnostics

/// Streams the order-event CSV that `stratc data export` writes for `orders` tick files:
/// `time,kind,side,order_id,new_order_id,price,quantity,instrument[,symbol]`, one `OrderEvent`
/// per row, so that order data round-trips through text.
public final class OrderCSVReader {
  private let rows: TickCSVRows

  /// The text of each kind in the `kind` column.
  public static func name(of kind: OrderEvent.Kind) -> String {
    switch kind {
    case .add: return "add"
    case .cancel: return "cancel"
    case .delete: return "delete"
    case .execute: return "execute"
    case .hiddenTrade: return "hidden-trade"
    case .replace: return "replace"
    case .tradingState: return "trading-state"
    case .crossTrade: return "cross-trade"
    }
  }

  /// Reads the header of `stream`; `symbol` is used when there is no symbol column.
  public init(stream: ByteStream, symbol: String? = nil, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    rows = try TickCSVRows(stream: stream, kind: .orders, symbol: symbol, policy: policy)
  }

  /// The symbol of the row last returned.
  public var symbol: String { rows.symbol }
  /// Rows returned so far.
  public var count: Int { rows.rows }
  /// Malformed rows passed over (policy `.skip`).
  public var skipped: Int { rows.skipped }
  /// The first few diagnostics of skipped rows.
  public var skippedDiagnostics: [Diagnostic] { rows.skippedDiagnostics }

  /// Returns the next event, nil at the end.
  public func next() throws(MarketDataError) -> OrderEvent? {
    try rows.next { (r: TickCSVRows) throws(Diagnostic) in
      let time = try r.time()
      let kind = try Self.kind(r)
      // The same value rules as a tick file's rows (`TickFile+Values.swift`).
      return OrderEvent(
        timeNanos: time, kind: kind, side: try r.side(required: true) ?? .buy,
        orderID: try r.unsigned(.orderID), newOrderID: try r.unsigned(.newOrderID),
        price: try r.fixed(.price, positive: kind.requiresPrice),
        quantity: try r.integer(.size, in: 0...Int64.max),
        instrument: UInt32(try r.integer(.instrument, in: 0...Int64(UInt32.max))))
    }
  }

  private static let kinds: [String: OrderEvent.Kind] = {
    var table: [String: OrderEvent.Kind] = [:]
    for raw in UInt8(1)...8 {
      if let kind = OrderEvent.Kind(rawValue: raw) { table[name(of: kind)] = kind }
    }
    return table
  }()

  private static func kind(_ r: TickCSVRows) throws(Diagnostic) -> OrderEvent.Kind {
    let i = r.layout.column(.kind)!
    let f = r.fields
    let base = f.line.baseAddress ?? UnsafePointer(bitPattern: 1)!
    let text = String(decoding: UnsafeBufferPointer(start: base + f.starts[i], count: f.ends[i] - f.starts[i]), as: UTF8.self)
    guard let kind = kinds[text] else {
      throw TickCSVDiagnostics.badKind(column: r.layout.names[i], found: f.quoted(i), at: r.at(i))
    }
    return kind
  }
}
