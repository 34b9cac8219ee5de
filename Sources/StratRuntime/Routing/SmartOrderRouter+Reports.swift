import StratMarket

extension SmartOrderRouter {
  /// Takes in every venue's reports and hands the OMS its orders' reports: the first child
  /// acknowledged accepts the order; each child fill is the order's fill (with the venue's
  /// fee and its execution quality); the order ends when its last child ends.
  package func drain(into report: inout VenueReport) {
    for q in quotes { q.poll() }
    report.updates += scratchRefusals
    scratchRefusals.removeAll(keepingCapacity: true)
    for v in gateways.indices {
      gateways[v].drain(into: &scratch)
      // Fills first, as the OMS books them: an IOC's fill precedes its cancel on the wire.
      for fill in scratch.fills where filters[v].isFirst(fill.executionID) { apply(fill, venue: v, into: &report) }
      for update in scratch.updates where filters[v].isFirst(update.executionID) { apply(update, venue: v, into: &report) }
      duplicateReports = filters.reduce(0) { $0 + $1.duplicates }
      scratch.removeAll()
    }
  }

  private func apply(_ update: VenueOrderUpdate, venue v: Int, into report: inout VenueReport) {
    let (id, venue) = Self.parentAndVenue(update.orderID)
    guard venue == v, var parent = parents[id], let k = parent.children.firstIndex(where: { $0.venue == v }) else { return }
    var forward: VenueOrderUpdate.Kind?
    switch update.kind {
    case .accepted:
      parent.children[k].state = update.state == .pendingNew ? .open : update.state
      if !parent.announced { forward = .accepted }
      parent.announced = true
    case .cancelled, .rejected:
      parent.children[k].state = .cancelled
      if case .rejected(let reason) = update.kind {
        parent.children[k].state = .rejected
        parent.children[k].rejection = reason
      }
      parent.children[k].leaves = 0
      if parent.children.allSatisfy(\.state.isFinal), !parent.final {
        parent.final = true
        forward = ending(parent, update.kind)
      }
    case .replaced:
      parent.children[k].leaves = update.remainingQuantity
      parent.children[k].state = update.state
      if case .limit = parent.request.kind, let price = gateways[v].order(update.orderID)?.price {
        parent.request.kind = .limit(price: price)
      }
      forward = update.kind
    case .requestRejected:
      forward = update.kind
    }
    parents[id] = parent
    guard let forward else { return }
    nextExecutionID += 1
    report.updates.append(
      VenueOrderUpdate(orderID: id, time: update.time, kind: forward, state: state(of: parent), remainingQuantity: leaves(parent), executionID: nextExecutionID))
  }

  /// How an order whose children all ended ends: rejected when every child was rejected and
  /// nothing filled, else cancelled (a fill that completed it reports it filled instead).
  private func ending(_ parent: Parent, _ last: VenueOrderUpdate.Kind) -> VenueOrderUpdate.Kind? {
    if parent.filled >= parent.request.quantity { return nil }
    if parent.filled == 0, parent.children.allSatisfy({ $0.state == .rejected }) {
      return .rejected(parent.children.last(where: { $0.rejection != nil })?.rejection ?? .venueRefused)
    }
    if case .cancelled(let reason) = last { return .cancelled(reason) }
    return .cancelled(.requested)
  }

  private func apply(_ fill: VenueFill, venue v: Int, into report: inout VenueReport) {
    let (id, venue) = Self.parentAndVenue(fill.orderID)
    guard venue == v, var parent = parents[id], let k = parent.children.firstIndex(where: { $0.venue == v }) else { return }
    parent.filled += fill.quantity
    parent.children[k].leaves = fill.remainingQuantity
    if fill.remainingQuantity == 0 { parent.children[k].state = .filled }
    if parent.filled >= parent.request.quantity || parent.children.allSatisfy(\.state.isFinal) { parent.final = true }
    parents[id] = parent
    let rate = fill.liquidity == .maker ? venues[v].fees.maker : venues[v].fees.taker
    let fee = fill.fee.raw != 0 ? fill.fee : (rate.fee(price: fill.price, quantity: fill.quantity) ?? fill.fee)
    nextExecutionID += 1
    var forwarded = fill
    forwarded.orderID = id
    forwarded.fee = fee
    forwarded.remainingQuantity = leaves(parent)
    forwarded.executionID = nextExecutionID
    report.fills.append(forwarded)
    let tca = TCAFill(
      orderID: id, venue: v, side: fill.side, quantity: fill.quantity, price: fill.price,
      decisionPrice: parent.decisionPrice, arrivalPrice: parent.children[k].arrivalPrice, fee: fee.raw)
    quality.add(tca)
    journal?.executed(tca)
  }

  /// Units still working across the order's children.
  func leaves(_ parent: Parent) -> Int64 { parent.children.reduce(0) { $0 + ($1.state.isFinal ? 0 : $1.leaves) } }

  func state(of parent: Parent) -> VenueOrderState {
    if parent.filled >= parent.request.quantity { return .filled }
    if parent.children.allSatisfy(\.state.isFinal) {
      return parent.filled == 0 && parent.children.allSatisfy({ $0.state == .rejected }) ? .rejected : .cancelled
    }
    if parent.filled > 0 { return .partiallyFilled }
    return parent.announced ? .open : .pendingNew
  }
}
