import StratDiagnostics
import StratMarket

/// What happens when a message reaches the venue: validation, taking liquidity, resting.
package extension SimulatedVenue {
  package func deliver<Book: BookView>(_ message: VenueMessage, books: [Book], report: inout VenueReport) {
    switch message.kind {
    case .new:
      deliverNew(message, books: books, &report)
    case .cancel:
      deliverCancel(message, &report)
    case .replace(let quantity, let price):
      deliverReplace(message, quantity: quantity, price: price, books: books, &report)
    }
  }

  package func deliverNew<Book: BookView>(
    _ message: VenueMessage,
    books: [Book],
    _ report: inout VenueReport
  ) {
    let i = message.orderIndex
    let time = message.arrival
    if let reason = rejection(of: orders[i], message) {
      orders[i].state = .rejected
      orders[i].remainingQuantity = 0
      emit(i, time, .rejected(reason), &report)
      return
    }
    orders[i].state = .open
    emit(i, time, .accepted, &report)
    let book = books[orders[i].instrument]
    take(i, book, time: time, &report)
    restOrCancel(i, book, time: time, &report)
  }

  package func rejection(of order: VenueOrderStatus, _ message: VenueMessage) -> VenueRejectReason? {
    if order.instrument < 0 || order.instrument >= instrumentCount { return .unknownInstrument }
    if order.quantity <= 0 { return .invalidQuantity }
    if message.isStale { return .decidedInThePast }
    if halted[order.instrument] { return .halted }
    return nil
  }

  package func deliverCancel(_ message: VenueMessage, _ report: inout VenueReport) {
    guard let i = workingIndex(message, &report) else { return }
    orders[i].state = .cancelled
    orders[i].remainingQuantity = 0
    restingNeedsCompaction[orders[i].instrument] = true
    emit(i, message.arrival, .cancelled(.requested), &report)
  }

  package func deliverReplace<Book: BookView>(
    _ message: VenueMessage,
    quantity: Int64,
    price: Int64,
    books: [Book],
    _ report: inout VenueReport
  ) {
    guard let i = workingIndex(message, &report) else { return }
    let time = message.arrival
    let instrument = orders[i].instrument
    let keepsPriority = price == orders[i].price && quantity <= orders[i].remainingQuantity
    // Reducing an order is allowed during a halt, like a cancel; re-entering it is not.
    if quantity <= 0 || message.isStale || (halted[instrument] && !keepsPriority) {
      let reason: VenueRejectReason =
        quantity <= 0 ? .invalidQuantity : message.isStale ? .decidedInThePast : .halted
      emit(i, time, .requestRejected(reason), &report)
      return
    }
    orders[i].quantity = orders[i].filledQuantity + quantity
    orders[i].remainingQuantity = quantity
    emit(i, time, .replaced(keptPriority: keepsPriority), &report)
    guard !keepsPriority else { return }
    resting[instrument].removeAll { $0 == i }
    orders[i].price = price
    orders[i].arrivalTime = time
    orders[i].decidedAt = message.decidedAt
    let book = books[instrument]
    take(i, book, time: time, &report)
    restOrCancel(i, book, time: time, &report)
  }

  /// Returns the index of the working order a cancel or replace is about, or reports why not.
  package func workingIndex(_ message: VenueMessage, _ report: inout VenueReport) -> Int? {
    let i = message.orderIndex
    guard i >= 0 else {
      report.updates.append(
        VenueOrderUpdate(
          orderID: message.orderID,
          time: message.arrival,
          kind: .requestRejected(.unknownOrder),
          state: .rejected,
          remainingQuantity: 0,
          executionID: takeExecutionID()
        )
      )
      return nil
    }
    guard orders[i].isWorking else {
      emit(i, message.arrival, .requestRejected(.orderClosed), &report)
      return nil
    }
    return i
  }

  // MARK: - Matching on arrival

  /// Takes displayed, not yet consumed liquidity from the opposite side, best level first, up to
  /// the limit price (market orders: no limit), at each level's price.
  package func take<Book: BookView>(_ i: Int, _ book: Book, time: Int64, _ report: inout VenueReport) {
    let order = orders[i]
    let opposite = order.side.opposite
    var levelIndex = 0
    while orders[i].remainingQuantity > 0, let level = book.level(opposite, levelIndex) {
      levelIndex += 1
      if !order.isMarket && !order.accepts(level.price) { break }
      let taken = consumed[order.instrument].quantity(
        opposite,
        level.price,
        displayed: level.quantity
      )
      let available = level.quantity - taken
      guard available > 0 else { continue }
      let quantity = min(available, orders[i].remainingQuantity)
      consumed[order.instrument].add(opposite, level.price, quantity)
      recordFill(i, price: level.price, quantity: quantity, time: time, .taker, &report)
    }
  }

  /// After taking: a market or IOC rest is cancelled; a day limit rest joins the back of its
  /// level's queue behind everything displayed there now.
  package func restOrCancel<Book: BookView>(
    _ i: Int,
    _ book: Book,
    time: Int64,
    _ report: inout VenueReport
  ) {
    guard orders[i].remainingQuantity > 0 else { return }
    if orders[i].isMarket || orders[i].timeInForce == .immediateOrCancel {
      orders[i].state = .cancelled
      orders[i].remainingQuantity = 0
      let reason: VenueCancelReason = orders[i].isMarket ? .noLiquidity : .immediateOrCancel
      emit(i, time, .cancelled(reason), &report)
      return
    }
    // A new level (or one beyond a depth-limited view) has nothing displayed ahead.
    let ahead = book.displayedQuantity(orders[i].side, at: orders[i].price) ?? 0
    orders[i].queueAhead = config.queueModel == .optimistic ? 0 : ahead
    orders[i].queueAheadAtArrival = orders[i].queueAhead
    orders[i].priority = nextPriority
    nextPriority += 1
    resting[orders[i].instrument].append(i)
  }

  // MARK: - Records

  /// Books a fill of order `i`: quantities, state, position, fee, and the fill record.
  package func recordFill(
    _ i: Int,
    price: Int64,
    quantity: Int64,
    time: Int64,
    _ liquidity: VenueLiquidity,
    _ report: inout VenueReport
  ) {
    orders[i].filledQuantity += quantity
    orders[i].remainingQuantity -= quantity
    let done = orders[i].remainingQuantity == 0
    orders[i].state = done ? .filled : .partiallyFilled
    let order = orders[i]
    if done { restingNeedsCompaction[order.instrument] = true }
    positions[order.instrument] += order.side == .buy ? quantity : -quantity
    let fee = config.fees.fee(liquidity: liquidity, price: price, quantity: quantity)
    if fee == nil {
      report.diagnostics.append(
        Diagnostic(
          id: "venue.fee.overflow",
          message:
            "expected a fee within 64-bit fixed point for \(quantity) at raw price \(price) "
            + "(order \(order.id)), found an overflow; the fill is booked with fee 0"
        )
      )
    }
    report.fills.append(
      VenueFill(
        orderID: order.id,
        instrument: order.instrument,
        side: order.side,
        price: price,
        quantity: quantity,
        time: time,
        liquidity: liquidity,
        fee: fee ?? .zero,
        remainingQuantity: order.remainingQuantity,
        executionID: takeExecutionID()
      )
    )
  }

  package func emit(_ i: Int, _ time: Int64, _ kind: VenueOrderUpdate.Kind, _ report: inout VenueReport) {
    report.updates.append(
      VenueOrderUpdate(
        orderID: orders[i].id,
        time: time,
        kind: kind,
        state: orders[i].state,
        remainingQuantity: orders[i].remainingQuantity,
        executionID: takeExecutionID()
      )
    )
  }

  /// The next report's id.
  @inline(__always)
  package func takeExecutionID() -> UInt64 {
    defer { nextExecutionID += 1 }
    return nextExecutionID
  }
}
