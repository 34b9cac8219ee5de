/// Applying order-flow messages: the one place that turns an `OrderEvent` into changes of
/// orders and levels, shared by `OrderBook` (one instrument) and `BookSet` (many).
extension OrderMap {
  /// Applies `e`, finding the levels of an instrument with `levels`; returns what could not be
  /// applied as written. Trades, crosses and trading-state messages change no book.
  @inlinable @inline(__always)
  func apply(_ e: OrderEvent, levels: (UInt32) -> LevelBook) -> BookIssue? {
    switch e.kind {
    case .add:
      return add(id: e.orderID, e.side, price: e.price, quantity: e.quantity, instrument: e.instrument, levels: levels)
    case .cancel: return take(e.orderID, e.quantity, over: .overCancel, levels: levels)
    case .execute: return take(e.orderID, e.quantity, over: .overExecute, levels: levels)
    case .delete: return take(e.orderID, -1, over: .overCancel, levels: levels)
    case .replace: return replace(e, levels: levels)
    case .hiddenTrade, .tradingState, .crossTrade: return nil
    }
  }

  @inlinable @inline(__always)
  func add(
    id: UInt64, _ side: Side, price: Int64, quantity: Int64, instrument: UInt32,
    levels: (UInt32) -> LevelBook
  ) -> BookIssue? {
    guard quantity > 0 else {
      return BookIssue(kind: .nonPositiveQuantity, orderID: id, requested: quantity)
    }
    guard insert(id: id, price: price, quantity: quantity, instrument: instrument, side: side) else {
      return BookIssue(kind: .duplicateOrder, orderID: id, requested: quantity)
    }
    levels(instrument).add(side, price: price, quantity: quantity)
    return nil
  }

  /// Takes `quantity` off order `id` (-1: all of it), removing the order when nothing is left.
  @inlinable @inline(__always)
  func take(
    _ id: UInt64, _ quantity: Int64, over: BookIssue.Kind, levels: (UInt32) -> LevelBook
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
    levels(order.instrument).reduce(
      order.side, price: order.price, quantity: taken, removesOrder: taken == order.quantity)
    return issue
  }

  @inlinable
  func replace(_ e: OrderEvent, levels: (UInt32) -> LevelBook) -> BookIssue? {
    let slot = find(e.orderID)
    guard slot >= 0 else { return BookIssue(kind: .unknownOrder, orderID: e.orderID, requested: e.quantity) }
    guard e.quantity > 0 else {
      return BookIssue(kind: .nonPositiveQuantity, orderID: e.newOrderID, requested: e.quantity)
    }
    guard e.newOrderID == e.orderID || find(e.newOrderID) < 0 else {
      return BookIssue(kind: .duplicateOrder, orderID: e.newOrderID, requested: e.quantity)
    }
    let order = entries[slot]
    remove(slot: slot)
    let book = levels(order.instrument)
    book.reduce(order.side, price: order.price, quantity: order.quantity, removesOrder: true)
    _ = insert(id: e.newOrderID, price: e.price, quantity: e.quantity, instrument: order.instrument, side: order.side)
    book.add(order.side, price: e.price, quantity: e.quantity)
    return nil
  }
}
