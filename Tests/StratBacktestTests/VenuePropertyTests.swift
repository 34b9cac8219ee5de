import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// Random but consistent event streams and random orders, drawn from a seed; after every event
/// the venue's invariants must hold. A failure names its seed.
@Suite struct VenuePropertyTests {
  struct Outcome {
    var fills: [VenueFill] = []
    var arrivals: [Int64] = []
    var violations: [String] = []
  }

  static let tick: Int64 = 1_000_000

  @Test(arguments: 1...12 as ClosedRange<UInt64>)
  func invariantsHoldOnRandomStreams(seed: UInt64) throws {
    let config = VenueConfig(
      orderLatency: seed % 2 == 0 ? .uniform(lowNanos: 0, highNanos: 3_000) : .zero,
      queueModel: QueueModel.allCases[Int(seed % 3)],
      tradeThrough: seed % 4 < 2 ? .printedQuantity : .wholeOrder,
      fees: VenueFees(maker: .perShare(cash("-0.002")), taker: .perNotional(Rate(raw: 50_000))),
      seed: seed
    )
    let outcome = try Self.run(seed: seed, config: config)
    #expect(outcome.violations.isEmpty, "seed \(seed): \(outcome.violations.prefix(5))")
    #expect(outcome.fills.count > 20, "seed \(seed) made too few fills to mean anything")
    #expect(Set(outcome.fills.map(\.liquidity)).count == 2, "seed \(seed)")
  }

  /// Replays `steps` random events with random orders; returns fills, arrivals and violations.
  static func run(seed: UInt64, config: VenueConfig, steps: Int = 3_000) throws -> Outcome {
    var random = VenueRandom(seed: seed &* 7_919)
    var bids: [(String, Int64)] = []
    var asks: [(String, Int64)] = []
    for k in 0..<5 {
      bids.append((Price(raw: px("100.00") - Int64(k) * tick).description, 100 + 50 * Int64(k)))
      asks.append((Price(raw: px("100.01") + Int64(k) * tick).description, 100 + 50 * Int64(k)))
    }
    let h = try VenueHarness(config, book: VenueTestBook(bids: bids, asks: asks))
    var checker = InvariantChecker()
    var time: Int64 = 0
    for _ in 0..<steps {
      time += Int64(random.next(below: 4)) * Int64(random.next(below: 1_000))
      guard let event = randomEvent(time, h.books[0], &random) else { continue }
      let before = h.report.fills.count
      h.send(event)
      checker.check(h.venue, newFills: h.report.fills[before...], now: time)
      randomOrder(h, time, &random, &checker)
    }
    return Outcome(
      fills: h.report.fills,
      arrivals: checker.firstArrival.sorted { $0.key < $1.key }.map(\.value),
      violations: checker.violations
    )
  }

  static func randomEvent(
    _ t: Int64,
    _ book: VenueTestBook,
    _ random: inout VenueRandom
  ) -> OrderEvent? {
    let side: Side = random.next(below: 2) == 0 ? .buy : .sell
    let levels = side == .buy ? book.bids : book.asks
    let roll = random.next(below: 100)
    func quantity(upTo q: Int64) -> Int64 { 1 + Int64(random.next(below: UInt64(max(1, q)))) }
    switch roll {
    case 0..<35:
      return randomAdd(t, side, book, &random)
    case 35..<55, 55..<78:
      guard !levels.isEmpty else { return nil }
      let level = roll < 55 ? levels[Int(random.next(below: UInt64(levels.count)))] : levels[0]
      return OrderEvent(
        timeNanos: t,
        kind: roll < 55 ? .cancel : .execute,
        side: side,
        price: level.price,
        quantity: quantity(upTo: level.quantity)
      )
    case 78..<85:
      let reference = levels.first?.price ?? px("100.00")
      let price = reference + (Int64(random.next(below: 5)) - 2) * tick
      return OrderEvent(
        timeNanos: t,
        kind: .hiddenTrade,
        side: side,
        price: price,
        quantity: quantity(upTo: 200)
      )
    case 85..<86:
      return OrderEvent(timeNanos: t, kind: .tradingState, quantity: Int64(random.next(below: 2)))
    default:
      return OrderEvent(timeNanos: t, kind: .crossTrade, price: px("100.00"), quantity: 10)
    }
  }

  /// An add on `side` at or inside the spread, never crossing it.
  static func randomAdd(
    _ t: Int64,
    _ side: Side,
    _ book: VenueTestBook,
    _ random: inout VenueRandom
  ) -> OrderEvent {
    let quantity = 1 + Int64(random.next(below: 300))
    guard let bestBid = book.bids.first?.price, let bestAsk = book.asks.first?.price else {
      return OrderEvent(timeNanos: t, kind: .add, side: side, price: px("100.00"), quantity: 100)
    }
    let offset = Int64(random.next(below: 5)) * tick
    let price =
      side == .buy
      ? min(bestBid + tick - offset, bestAsk - tick)
      : max(bestAsk - tick + offset, bestBid + tick)
    return OrderEvent(timeNanos: t, kind: .add, side: side, price: price, quantity: quantity)
  }

