import StratMarket

/// A seeded, realistic stream of operations for one or more books: mostly limit orders within a
/// few ticks of a wandering mid, cancels and replaces of orders that rested lately, and some
/// marketable limit, IOC, FOK and market orders. The same seed gives the same stream (SplitMix64).
/// The benchmark and the property and differential tests share it.
public struct RandomOrderFlow {
  /// One operation.
  public enum Operation: Sendable, Hashable {
    case submit(OrderRequest, locate: UInt16)
    case cancel(orderID: UInt64, owner: UInt32, locate: UInt16)
    case replace(orderID: UInt64, owner: UInt32, locate: UInt16, price: Price, quantity: Int64)
  }

  private var state: UInt64
  private let instruments: [MatchingInstrument]
  private var mids: [Int64]
  /// Recently rested orders (id, owner, locate), a ring: cancels and replaces pick from it.
  private var recent: [(UInt64, UInt32, UInt16)]
  private var recentNext = 0
  private let owners: UInt32

  /// A flow over `instruments` with mids starting at 100.00 and `owners` participants.
  public init(seed: UInt64, instruments: [MatchingInstrument], owners: UInt32 = 8) {
    state = seed
    self.instruments = instruments
    mids = instruments.map { 10_000_000_000 / $0.tickSize.raw * $0.tickSize.raw }
    recent = Array(repeating: (0, 0, 0), count: 512)
    self.owners = owners
  }

  /// Notes the orders that `events` rested, for later cancels and replaces.
  public mutating func remember(_ events: MatchingEvents, locate: UInt16) {
    for event in events {
      guard case .rested(let r) = event else { continue }
      recent[recentNext] = (r.orderID, r.owner, locate)
      recentNext = (recentNext + 1) % recent.count
    }
  }

  /// The next operation.
  public mutating func next() -> Operation {
    let which = below(instruments.count)
    let instrument = instruments[which]
    let tick = instrument.tickSize.raw
    if below(8) == 0 { mids[which] += Int64(below(3) - 1) * tick }
    let roll = below(100)
    let (id, owner, locate) = recent[below(recent.count)]
    if roll < 25 && id != 0 { return .cancel(orderID: id, owner: owner, locate: locate) }
    if roll < 30 && id != 0 {
      return .replace(
        orderID: id,
        owner: owner,
        locate: locate,
        price: Price(raw: mids[which] + Int64(below(7) - 3) * tick),
        quantity: Int64(1 + below(5)) * 100
      )
    }
    return .submit(newOrder(mids[which], tick, roll), locate: instrument.locate)
  }

  private mutating func newOrder(_ mid: Int64, _ tick: Int64, _ roll: Int) -> OrderRequest {
    let side: Side = below(2) == 0 ? .buy : .sell
    let owner = UInt32(1 + below(Int(owners)))
    let quantity = Int64(1 + below(10)) * 100
    if roll >= 95 { return .market(side, quantity, owner: owner) }
    // Passive orders rest 1…5 ticks off the mid on their own side; from roll 80 on, orders cross.
    let away = Int64(1 + below(5)) * tick
    let crosses = roll >= 80
    let price = (side == .buy) != crosses ? mid - away : mid + away
    let tif: TimeInForce = roll >= 93 ? .fillOrKill : roll >= 90 ? .immediateOrCancel : .day
    return OrderRequest(
      owner: owner,
      side: side,
      timeInForce: tif,
      price: Price(raw: max(tick, price)),
      quantity: quantity
    )
  }

  private mutating func below(_ n: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(n))
  }
}

extension MatchingEngine {
  /// Runs one flow operation, writing its events into `events` (emptied first); returns the
  /// operation's locate.
  @discardableResult
  public func run(_ operation: RandomOrderFlow.Operation, into events: MatchingEvents) -> UInt16 {
    events.removeAll()
    switch operation {
    case .submit(let request, let locate):
      submit(request, locate: locate, into: events)
      return locate
    case .cancel(let id, let owner, let locate):
      cancel(orderID: id, owner: owner, locate: locate, into: events)
      return locate
    case .replace(let id, let owner, let locate, let price, let quantity):
      replace(
        orderID: id,
        owner: owner,
        locate: locate,
        price: price,
        quantity: quantity,
        into: events
      )
      return locate
    }
  }
}
