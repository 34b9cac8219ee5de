import StratMarket

extension MatchingBook {
  /// Cancels every order of `owner` resting at `price` on `side` (reason `.user`); returns how
  /// many. For a seed replay removing orders its day no longer shows.
  @discardableResult
  func cancelAll(ownedBy owner: UInt32, _ side: Side, at price: Int64, into events: MatchingEvents)
    -> Int
  {
    guard let level = (side == .buy ? bids : asks).find(price) else { return 0 }
    var slot = level.pointee.head
    var cancelled = 0
    while slot >= 0 {
      let current = slot
      let order = pool[current].pointee
      slot = order.next
      guard order.owner == owner else { continue }
      events.append(
        .cancelled(
          .init(
            orderID: order.id,
            owner: owner,
            quantity: order.remaining,
            reason: .user,
            wasResting: true
          )
        )
      )
      // Unlinking frees `current` only; `slot` (read before) stays valid.
      unlink(current)
      cancelled += 1
    }
    return cancelled
  }
}
