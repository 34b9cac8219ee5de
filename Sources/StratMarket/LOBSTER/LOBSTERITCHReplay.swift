import StratDiagnostics

/// Replays a LOBSTER day as an ITCH 5.0 byte stream and decodes it back, so that the book built
/// from ITCH can be checked against LOBSTER's orderbook file exactly like the book built from
/// LOBSTER's messages.
///
/// ITCH cancels, deletes and executions name only the order, not its price or side, so an
/// ITCH stream must add every order it later refers to. LOBSTER's sample starts mid-day and
/// refers to orders placed before it (or outside its depth). The stream therefore first adds each
/// such order, with the side and price the messages give. Its size is everything the messages
/// later take off it. These adds come just before the first message, at its time.
///
/// A LOBSTER delete takes its own size off the book, and it states less than the order had when
/// part of the order left out of view; an ITCH delete takes the whole order. Such a delete is
/// written as a cancel of its size, so the ITCH book drops by what LOBSTER's does. Executions
/// are written with their price (C), so the book knows their stated size too.
public enum LOBSTERITCHReplay {
  /// The orders `messages` cancel, delete or execute without adding them first, as add events
  /// at the first message's time, in order of first reference. Each order's size is the sum of
  /// the sizes the messages take off it.
  public static func preexistingOrders(in messages: [OrderEvent]) -> [OrderEvent] {
    var added = Set<UInt64>()
    var index: [UInt64: Int] = [:]
    var orders: [OrderEvent] = []
    let time = messages.first?.timeNanos ?? 0
    for e in messages {
      if e.kind == .add { added.insert(e.orderID) }
      guard e.kind == .cancel || e.kind == .delete || e.kind == .execute, !added.contains(e.orderID)
      else { continue }
      if let i = index[e.orderID] {
        orders[i].quantity += e.quantity
      } else {
        index[e.orderID] = orders.count
        orders.append(
          OrderEvent(
            timeNanos: time,
            kind: .add,
            side: e.side,
            orderID: e.orderID,
            price: e.price,
            quantity: e.quantity,
            instrument: e.instrument
          )
        )
      }
    }
    return orders
  }

  /// An ITCH 5.0 file image (length-prefixed) of a one-instrument LOBSTER day. It holds system
  /// events O, S and Q, a stock directory entry (R) for `symbol` at `stockLocate`, the pre-existing
  /// orders, every message, then system events M, E and C. Throws `data.itch.unencodable` for a
  /// time or price the wire cannot hold.
  public static func itchFile(
    messages: [OrderEvent],
    symbol: String,
    stockLocate: UInt16 = 1,
    session: SessionClock
  ) throws(MarketDataError) -> [UInt8] {
    let first = messages.first.map { session.nanosOfDay(utcNanos: $0.timeNanos) } ?? 0
    let last = messages.last.map { session.nanosOfDay(utcNanos: $0.timeNanos) } ?? 0
    let hour: Int64 = 3_600_000_000_000
    let open = min(first, 9 * hour + hour / 2)
    let close = max(last, 16 * hour)
    var out: [UInt8] = []
    out.reserveCapacity(messages.count * 36 + 1024)
    try system(0x4F, at: min(open, 3 * hour), to: &out)
    try ITCHEncoder.append(
      .stockDirectory(directory(symbol, stockLocate, at: min(open, 3 * hour))),
      to: &out
    )
    try system(0x53, at: min(open, 4 * hour), to: &out)
    try system(0x51, at: open, to: &out)
    let stock = ITCHSymbol(symbol)
    var match: UInt64 = 0
    var remaining = RemainingSizes()
    for message in preexistingOrders(in: messages) + messages {
      let e = remaining.asITCH(message)
      match += e.kind == .execute || e.kind == .hiddenTrade || e.kind == .crossTrade ? 1 : 0
      let message = ITCHEncoder.message(
        from: e,
        stockLocate: stockLocate,
        stock: stock,
        session: session,
        matchNumber: match
      )
      try ITCHEncoder.append(message, to: &out)
    }
    try system(0x4D, at: close, to: &out)
    try system(0x45, at: close, to: &out)
    try system(0x43, at: close, to: &out)
    return out
  }

  /// Decodes an ITCH file image back to the order events it carries (adds, executions,
  /// cancels, deletes, replaces, trades, crosses, trading state), in order.
  public static func orderEvents(
    itch bytes: [UInt8],
    session: SessionClock,
    name: String = "memory.itch"
  ) throws(MarketDataError) -> [OrderEvent] {
    let result: Result<[OrderEvent], MarketDataError> = bytes.withUnsafeBytes { raw in
      do throws(MarketDataError) {
        let reader = try ITCHFileReader(stream: BufferByteStream(raw, name: name))
        var events: [OrderEvent] = []
        while let message = try reader.next() {
          if let e = message.orderEvent(session: session) {
            events.append(e)
          }
        }
        return .success(events)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private static func system(_ code: UInt8, at time: Int64, to out: inout [UInt8])
    throws(MarketDataError)
  {
    try ITCHEncoder.append(
      .systemEvent(ITCHSystemEvent(header: ITCHHeader(timestamp: time), eventCode: code)),
      to: &out
    )
  }

  /// A plain NASDAQ-listed common stock, round lot 100, live.
  private static func directory(_ symbol: String, _ locate: UInt16, at time: Int64)
    -> ITCHStockDirectory
  {
    ITCHStockDirectory(
      header: ITCHHeader(stockLocate: locate, timestamp: time),
      stock: ITCHSymbol(symbol),
      marketCategory: 0x51,
      financialStatusIndicator: 0x4E,
      roundLotSize: 100,
      roundLotsOnly: 0x4E,
      issueClassification: 0x43,
      issueSubType: 0x5A20,
      authenticity: 0x50,
      shortSaleThresholdIndicator: 0x4E,
      ipoFlag: 0x20,
      luldReferencePriceTier: 0x31,
      etpFlag: 0x4E,
      etpLeverageFactor: 0,
      inverseIndicator: 0x4E
    )
  }
}

/// What each order has left in a LOBSTER day as it is written to ITCH, to tell a delete that
/// states less than the order had.
struct RemainingSizes {
  private var sizes: [UInt64: Int64] = [:]

  /// `event` as ITCH should carry it: a delete stating less than the order's remaining size
  /// becomes a cancel of that size.
  mutating func asITCH(_ event: OrderEvent) -> OrderEvent {
    switch event.kind {
    case .add:
      sizes[event.orderID] = event.quantity
    case .cancel, .execute:
      guard let left = sizes[event.orderID] else { break }
      sizes[event.orderID] = left > event.quantity ? left - event.quantity : nil
    case .delete:
      guard let left = sizes.removeValue(forKey: event.orderID), event.quantity > 0,
        event.quantity < left
      else { return event }
      var cancel = event
      cancel.kind = .cancel
      return cancel
    default:
      break
    }
    return event
  }
}
