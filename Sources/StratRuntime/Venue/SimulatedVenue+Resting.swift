import StratMarket

/// How market events fill resting orders: queue position, trade-throughs, crossing adds.
package extension SimulatedVenue {
  /// Clamps every queue position to what its level displays now: whatever was ahead of us and is
  /// no longer displayed has left (traded or cancelled) — even when the feed gave no price.
  package func clampQueues<Book: BookView>(_ instrument: Int, _ book: Book) {
    for i in resting[instrument] where orders[i].queueAhead > 0 && orders[i].isWorking {
      // Beyond a depth-limited view nothing is known: keep the queue (conservative).
      guard let displayed = book.displayedQuantity(orders[i].side, at: orders[i].price) else {
        continue
      }
      if orders[i].queueAhead > displayed { orders[i].queueAhead = displayed }
    }
  }

  /// An execution (visible or hidden) of `event.quantity` at `event.price` against a resting
  /// order on `event.side`. First, our orders the print passed through (a better price for the
  /// aggressor was ours) fill at their own price; then, for a visible print, the queue at the
  /// print's price advances and our orders there get the excess over what was ahead of them.
  package func handlePrint<Book: BookView>(
    _ event: OrderEvent,
    _ instrument: Int,
    _ book: Book,
    _ report: inout VenueReport
  ) {
    let isVisible = event.kind == .execute
    collect(instrument) { order in
      // A visible print on the other side only meets liquidity we already consumed.
      (isVisible ? order.side == event.side : true) && order.price != event.price
        && order.accepts(event.price)
    }
    sortByPricePriority()
    let left = fillCandidates(upTo: event.quantity, time: event.timeNanos, &report)
    if isVisible || config.queueModel.countsHiddenTradesAtOwnPrice {
      // Whole-order trade-throughs are a fiction apart from the print: it stays whole.
      let available = config.tradeThrough == .wholeOrder ? event.quantity : left
      advanceQueue(event, instrument, available: available, &report)
    }
  }

  /// Our orders at the print's price, in queue order: each fills by the print's excess over the
  /// displayed quantity ahead of it plus our own orders ahead of it at that price.
  package func advanceQueue(
    _ event: OrderEvent,
    _ instrument: Int,
    available: Int64,
    _ report: inout VenueReport
  ) {
    var oursAhead: Int64 = 0
    for i in resting[instrument] {
      let order = orders[i]
      guard order.isWorking, order.side == event.side, order.price == event.price else { continue }
      let excess = available - order.queueAhead - oursAhead
      oursAhead += order.remainingQuantity
      if excess > 0 {
        let quantity = min(excess, order.remainingQuantity)
        recordFill(
          i,
          price: order.price,
          quantity: quantity,
          time: event.timeNanos,
          .maker,
          &report
        )
      }
      orders[i].queueAhead = max(0, order.queueAhead - event.quantity)
    }
  }

  /// An order added (or replaced) across our resting orders' prices would have traded with them:
  /// they fill at their own price, up to the added quantity, and that quantity is marked consumed
  /// so our later orders do not take it again.
  package func handleCrossing(_ event: OrderEvent, _ instrument: Int, _ report: inout VenueReport) {
    collect(instrument) { $0.side == event.side.opposite && $0.accepts(event.price) }
    guard !scratch.isEmpty else { return }
    sortByPricePriority()
    let left = fillCandidates(upTo: event.quantity, time: event.timeNanos, &report)
    consumed[instrument].add(event.side, event.price, event.quantity - max(0, left))
  }

  /// A cancel at our price: under `.proportional` it removes its share of what is ahead; under
  /// every model what is ahead cannot exceed what remains displayed.
  package func handleCancel<Book: BookView>(_ event: OrderEvent, _ instrument: Int, _ book: Book) {
    guard event.price != 0, event.quantity > 0 else { return }
    guard let displayed = book.displayedQuantity(event.side, at: event.price) else { return }
    for i in resting[instrument] {
      let order = orders[i]
      guard order.isWorking, order.side == event.side, order.price == event.price else { continue }
      var ahead = order.queueAhead
      if config.queueModel == .proportional, displayed > 0, ahead > 0 {
        let share = event.quantity.multipliedFullWidth(by: ahead)
        let (cut, _) = displayed.dividingFullWidth(share)
        ahead -= min(ahead, cut)
      }
      orders[i].queueAhead = min(ahead, max(0, displayed - event.quantity))
    }
  }

  // MARK: - Helpers

  /// Fills the orders in `scratch`, in order, from `quantity` (all of each under `.wholeOrder`);
  /// returns what is left of `quantity` (negative when whole orders took more than was printed).
  package func fillCandidates(upTo quantity: Int64, time: Int64, _ report: inout VenueReport) -> Int64 {
    var left = quantity
    for i in scratch {
      let remaining = orders[i].remainingQuantity
      let fill = config.tradeThrough == .wholeOrder ? remaining : min(remaining, max(0, left))
      guard fill > 0 else { continue }
      left -= fill
      recordFill(i, price: orders[i].price, quantity: fill, time: time, .maker, &report)
    }
    return left
  }

  /// Puts the working orders of `instrument` that satisfy `isCandidate` into `scratch`.
  package func collect(_ instrument: Int, where isCandidate: (VenueOrderStatus) -> Bool) {
    scratch.removeAll(keepingCapacity: true)
    for i in resting[instrument] where orders[i].isWorking && isCandidate(orders[i]) {
      scratch.append(i)
    }
  }

  /// Sorts `scratch` by price priority (best price for the market first: highest buy, lowest
  /// sell), then queue priority. Insertion sort: the lists are a few orders long.
  package func sortByPricePriority() {
    guard scratch.count > 1 else { return }
    for k in 1..<scratch.count {
      var j = k
      while j > 0, comesBefore(scratch[j], scratch[j - 1]) {
        scratch.swapAt(j, j - 1)
        j -= 1
      }
    }
  }

  package func comesBefore(_ a: Int, _ b: Int) -> Bool {
    let x = orders[a]
    let y = orders[b]
    if x.price != y.price { return x.side == .buy ? x.price > y.price : x.price < y.price }
    return x.priority < y.priority
  }

  package func compactResting(_ instrument: Int) {
    resting[instrument].removeAll { !orders[$0].isWorking }
    restingNeedsCompaction[instrument] = false
  }
}
