import StratMarket

package extension BookSession {
  /// The run's audit records (owned by the router's box).
  package var audit: BookAudit { router.audit }

  /// Logs the venue's report before it is settled: arrivals and replaces, then fills (traced to
  /// `takerEvent`, the event whose book an arriving order took, or `makerEvent`, the event that
  /// hit a resting order), then the ends (cancels and rejections) — the order they happen in
  /// for any one order.
  package mutating func logReport(takerEvent: Int, makerEvent: Int) {
    guard !report.fills.isEmpty || !report.updates.isEmpty else { return }
    for update in report.updates where update.isArrival { logUpdate(update) }
    for fill in report.fills {
      guard let order = remote?.order(fill.orderID) ?? venue.order(fill.orderID) else { continue }
      let event = fill.liquidity == .taker ? takerEvent : makerEvent
      audit.traces.append(FillTrace(
        orderID: fill.orderID, decided: order.decidedAt, arrived: order.arrivalTime,
        liquidity: fill.liquidity == .taker ? .taker : .maker, event: event, step: stepTimes.count + 1))
      router.audit.log.append(OrderLogEntry(
        time: fill.time, orderID: fill.orderID, instrument: fill.instrument, event: .filled,
        side: fill.side == .buy ? 1 : -1, quantity: fill.quantity, price: Price(raw: fill.price),
        remaining: fill.remainingQuantity, decided: order.decidedAt, step: router.audit.step(of: fill.orderID)))
    }
    for update in report.updates where !update.isArrival { logUpdate(update) }
  }

  /// Logs one venue update about one of our orders.
  package mutating func logUpdate(_ update: VenueOrderUpdate) {
    guard let order = remote?.order(update.orderID) ?? venue.order(update.orderID) else { return }
    var entry = OrderLogEntry(
      time: update.time, orderID: update.orderID, instrument: order.instrument, event: .accepted,
      side: order.side == .buy ? 1 : -1, quantity: order.quantity, price: order.isMarket ? nil : Price(raw: order.price),
      remaining: update.remainingQuantity, decided: order.decidedAt, step: router.audit.step(of: update.orderID))
    if update.answersRequest, let request = router.audit.answer(update.orderID) {
      entry.decided = request.decided
      entry.step = request.step
    }
    switch update.kind {
    case .accepted:
      entry.queueAhead = order.isMarket ? nil : order.queueAheadAtArrival
    case .replaced(let kept):
      entry.event = .replaced
      entry.quantity = update.remainingQuantity
      entry.reason = .priority(kept: kept)
      // A replace that loses priority is a new version of the order, decided at that step.
      if !kept { router.audit.orderSteps[Int(update.orderID - 1)] = entry.step }
      entry.queueAhead = order.queueAheadAtArrival
    case .cancelled(let reason):
      entry.event = .cancelled
      entry.quantity = order.quantity - order.filledQuantity
      entry.reason = .venueCancel(reason)
    case .rejected(let reason):
      entry.event = .rejected
      entry.reason = .venueReject(reason)
    case .requestRejected(let reason):
      entry.event = .requestRejected
      entry.reason = .venueReject(reason)
    }
    router.audit.log.append(entry)
  }
}

package extension VenueOrderUpdate {
  /// Whether it starts a phase of the order's life (arrival or replace), logged before fills.
  package var isArrival: Bool {
    switch kind {
    case .accepted, .replaced: true
    case .cancelled, .rejected, .requestRejected: false
    }
  }
}

package extension VenueOrderUpdate {
  /// Whether it answers a cancel or replace request (the venue answers each exactly once).
  package var answersRequest: Bool {
    switch kind {
    case .replaced, .requestRejected, .cancelled(.requested): true
    case .accepted, .rejected, .cancelled: false
    }
  }
}

/// What a book run records for `trades.csv` and `orders.csv` besides the ledger.
/// A class on purpose: the router owns it and the session logs into it, and a box is one retain
/// where copies of the router would copy these arrays. Per-step series (cash, gross exposure)
/// live in `BookSession` instead: an append here costs a retain and an exclusivity check. One
/// run owns it, on one thread.
package final class BookAudit {
  /// Every order's life and every denial.
  package var log = OrderLog()
  /// One trace per ledger fill, in the same order.
  package var traces: [FillTrace] = []

  /// Reserves room for as many fills and log rows as `steps` (one per event at most).
  package func reserve(steps: Int) {
    traces.reserveCapacity(steps)
    log.reserve(rows: steps)
  }
  /// The step that decided each order's latest version, indexed by venue order id − 1.
  package var orderSteps: [Int] = []
  /// Cancels and replaces sent and not yet answered, in sending order (the venue answers them
  /// in that order): which step decided each.
  package var requests: [(id: UInt64, step: Int, decided: Int64)] = []
  package var requestHead = 0

  /// Takes the oldest unanswered request, when it is about order `id`.
  package func answer(_ id: UInt64) -> (id: UInt64, step: Int, decided: Int64)? {
    guard requestHead < requests.count, requests[requestHead].id == id else { return nil }
    let request = requests[requestHead]
    requestHead += 1
    if requestHead == requests.count {
      requests.removeAll(keepingCapacity: true)
      requestHead = 0
    }
    return request
  }

  /// The step that decided order `id` (0 when unknown).
  package func step(of id: UInt64) -> Int {
    id >= 1 && id <= UInt64(orderSteps.count) ? orderSteps[Int(id - 1)] : 0
  }
}
