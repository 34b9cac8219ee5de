import StratMarket

extension MatchingBook {
  /// Matches an accepted order, then rests its rest (`rest`) or cancels it with `unfilledReason`.
  func execute(
    id: UInt64,
    owner: UInt32,
    side: Side,
    limit: Int64,
    quantity: Int64,
    rest: Bool,
    unfilledReason: CancelReason,
    into events: MatchingEvents
  ) {
    let (left, stopped) =
      side == .buy
      ? match(id, owner, side, limit, quantity, against: &asks, events)
      : match(id, owner, side, limit, quantity, against: &bids, events)
    guard left > 0 else { return }
    if stopped {
      events.append(
        .cancelled(
          .init(
            orderID: id,
            owner: owner,
            quantity: left,
            reason: .selfMatch,
            wasResting: false
          )
        )
      )
    } else if rest {
      add(id, owner, side, limit, left)
      events.append(
        .rested(
          .init(
            orderID: id,
            owner: owner,
            side: side,
            price: Price(raw: limit),
            quantity: left
          )
        )
      )
    } else {
      events.append(
        .cancelled(
          .init(
            orderID: id,
            owner: owner,
            quantity: left,
            reason: unfilledReason,
            wasResting: false
          )
        )
      )
    }
  }

  /// Trades `quantity` against `opposite` while its best price is within `limit`; returns what
  /// is left and whether self-match prevention stopped the incoming order.
  private func match(
    _ id: UInt64,
    _ owner: UInt32,
    _ side: Side,
    _ limit: Int64,
    _ quantity: Int64,
    against opposite: inout PriceLevels,
    _ events: MatchingEvents
  ) -> (left: Int64, stopped: Bool) {
    var left = quantity
    while left > 0, let level = opposite.best,
      side == .buy ? level.pointee.price <= limit : level.pointee.price >= limit
    {
      let slot = level.pointee.head
      let resting = pool[slot]
      if resting.pointee.owner == owner {
        let stopIncoming = selfMatchPolicy != .cancelResting
        if selfMatchPolicy != .cancelIncoming {
          events.append(
            .cancelled(
              .init(
                orderID: resting.pointee.id,
                owner: owner,
                quantity: resting.pointee.remaining,
                reason: .selfMatch,
                wasResting: true
              )
            )
          )
          unlink(slot, &opposite)
        }
        if stopIncoming { return (left, true) }
        continue
      }
      let traded = min(left, resting.pointee.remaining)
      left -= traded
      resting.pointee.remaining -= traded
      level.pointee.quantity -= traded
      events.append(
        .fill(
          .init(
            matchNumber: sequences.takeMatchNumber(),
            price: Price(raw: resting.pointee.price),
            quantity: traded,
            restingOrderID: resting.pointee.id,
            restingOwner: resting.pointee.owner,
            restingRemaining: resting.pointee.remaining,
            incomingOrderID: id,
            incomingOwner: owner,
            incomingRemaining: left,
            incomingSide: side
          )
        )
      )
      if resting.pointee.remaining == 0 { unlink(slot, &opposite) }
    }
    return (left, false)
  }

  /// Puts a new order at the back of its level's queue.
  private func add(_ id: UInt64, _ owner: UInt32, _ side: Side, _ price: Int64, _ quantity: Int64) {
    let slot = pool.take(
      RestingOrder(
        id: id,
        price: price,
        remaining: quantity,
        owner: owner,
        side: side,
        previous: -1,
        next: -1
      )
    )
    index.insert(id, slot: slot)
    let level = side == .buy ? bids.findOrInsert(price) : asks.findOrInsert(price)
    if level.pointee.tail >= 0 {
      pool[level.pointee.tail].pointee.next = slot
      pool[slot].pointee.previous = level.pointee.tail
    } else {
      level.pointee.head = slot
    }
    level.pointee.tail = slot
    level.pointee.quantity += quantity
    level.pointee.orders += 1
  }

  /// Lowers a resting order's quantity in place (it keeps its place in the queue).
  func reduce(_ slot: Int32, to quantity: Int64) {
    let order = pool[slot]
    let levels = order.pointee.side == .buy ? bids : asks
    let level = levels.find(order.pointee.price)!
    level.pointee.quantity -= order.pointee.remaining - quantity
    order.pointee.remaining = quantity
  }

  /// Takes a resting order off the book (whatever is left of it) and frees its slot.
  func unlink(_ slot: Int32) {
    if pool[slot].pointee.side == .buy { unlink(slot, &bids) } else { unlink(slot, &asks) }
  }

  private func unlink(_ slot: Int32, _ levels: inout PriceLevels) {
    let order = pool[slot].pointee
    let level = levels.find(order.price)!
    if order.previous >= 0 {
      pool[order.previous].pointee.next = order.next
    } else {
      level.pointee.head = order.next
    }
    if order.next >= 0 {
      pool[order.next].pointee.previous = order.previous
    } else {
      level.pointee.tail = order.previous
    }
    level.pointee.quantity -= order.remaining
    level.pointee.orders -= 1
    if level.pointee.orders == 0 { levels.remove(order.price) }
    index.remove(order.id)
    pool.free(slot)
  }
}
