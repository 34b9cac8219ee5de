import StratABI
import StratDiagnostics
import StratMarket

/// The mutable side of a book backtest: the venue and its books, the strategy's books, the
/// account, and the series the result is made of. `BookBacktester` drives it event by event.
package struct BookSession {
  package let instrumentCount: Int
  /// Strategy instrument of each feed instrument number (−1 unbound), indexed by the number:
  /// one array read per event instead of a hash lookup (ITCH numbers are 16-bit locates).
  package let instrumentOfFeed: [Int]
  package let sharesBooks: Bool
  package let venueBooks: [ReplayedBook]
  package let strategyBooks: [ReplayedBook]
  package let venue: SimulatedVenue
  /// Where orders go instead of the simulated venue, when the engine trades over FIX.
  package var remote: (any RemoteVenue)?
  package var report = VenueReport()
  package var router: OrderRouter
  package var feed: BookStrategyFeed
  package var ledger: Ledger
  package var orderState: OrderStateFeed
  package var lastTrade: [Int64]
  /// Each instrument's mark as the strategy's decisions are routed (reused, one per instrument).
  package var referenceMarks: [Int64]
  /// The trade printed by the event the venue saw last (read when the books are shared: the
  /// order it executed may be gone from the book by the time the strategy observes it).
  package var latestTrade: Int64?
  package var stepTimes: [Int64] = []
  package var equity: [Money] = []
  /// Cash and Σ |position × mark| after each step, for `equity.csv` (here, not in the audit
  /// box: appending to a class's arrays cost a retain and an exclusivity check per step).
  package var cash: [Money] = []
  package var grossExposure: [Money] = []
  package var failure: BacktestError?
  /// The venue's first few reports about data it could not use.
  package var warnings: [Diagnostic] = []
  package let interface: StrategyInterface
  package let config: BookBacktestConfig

  /// A session for `interface`'s strategy; `limits` replaces its declared risk limits (the
  /// engine passes them tightened by its global limits).
  package init(
    interface: StrategyInterface, config: BookBacktestConfig, snapshots: BookSnapshots?,
    limits: RiskLimitTable? = nil
  ) throws(VenueError) {
    let count = interface.instruments.count
    instrumentCount = count
    var map = [Int](repeating: -1, count: Int(config.feedInstrumentForInstrument.max() ?? 0) + 1)
    for (i, feed) in config.feedInstrumentForInstrument.enumerated() { map[Int(feed)] = i }
    instrumentOfFeed = map
    sharesBooks = config.venue.feedLatency == .zero
    let located = config.locatesUnknownOrders
    venueBooks = (0..<count).map { _ in ReplayedBook(snapshots: snapshots, locatesUnknownOrders: located) }
    strategyBooks =
      sharesBooks ? [] : (0..<count).map { _ in ReplayedBook(snapshots: snapshots, locatesUnknownOrders: located) }
    venue = try SimulatedVenue(config: config.venue, instrumentCount: count)
    router = OrderRouter(interface: interface, limits: limits)
    feed = BookStrategyFeed(fieldsRead: interface.inputFields, instrumentCount: count)
    ledger = Ledger(instrumentCount: count)
    orderState = OrderStateFeed(instrumentCount: count, fieldsRead: interface.inputFields)
    lastTrade = Array(repeating: -1, count: count)
    referenceMarks = Array(repeating: 0, count: count)
    self.interface = interface
    self.config = config
  }

  /// The strategy instrument an event is about, nil when the feed number is not bound.
  @inline(__always)
  package func instrument(of event: OrderEvent) -> Int? {
    let number = Int(event.instrument)
    guard number < instrumentOfFeed.count else { return nil }
    let i = instrumentOfFeed[number]
    return i >= 0 ? i : nil
  }

  // MARK: - Venue clock

  /// The venue sees `event`: resting orders match against it, then its book applies it.
  package mutating func deliverToVenue(_ event: OrderEvent, index: Int) {
    guard processAtVenue(event, index: index) else { return }
    // Arrivals took the book as it stood after event `index` − 1; resting orders filled on this one.
    settle(takerEvent: index, makerEvent: index + 1)
  }

  /// The venue's half of `deliverToVenue`: its reports wait in `report` for `settle`. False
  /// when the event is not about a bound instrument.
  package mutating func processAtVenue(_ event: OrderEvent, index: Int) -> Bool {
    guard let i = instrument(of: event) else { return false }
    var event = event
    latestTrade = tradePrice(event, book: venueBooks[i])
    // ITCH executions leave the price out (it is the resting order's); the venue needs it.
    if event.kind == .execute, event.price == 0, let price = latestTrade { event.price = price }
    venue.process(event, instrument: i, books: venueBooks, report: &report)
    venueBooks[i].apply(event, index: index)
    if let price = latestTrade { lastTrade[i] = price }
    return true
  }

  /// Books the venue's fills and order updates into the account and the router, each once
  /// (a report delivered again is dropped and counted: `router.executions`).
  package mutating func settle(takerEvent: Int, makerEvent: Int) {
    remote?.drain(into: &report)
    if !report.fills.isEmpty || !report.updates.isEmpty { dropRepeatedReports() }
    logReport(takerEvent: takerEvent, makerEvent: makerEvent)
    for fill in report.fills {
      let signed = fill.side == .buy ? fill.quantity : -fill.quantity
      do throws(FixedPointError) {
        try ledger.book(
          time: fill.time, instrument: fill.instrument, quantity: signed,
          price: Price(raw: fill.price), fee: fill.fee)
      } catch {
        failure = failure ?? BacktestError(
          id: "backtest.overflow",
          message: "expected amounts within ±92233720368.54775807; a fill of \(fill.quantity) "
            + "units at \(Price(raw: fill.price)) overflows")
      }
      orderState.recordFill(instrument: fill.instrument, quantity: signed, price: fill.price)
      router.applyFill(fill)
    }
    for update in report.updates { router.apply(update) }
    // Data the venue cannot use (an execution of an order it never saw) is reported, not fatal.
    for problem in report.diagnostics where warnings.count < 10 {
      warnings.append(Diagnostic(id: problem.id, severity: .warning, message: problem.message, notes: problem.notes))
    }
    report.removeAll()
  }

  // MARK: - Strategy clock

  /// The strategy sees `event` at `time`: its book applies it, the inputs are written, it steps,
  /// and its decisions go to the venue.
  package mutating func observe<E: StrategyExecutor, W: OrderWriteAhead>(
    _ event: OrderEvent, index: Int, at time: Int64, executor: E, writeAhead: W
  ) {
    guard let i = instrument(of: event) else { return }
    let trade: Int64?
    if sharesBooks {
      trade = latestTrade
      feed.publishLevels(venueBooks[i], instrument: i, to: executor)
    } else {
      trade = tradePrice(event, book: strategyBooks[i])
      strategyBooks[i].apply(event, index: index)
      feed.publishLevels(strategyBooks[i], instrument: i, to: executor)
    }
    feed.publishTrade(price: trade, quantity: event.quantity, instrument: i, to: executor)
    executor.markSeen(instrument: i)
    router.publish(into: &orderState)
    orderState.publish(to: executor)
    router.step = stepTimes.count + 1
    let n = executor.step(timeNanos: time)
    // One valuation per step serves the risk gate and the record: routing changes neither the
    // account nor the books.
    let valuation = marked()
    if router.gate.tracksDailyLoss {
      // A new UTC day starts from the last recorded equity, as on bar runs.
      router.gate.roll(to: time, lastEquity: equity.last?.raw ?? 0)
    }
    if n > 0 {
      // The marks are taken up front into a reused array: a closure over the books and trades
      // copied both arrays (generic value-witness copies, 5 % of the loop) on every such step.
      for k in 0..<instrumentCount { referenceMarks[k] = mark(k) }
      let count = min(n, executor.decisions.count)
      if let remote {
        router.route(
          executor.decisions, count: count, at: time, venue: remote, writeAhead: writeAhead,
          position: orderState.position, reference: referenceMarks, equity: valuation.equity ?? 0)
      } else {
        router.route(
          executor.decisions, count: count, at: time, venue: venue, writeAhead: writeAhead,
          position: orderState.position, reference: referenceMarks, equity: valuation.equity ?? 0)
      }
    }
    record(time, valuation)
  }

  /// The price of the trade an event prints, if it prints one: executions at their price, or at
  /// the resting order's price when the feed leaves it out.
  package func tradePrice(_ event: OrderEvent, book: ReplayedBook) -> Int64? {
    switch event.kind {
    case .execute: event.price != 0 ? event.price : book.price(ofOrder: event.orderID)
    case .hiddenTrade, .crossTrade: event.price
    default: nil
    }
  }

  /// Appends the step's equity, marked at each book's mid (the last trade without one).
  package mutating func record(_ time: Int64, _ valuation: (equity: Int64?, gross: Int64?)) {
    guard let value = valuation.equity, let gross = valuation.gross else {
      failure = failure ?? BacktestError(
        id: "backtest.overflow", message: "expected equity within ±92233720368.54775807; it overflows")
      return
    }
    stepTimes.append(time)
    if router.gate.tracksDailyLoss { router.gate.observe(equity: value) }
    equity.append(Money(raw: value))
    cash.append(ledger.cash)
    grossExposure.append(Money(raw: gross))
  }

  /// Cash + Σ position × mark, and Σ |position × mark|, each nil on overflow: one pass, one
  /// mark per instrument held.
  package func marked() -> (equity: Int64?, gross: Int64?) {
    var equity: Int64? = ledger.cash.raw
    var gross: Int64? = 0
    for i in 0..<instrumentCount where ledger.positions[i] != 0 {
      let (value, overflow) = ledger.positions[i].multipliedReportingOverflow(by: mark(i))
      if overflow { return (nil, nil) }
      equity = equity.flatMap { Self.adding(value, to: $0) }
      gross = gross.flatMap { Self.adding(Int64(clamping: value.magnitude), to: $0) }
    }
    return (equity, gross)
  }

  /// `total + value`, nil on overflow.
  @inline(__always)
  package static func adding(_ value: Int64, to total: Int64) -> Int64? {
    let (sum, overflow) = total.addingReportingOverflow(value)
    return overflow ? nil : sum
  }

  /// The mid of the venue's book, else the last trade, else 0.
  package func mark(_ i: Int) -> Int64 { Self.mark(venueBooks[i], lastTrade: lastTrade[i]) }

  /// The mid of `book`, else `lastTrade`, else 0.
  package static func mark(_ book: ReplayedBook, lastTrade: Int64) -> Int64 {
    if let bid = book.bestBid, let ask = book.bestAsk {
      return bid.price / 2 + ask.price / 2 + (bid.price % 2 + ask.price % 2) / 2
    }
    return max(lastTrade, 0)
  }

  // MARK: - End

  /// Lets orders still travelling reach the venue, then stops.
  package mutating func finish(at time: Int64, eventCount: Int) {
    venue.advance(to: time, books: venueBooks, report: &report)
    settle(takerEvent: eventCount, makerEvent: eventCount)
  }
}

extension BookSession {
  /// Reserves the per-step series for `steps` steps, so that their appends never reallocate.
  package mutating func reserve(steps: Int) {
    stepTimes.reserveCapacity(steps)
    equity.reserveCapacity(steps)
    cash.reserveCapacity(steps)
    grossExposure.reserveCapacity(steps)
    audit.reserve(steps: steps)
  }
}

extension BookSession {
  /// Asks the venue to cancel every open order (the kill switch, a clean stop).
  package mutating func cancelAll(at time: Int64, writeAhead: some OrderWriteAhead = NoWriteAhead()) {
    for i in 0..<instrumentCount {
      if let remote {
        router.cancel(instrument: i, side: nil, at: time, venue: remote, writeAhead: writeAhead)
      } else {
        router.cancel(instrument: i, side: nil, at: time, venue: venue, writeAhead: writeAhead)
      }
    }
  }
}