  static func randomOrder(
    _ h: VenueHarness,
    _ t: Int64,
    _ random: inout VenueRandom,
    _ checker: inout InvariantChecker
  ) {
    let roll = random.next(below: 100)
    guard roll < 25 else { return }
    let side: Side = random.next(below: 2) == 0 ? .buy : .sell
    let quantity = 1 + Int64(random.next(below: 400))
    let price = px("100.00") + (Int64(random.next(below: 9)) - 4) * tick
    let known = UInt64(checker.firstArrival.count)
    if roll < 4, known > 0 {
      h.venue.cancel(orderID: 1 + random.next(below: known + 2), decidedAt: t)
    } else if roll < 8, known > 0 {
      let id = 1 + random.next(below: known)
      h.venue.replace(orderID: id, quantity: quantity, price: price, decidedAt: t)
      checker.allowPrice(price, for: id)
    } else {
      let kind: VenueOrderRequest.Kind = roll < 12 ? .market : .limit(price: price)
      let tif: VenueOrderRequest.TimeInForce = roll < 16 ? .immediateOrCancel : .day
      let request = VenueOrderRequest(
        instrument: 0,
        side: side,
        quantity: quantity,
        kind: kind,
        timeInForce: tif
      )
      let id = h.venue.submit(request, decidedAt: t)
      checker.submitted(id, h.venue.order(id))
    }
  }
}

/// What must hold after every event, whatever the stream.
struct InvariantChecker {
  var firstArrival: [UInt64: Int64] = [:]
  /// The most permissive limit each order ever had (a replace may change it).
  var widestLimit: [UInt64: Int64] = [:]
  var side: [UInt64: Side] = [:]
  var filledByOrder: [UInt64: Int64] = [:]
  var finalBefore: Set<UInt64> = []
  /// Orders not yet final, in submission order.
  var live: [UInt64] = []
  var position: Int64 = 0
  var lastTime: Int64 = .min
  var violations: [String] = []

  mutating func submitted(_ id: UInt64, _ status: VenueOrderStatus?) {
    guard let status else { return violations.append("order \(id) unknown after submit") }
    firstArrival[id] = status.arrivalTime
    live.append(id)
    side[id] = status.side
    if !status.isMarket { widestLimit[id] = status.price }
  }

  mutating func allowPrice(_ price: Int64, for id: UInt64) {
    guard let limit = widestLimit[id] else { return }
    widestLimit[id] = side[id] == .buy ? max(limit, price) : min(limit, price)
  }

  mutating func check(_ venue: SimulatedVenue, newFills: ArraySlice<VenueFill>, now: Int64) {
    for fill in newFills { checkFill(fill, venue.order(fill.orderID), now: now) }
    for id in live {
      guard let status = venue.order(id) else { continue }
      checkOrder(status)
      if status.state.isFinal { finalBefore.insert(id) }
    }
    live.removeAll { finalBefore.contains($0) }
    if venue.position(instrument: 0) != position {
      violations.append("position \(venue.position(instrument: 0)) ≠ sum of fills \(position)")
    }
    lastTime = now
  }

  mutating func checkFill(_ fill: VenueFill, _ status: VenueOrderStatus?, now: Int64) {
    guard let status, let arrival = firstArrival[fill.orderID] else {
      return violations.append("fill for unknown order \(fill.orderID)")
    }
    filledByOrder[fill.orderID, default: 0] += fill.quantity
    position += fill.signedQuantity
    if fill.quantity <= 0 { violations.append("non-positive fill \(fill)") }
    if fill.time < arrival { violations.append("fill before arrival \(arrival): \(fill)") }
    if fill.time > now || (lastTime != .min && fill.time < lastTime) {
      violations.append("fill outside (\(lastTime), \(now)]: \(fill)")
    }
    if finalBefore.contains(fill.orderID) { violations.append("fill after final state: \(fill)") }
    if let limit = widestLimit[fill.orderID] {
      let worse = status.side == .buy ? fill.price > limit : fill.price < limit
      if worse { violations.append("fill worse than limit \(limit): \(fill)") }
    }
    if fill.liquidity == .maker && status.isMarket {
      violations.append("maker fill of a market order: \(fill)")
    }
  }

  mutating func checkOrder(_ status: VenueOrderStatus) {
    let filled = filledByOrder[status.id] ?? 0
    if filled != status.filledQuantity {
      violations.append("order \(status.id): fills sum \(filled) ≠ \(status.filledQuantity)")
    }
    if status.filledQuantity > status.quantity {
      violations.append("order \(status.id): filled \(status.filledQuantity) > \(status.quantity)")
    }
    if status.state == .pendingNew && filled > 0 { violations.append("pending order filled") }
    if status.state.isFinal && status.remainingQuantity != 0 {
      violations.append("final order \(status.id) has \(status.remainingQuantity) remaining")
    }
    if status.isWorking && status.filledQuantity + status.remainingQuantity != status.quantity {
      violations.append("order \(status.id): filled + remaining ≠ quantity")
    }
  }
}
