/// Applying order-flow messages: the one place that turns an `OrderEvent` into changes of
/// orders and levels, shared by `OrderBook` (one instrument) and `BookSet` (many).
extension OrderMap {
  /// Applies `e`, filing level changes in `levels`; returns what could not be applied as
  /// written. Trades, crosses and trading-state messages change no book.
  @inlinable @inline(__always)
  mutating func apply<L: LevelStore>(_ e: OrderEvent, _ levels: inout L) -> BookIssue? {
    switch e.kind {
    case .add: return add(e, &levels)
    case .cancel: return take(e.orderID, e.quantity, over: .overCancel, &levels)
    case .execute: return take(e.orderID, e.quantity, over: .overExecute, &levels)
    case .delete: return take(e.orderID, -1, over: .overCancel, &levels)
    case .replace: return replace(e, &levels)
    case .hiddenTrade, .tradingState, .crossTrade: return nil
    }
  }

  @inlinable @inline(__always)
  mutating func add<L: LevelStore>(_ e: OrderEvent, _ levels: inout L) -> BookIssue? {
    guard e.quantity > 0 else {
      return BookIssue(kind: .nonPositiveQuantity, orderID: e.orderID, requested: e.quantity)
    }
    guard
      insert(
        id: e.orderID,
        price: e.price,
        quantity: e.quantity,
        instrument: e.instrument,
        side: e.side
      )
    else { return BookIssue(kind: .duplicateOrder, orderID: e.orderID, requested: e.quantity) }
    levels.add(e.instrument, e.side, price: e.price, quantity: e.quantity)
    return nil
  }

  /// Takes `quantity` off order `id` (-1: all of it), removing the order when nothing is left.
  @inlinable @inline(__always)
  mutating func take<L: LevelStore>(
    _ id: UInt64,
    _ quantity: Int64,
    over: BookIssue.Kind,
    _ levels: inout L
  ) -> BookIssue? {
    let slot = find(id)
    guard slot >= 0 else { return BookIssue(kind: .unknownOrder, orderID: id, requested: quantity) }
    let order = entries[slot]
    var issue: BookIssue?
    var taken = quantity
    if quantity < 0 || quantity >= order.quantity {
      if quantity > order.quantity {
        issue = BookIssue(kind: over, orderID: id, requested: quantity, remaining: order.quantity)
      }
      taken = order.quantity
      remove(slot: slot)
    } else {
      entries[slot].quantity = order.quantity - quantity
    }
    levels.reduce(
      order.instrument,
      order.side,
      price: order.price,
      quantity: taken,
      removesOrder: taken == order.quantity
    )
    return issue
  }

  @inlinable
  mutating func replace<L: LevelStore>(_ e: OrderEvent, _ levels: inout L) -> BookIssue? {
    let slot = find(e.orderID)
    guard slot >= 0 else {
      return BookIssue(kind: .unknownOrder, orderID: e.orderID, requested: e.quantity)
    }
    guard e.quantity > 0 else {
      return BookIssue(kind: .nonPositiveQuantity, orderID: e.newOrderID, requested: e.quantity)
    }
    guard e.newOrderID == e.orderID || find(e.newOrderID) < 0 else {
      return BookIssue(kind: .duplicateOrder, orderID: e.newOrderID, requested: e.quantity)
    }
    let order = entries[slot]
    remove(slot: slot)
    levels.reduce(
      order.instrument,
      order.side,
      price: order.price,
      quantity: order.quantity,
      removesOrder: true
    )
    _ = insert(
      id: e.newOrderID,
      price: e.price,
      quantity: e.quantity,
      instrument: order.instrument,
      side: order.side
    )
    levels.add(order.instrument, order.side, price: e.price, quantity: e.quantity)
    return nil
  }
}
