import StratDiagnostics
import StratMarket

package extension SimulatedVenue {
  /// Processes one market event of `instrument`. `books` holds every instrument's book, and
  /// `books[instrument]` must not yet have applied `event`: messages arriving at or before the
  /// event's time are delivered first against the books as they stand, then the event may fill
  /// resting orders. Appends fills, order updates and diagnostics to `report`.
  public func process<Book: BookView>(
    _ event: OrderEvent,
    instrument: Int,
    books: [Book],
    report: inout VenueReport
  ) {
    guard checkBooks(books.count, &report), checkEvent(event, instrument, &report) else { return }
    let book = books[instrument]
    if !consumed[instrument].isEmpty, let (side, price) = shrunk[instrument] {
      consumed[instrument].refresh(side, price, from: book)
    }
    shrunk[instrument] = Self.shrinkingLevel(of: event)
    activateArrivals(through: event.timeNanos, books: books, report: &report)
    currentTime = event.timeNanos
    if event.kind == .tradingState {
      halted[instrument] = event.quantity != 0
      return
    }
    guard !resting[instrument].isEmpty else { return }
    clampQueues(instrument, book)
    handle(event, instrument, book, &report)
    if restingNeedsCompaction[instrument] { compactResting(instrument) }
  }

  /// Delivers the messages that arrive by `time` when no market event comes first (timers, the
  /// end of the data), against the books as they stand now.
  public func advance<Book: BookView>(to time: Int64, books: [Book], report: inout VenueReport) {
    guard checkBooks(books.count, &report) else { return }
    guard time >= currentTime else {
      report.diagnostics.append(Self.timeBackwards(time, currentTime, what: "advance"))
      return
    }
    activateArrivals(through: time, books: books, report: &report)
    currentTime = time
  }

  package func handle<Book: BookView>(
    _ event: OrderEvent,
    _ instrument: Int,
    _ book: Book,
    _ report: inout VenueReport
  ) {
    switch event.kind {
    case .execute, .hiddenTrade:
      guard hasPrice(event, &report) else { return }
      handlePrint(event, instrument, book, &report)
    case .add, .replace:
      guard hasPrice(event, &report) else { return }
      handleCrossing(event, instrument, &report)
    case .cancel, .delete:
      handleCancel(event, instrument, book)
    case .crossTrade, .tradingState:
      return
    }
  }

  /// The level an event shrinks (price 0 when the feed gave none), to refresh consumed
  /// liquidity at the next event, when the book shows the shrink.
  package static func shrinkingLevel(of event: OrderEvent) -> (Side, Int64)? {
    switch event.kind {
    case .cancel, .delete, .execute: return (event.side, event.price)
    case .add, .replace, .hiddenTrade, .crossTrade, .tradingState: return nil
    }
  }

  package func activateArrivals<Book: BookView>(
    through time: Int64,
    books: [Book],
    report: inout VenueReport
  ) {
    while messageHead < messages.count, messages[messageHead].arrival <= time {
      let message = messages[messageHead]
      messageHead += 1
      deliver(message, books: books, report: &report)
    }
    if messageHead == messages.count, messageHead > 0 {
      messages.removeAll(keepingCapacity: true)
      messageHead = 0
    }
  }

  // MARK: - Input checks

  package func checkBooks(_ count: Int, _ report: inout VenueReport) -> Bool {
    guard count != instrumentCount else { return true }
    report.diagnostics.append(
      Diagnostic(
        id: "venue.books.count",
        message: "expected one book per instrument (\(instrumentCount)), found \(count) books",
        notes: ["nothing was processed; pass every instrument's book, indexed by instrument"]
      )
    )
    return false
  }

  package func checkEvent(_ event: OrderEvent, _ instrument: Int, _ report: inout VenueReport) -> Bool {
    guard instrument >= 0, instrument < instrumentCount else {
      report.diagnostics.append(
        Diagnostic(
          id: "venue.event.unknown-instrument",
          message:
            "expected an instrument index in 0..<\(instrumentCount), found \(instrument) "
            + "(event at \(event.timeNanos) ns, order \(event.orderID)); event ignored"
        )
      )
      ignoredEventCount += 1
      return false
    }
    guard event.timeNanos >= currentTime else {
      report.diagnostics.append(Self.timeBackwards(event.timeNanos, currentTime, what: "event"))
      ignoredEventCount += 1
      return false
    }
    return true
  }

  package static func timeBackwards(_ time: Int64, _ now: Int64, what: String) -> Diagnostic {
    Diagnostic(
      id: "venue.event.time-backwards",
      message: "expected \(what) time ≥ \(now) ns (the venue's clock), found \(time) ns; ignored",
      notes: ["events must reach the venue in time order (ties in sequence order)"]
    )
  }

  /// Prints and adds need a price; a feed that leaves it 0 ("the order's own price", as ITCH
  /// executions do) must have it filled in by the book before the venue sees the event.
  package func hasPrice(_ event: OrderEvent, _ report: inout VenueReport) -> Bool {
    guard event.price == 0 else { return true }
    ignoredEventCount += 1
    if warnedIDs.insert("venue.event.price-missing").inserted {
      report.diagnostics.append(
        Diagnostic(
          id: "venue.event.price-missing",
          severity: .warning,
          message:
            "expected a price on \(event.kind) event for order \(event.orderID) at "
            + "\(event.timeNanos) ns, found 0; the venue cannot match it and ignores it",
          notes: [
            "resolve execution prices from the book before calling process",
            "later occurrences are counted in ignoredEventCount, not reported again",
          ]
        )
      )
    }
    return false
  }
}
