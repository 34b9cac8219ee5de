import StratMarket

extension SeedReplay {
  /// A day's add: a day limit order of the seed owner.
  func add(_ event: OrderEvent, _ locate: UInt16, _ events: MatchingEvents) {
    let start = events.count
    let request = OrderRequest.limit(
      event.side,
      event.quantity,
      at: Price(raw: event.price),
      owner: Self.seedOwner
    )
    engine.submit(request, locate: locate, into: events)
    guard case .accepted(let accepted) = events[start] else {
      counts.rejected += 1
      return
    }
    remember(
      event.orderID,
      Seeded(
        venueID: accepted.orderID,
        locate: locate,
        side: event.side,
        price: event.price,
        dayRemaining: event.quantity
      )
    )
  }

  /// A day's cancel, delete, execution or replace of a seeded order.
  func change(_ order: Seeded, by event: OrderEvent, _ events: MatchingEvents) {
    var order = order
    if venueRemaining(order) < order.dayRemaining { counts.clamped += 1 }
    switch event.kind {
    case .execute:
      let taker = OrderRequest(
        owner: Self.takerOwner,
        side: order.side.opposite,
        timeInForce: .immediateOrCancel,
        price: Price(raw: order.price),
        quantity: event.quantity
      )
      engine.submit(taker, locate: order.locate, into: events)
      order.dayRemaining -= event.quantity
    case .cancel:
      order.dayRemaining -= event.quantity
    case .delete:
      order.dayRemaining = 0
    default:  // replace: the old order goes; the new one is a fresh add under its new id
      order.dayRemaining = 0
      clamp(&order, events)
      forget(event.orderID)
      var add = event
      (add.kind, add.orderID) = (.add, event.newOrderID)
      add.side = order.side
      self.add(add, order.locate, events)
      return
    }
    clamp(&order, events)
    if order.dayRemaining <= 0 { forget(event.orderID) } else { remember(event.orderID, order) }
  }

  /// Brings the venue's order down to what the day says is left (never up).
  private func clamp(_ order: inout Seeded, _ events: MatchingEvents) {
    guard let book = engine.book(order.locate) else { return }
    let venueRemaining = venueRemaining(order)
    let target = max(0, order.dayRemaining)
    guard venueRemaining > 0 else { return }
    if target == 0 {
      book.cancel(orderID: order.venueID, owner: Self.seedOwner, into: events)
    } else if target < venueRemaining {
      book.replace(
        orderID: order.venueID,
        owner: Self.seedOwner,
        price: Price(raw: order.price),
        quantity: target,
        into: events
      )
    }
  }

  /// What the seeded order has left on the venue (0 once filled or cancelled there).
  private func venueRemaining(_ order: Seeded) -> Int64 {
    guard
      case .resting(_, _, let remaining, _) = engine.book(order.locate)?.status(of: order.venueID)
    else { return 0 }
    return remaining
  }

  private func remember(_ id: UInt64, _ order: Seeded) { seededOrders[id] = order }
  private func forget(_ id: UInt64) { seededOrders[id] = nil }
}
