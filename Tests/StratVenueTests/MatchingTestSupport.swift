import StratMarket

@testable import StratVenue

/// A price from cents, so tests read `cents(1000)` for 10.00.
func cents(_ value: Int64) -> Price { Price(raw: value * 1_000_000) }

/// The test instrument: tick 0.01, at most 10,000 shares.
let testInstrument = MatchingInstrument(
  symbol: "TEST",
  locate: 1,
  tickSize: cents(1),
  maxOrderQuantity: 10_000
)

/// SplitMix64, seeded: the same seed gives the same ops.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// A book plus its event buffer; each call returns the events of that call.
final class BookDriver {
  let book: MatchingBook
  let events = MatchingEvents(capacity: 64)

  init(_ policy: SelfMatchPolicy = .cancelResting, capacity: Int = 1_024) {
    book = MatchingBook(testInstrument, capacity: capacity, selfMatchPolicy: policy)
  }

  @discardableResult
  func submit(_ request: OrderRequest) -> [MatchingEvent] {
    events.removeAll()
    book.submit(request, into: events)
    return Array(events)
  }

  @discardableResult
  func cancel(_ id: UInt64, owner: UInt32) -> [MatchingEvent] {
    events.removeAll()
    book.cancel(orderID: id, owner: owner, into: events)
    return Array(events)
  }

  @discardableResult
  func replace(_ id: UInt64, owner: UInt32, price: Price, quantity: Int64) -> [MatchingEvent] {
    events.removeAll()
    book.replace(orderID: id, owner: owner, price: price, quantity: quantity, into: events)
    return Array(events)
  }
}

extension Array where Element == MatchingEvent {
  var fills: [MatchingEvent.Fill] { compactMap { if case .fill(let f) = $0 { f } else { nil } } }
  var cancels: [MatchingEvent.Cancelled] {
    compactMap { if case .cancelled(let c) = $0 { c } else { nil } }
  }
  var rests: [MatchingEvent.Rested] {
    compactMap { if case .rested(let r) = $0 { r } else { nil } }
  }
  var acceptedID: UInt64? {
    for e in self { if case .accepted(let a) = e { return a.orderID } }
    return nil
  }
}
