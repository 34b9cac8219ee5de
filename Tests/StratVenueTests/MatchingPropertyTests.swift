import StratMarket
import Testing

@testable import StratVenue

/// 10,000 seeded random operations; after each: the book is not crossed, and every order's
/// ledger (submitted = filled + cancelled + replaced away + resting) matches the book.
@Suite struct MatchingPropertyTests {
  /// What the events say an order has left open.
  struct Ledger {
    var open: [UInt64: Int64] = [:]
    var submitted: Int64 = 0
    var filled: Int64 = 0
    var cancelled: Int64 = 0
    var replacedAway: Int64 = 0

    mutating func apply(_ event: MatchingEvent) {
      switch event {
      case .accepted(let a):
        open[a.orderID] = a.request.quantity
        submitted += a.request.quantity
      case .fill(let f):
        open[f.restingOrderID, default: 0] -= f.quantity
        open[f.incomingOrderID, default: 0] -= f.quantity
        #expect(open[f.restingOrderID] == f.restingRemaining)
        #expect(open[f.incomingOrderID] == f.incomingRemaining)
        filled += 2 * f.quantity
      case .cancelled(let c):
        #expect(open[c.orderID] == c.quantity)
        open[c.orderID] = 0
        cancelled += c.quantity
      case .replaced(let r):
        #expect(open[r.orderID] == r.previousQuantity)
        replacedAway += r.previousQuantity
        open[r.orderID] = 0
        open[r.newOrderID] = r.quantity
        submitted += r.quantity
      case .rested, .rejected, .cancelRejected:
        break
      }
    }
  }

  @Test(arguments: [1 as UInt64, 7, 2026])
  func randomFlowKeepsTheBookConsistent(seed: UInt64) throws {
    let engine = try MatchingEngine(instruments: [testInstrument], capacity: 4_096)
    let book = engine.books[0]
    var flow = RandomOrderFlow(seed: seed, instruments: [testInstrument])
    let events = MatchingEvents()
    var ledger = Ledger()
    for step in 0..<10_000 {
      let locate = engine.run(flow.next(), into: events)
      flow.remember(events, locate: locate)
      for event in events { ledger.apply(event) }
      if let bid = book.bestBid, let ask = book.bestAsk {
        #expect(bid.price < ask.price, "crossed after step \(step), seed \(seed)")
      }
      if step % 500 == 0 { check(ledger, book) }
    }
    check(ledger, book)
    let resting = ledger.open.values.reduce(0, +)
    // Each fill takes its quantity off two orders, so `filled` counts both sides.
    #expect(ledger.submitted == ledger.filled + ledger.cancelled + ledger.replacedAway + resting)
    #expect(ledger.filled > 0 && ledger.cancelled > 0 && ledger.replacedAway > 0)
  }

  /// Every order with something open rests with exactly that; every other issued order is final.
  private func check(_ ledger: MatchingPropertyTests.Ledger, _ book: MatchingBook) {
    var levelTotal: Int64 = 0
    for side in [Side.buy, .sell] {
      for depth in 0..<book.levelCount(side) { levelTotal += book.level(side, depth)!.quantity }
    }
    var openTotal: Int64 = 0
    for (id, open) in ledger.open {
      if open > 0 {
        guard case .resting(_, _, let remaining, _) = book.status(of: id) else {
          Issue.record("order \(id) has \(open) open but does not rest")
          continue
        }
        #expect(remaining == open)
        openTotal += open
      } else {
        #expect(book.status(of: id) == .final)
      }
    }
    #expect(levelTotal == openTotal)
    #expect(book.restingOrderCount == ledger.open.values.filter { $0 > 0 }.count)
  }
}

@Suite struct MatchingBenchmarkTests {
  @Test func benchmarkIsDeterministicAndTrades() {
    let a = MatchingBenchmark.run(operations: 5_000, seed: 9)
    let b = MatchingBenchmark.run(operations: 5_000, seed: 9)
    #expect(a.operations == 5_000 && a.fills > 0 && a.restingOrders > 0)
    #expect((a.fills, a.events, a.restingOrders) == (b.fills, b.events, b.restingOrders))
  }
}
