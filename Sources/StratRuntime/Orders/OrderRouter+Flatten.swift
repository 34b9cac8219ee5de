import StratMarket

extension OrderRouter {
  /// Sends one market order that brings instrument `i`'s `position` toward 0: the one order that
  /// passes the kill switch. It goes only when nothing of the instrument is open (every cancel
  /// has come back), so it reduces |position| whatever happens; it is at most `maxOrderQuantity`
  /// units and within `maxOrderNotional` at `reference`, and it meets every other check like any
  /// order (a denial is counted and logged, and the caller tries again later). Returns the
  /// signed quantity sent, 0 when nothing went out.
  @discardableResult
  package mutating func sendFlatten(
    instrument i: Int, position: Int64, at time: Int64, venue: some OrderGateway,
    writeAhead: some OrderWriteAhead = NoWriteAhead(), reference: Int64, equity: Int64
  ) -> Int64 {
    guard position != 0, !open.contains(where: { $0.instrument == i }) else { return 0 }
    let chunk = Self.flattenChunk(position, limits: gate.limits, reference: reference)
    let quantity = position > 0 ? -chunk : chunk
    guard quantity != 0 else { return 0 }
    let openBefore = open.count
    let wasKilled = guards.killed
    guards.killed = false
    defer { guards.killed = wasKilled }
    var order = OrderRecord(time: time, instrument: i, kind: .market, quantity: quantity)
    order.step = step
    send(order, at: time, venue: venue, writeAhead: writeAhead, position: position, reference: reference, equity: equity)
    return open.count > openBefore ? quantity : 0
  }

  /// |position| capped by the order-quantity limit and by the notional limit at `reference`.
  package static func flattenChunk(_ position: Int64, limits: RiskLimitTable, reference: Int64) -> Int64 {
    var chunk = min(position.magnitudeOrMax, max(limits.maxOrderQuantity, 0))
    if let notional = limits.maxOrderNotional, reference > 0 {
      chunk = min(chunk, max(notional.raw, 0) / reference)
    }
    return chunk
  }
}

extension BookSession {
  /// The kill switch's flatten: a market order toward 0 for each instrument held with nothing
  /// open (`OrderRouter.sendFlatten`); returns how many went out. Called again until every
  /// position is 0 (a cancel that lost the race to a fill leaves some).
  @discardableResult
  package mutating func flattenPositions(at time: Int64, writeAhead: some OrderWriteAhead = NoWriteAhead()) -> Int {
    var sent = 0
    let equityNow = equity.last?.raw ?? ledger.cash.raw
    for i in 0..<instrumentCount where ledger.positions[i] != 0 {
      let reference = mark(i)
      let position = ledger.positions[i]
      let sentQuantity =
        if let remote {
          router.sendFlatten(
            instrument: i, position: position, at: time, venue: remote, writeAhead: writeAhead, reference: reference,
            equity: equityNow)
        } else {
          router.sendFlatten(
            instrument: i, position: position, at: time, venue: venue, writeAhead: writeAhead, reference: reference,
            equity: equityNow)
        }
      if sentQuantity != 0 {
        sent += 1
      }
    }
    return sent
  }
}
