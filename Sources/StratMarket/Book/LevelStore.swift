/// Where `OrderMap.apply` files level changes: one pair of ladders (`OrderBook`) or one per
/// instrument (`BookSet`). A protocol rather than a closure so that the apply loop is
/// specialised and touches no reference counts.
@usableFromInline
protocol LevelStore {
  /// Adds one order of `quantity` at `price` on `side` of `instrument`.
  mutating func add(_ instrument: UInt32, _ side: Side, price: Int64, quantity: Int64)
  /// Takes `quantity` (and, when `removesOrder`, one order) off a level.
  mutating func reduce(
    _ instrument: UInt32,
    _ side: Side,
    price: Int64,
    quantity: Int64,
    removesOrder: Bool
  )
}

/// The two sides of one instrument's book.
@usableFromInline
struct LadderPair: LevelStore {
  @usableFromInline var bids = LevelLadder(isBid: true)
  @usableFromInline var asks = LevelLadder(isBid: false)

  @usableFromInline init() {}

  @inlinable @inline(__always)
  mutating func add(_ instrument: UInt32, _ side: Side, price: Int64, quantity: Int64) {
    if side == .buy {
      bids.add(price: price, quantity: quantity)
    } else {
      asks.add(price: price, quantity: quantity)
    }
  }

  @inlinable @inline(__always)
  mutating func reduce(
    _ instrument: UInt32,
    _ side: Side,
    price: Int64,
    quantity: Int64,
    removesOrder: Bool
  ) {
    if side == .buy {
      _ = bids.reduce(price: price, quantity: quantity, removesOrder: removesOrder)
    } else {
      _ = asks.reduce(price: price, quantity: quantity, removesOrder: removesOrder)
    }
  }

  @inlinable
  func ladder(_ side: Side) -> LevelLadder { side == .buy ? bids : asks }
}

/// One `LadderPair` per instrument number: an array for small numbers (ITCH stock locates),
/// a dictionary beyond.
@usableFromInline
struct LadderTable: LevelStore {
  @usableFromInline var near: [LadderPair] = []
  @usableFromInline var present: [Bool] = []
  @usableFromInline var far: [UInt32: LadderPair] = [:]
  @usableFromInline static let nearLimit: UInt32 = 1 << 16

  @usableFromInline init() {}

  @inlinable @inline(__always)
  mutating func add(_ instrument: UInt32, _ side: Side, price: Int64, quantity: Int64) {
    if instrument < Self.nearLimit {
      let i = Int(instrument)
      if i >= near.count { grow(to: i) }
      present[i] = true
      near[i].add(instrument, side, price: price, quantity: quantity)
    } else {
      far[instrument, default: LadderPair()].add(instrument, side, price: price, quantity: quantity)
    }
  }

  @inlinable @inline(__always)
  mutating func reduce(
    _ instrument: UInt32,
    _ side: Side,
    price: Int64,
    quantity: Int64,
    removesOrder: Bool
  ) {
    if instrument < Self.nearLimit {
      near[Int(instrument)].reduce(
        instrument,
        side,
        price: price,
        quantity: quantity,
        removesOrder: removesOrder
      )
    } else {
      far[instrument]?.reduce(
        instrument,
        side,
        price: price,
        quantity: quantity,
        removesOrder: removesOrder
      )
    }
  }

  @usableFromInline
  mutating func grow(to index: Int) {
    let extra = index + 1 - near.count
    near.append(contentsOf: repeatElement(LadderPair(), count: extra))
    present.append(contentsOf: repeatElement(false, count: extra))
  }

  /// The ladders of `instrument`, if it has had an order.
  @inlinable
  func pair(_ instrument: UInt32) -> LadderPair? {
    if instrument < Self.nearLimit {
      let i = Int(instrument)
      return i < near.count && present[i] ? near[i] : nil
    }
    return far[instrument]
  }
}

/// Orders and levels together, so that applying a message is one mutation of one value.
@usableFromInline
struct BookState<Levels: LevelStore> {
  @usableFromInline var orders: OrderMap
  @usableFromInline var levels: Levels

  @usableFromInline
  init(orders: OrderMap, levels: Levels) {
    self.orders = orders
    self.levels = levels
  }

  @inlinable @inline(__always)
  mutating func apply(_ event: OrderEvent) -> BookIssue? { orders.apply(event, &levels) }
}
