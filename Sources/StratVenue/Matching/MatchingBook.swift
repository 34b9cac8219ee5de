import StratMarket

/// The order book of one instrument with price-time priority: an incoming order trades with the
/// best opposite price first and, at one price, with the oldest order first; fills are at the
/// resting order's price.
///
///   submit ─▶ validate ─▶ accepted ─▶ match against the opposite side ─▶ rest / cancel the rest
///                 │                        │ fills, self-match cancels
///                 ▼                        ▼
///              rejected              MatchingEvents (the caller's buffer)
///
/// Orders live in a pool allocated at init (free list), found by id through an open-addressing
/// index, queued per level in an intrusive FIFO; levels are sorted arrays with the best last.
/// Submit, cancel, replace and matching allocate nothing in steady state. Deterministic: the
/// same calls give the same events. Not thread-safe: one thread.
public final class MatchingBook {
  public let instrument: MatchingInstrument
  public let selfMatchPolicy: SelfMatchPolicy
  /// The symbol as ITCH carries it (computed once, not per message).
  public let feedSymbol: ITCHSymbol
  let sequences: VenueSequences
  var pool: OrderPool
  let index: OrderIndex
  var bids: PriceLevels
  var asks: PriceLevels

  /// A book for at most `capacity` resting orders, numbering orders and matches with
  /// `sequences` (shared by every book of a venue).
  public init(
    _ instrument: MatchingInstrument,
    capacity: Int = 1 << 16,
    selfMatchPolicy: SelfMatchPolicy = .cancelResting,
    sequences: VenueSequences = VenueSequences()
  ) {
    self.instrument = instrument
    self.selfMatchPolicy = selfMatchPolicy
    feedSymbol = ITCHSymbol(instrument.symbol)
    self.sequences = sequences
    pool = OrderPool(capacity: capacity)
    index = OrderIndex(orders: pool.capacity)
    bids = PriceLevels(isBid: true, capacity: 256)
    asks = PriceLevels(isBid: false, capacity: 256)
  }

  deinit {
    pool.deallocate()
    index.deallocate()
    bids.deallocate()
    asks.deallocate()
  }

  /// Resting orders.
  public var restingOrderCount: Int { pool.count }

  // MARK: - Operations

  /// Validates, accepts, matches and rests (or cancels the rest of) a new order.
  public func submit(_ request: OrderRequest, into events: MatchingEvents) {
    if let reason = rejection(of: request) {
      events.append(.rejected(owner: request.owner, reason: reason))
      return
    }
    let id = sequences.takeOrderID()
    events.append(.accepted(.init(orderID: id, request: request)))
    let limit =
      request.kind == .market ? (request.side == .buy ? Int64.max : Int64.min) : request.price.raw
    if request.timeInForce == .fillOrKill
      && !canFill(request.owner, request.side, limit, request.quantity)
    {
      events.append(
        .cancelled(
          .init(
            orderID: id,
            owner: request.owner,
            quantity: request.quantity,
            reason: .fillOrKill,
            wasResting: false
          )
        )
      )
      return
    }
    execute(
      id: id,
      owner: request.owner,
      side: request.side,
      limit: limit,
      quantity: request.quantity,
      rest: request.kind == .limit && request.timeInForce == .day,
      unfilledReason: request.kind == .market ? .marketUnfilled : .immediateOrCancel,
      into: events
    )
  }

  /// Cancels the rest of order `orderID` of `owner`.
  public func cancel(orderID: UInt64, owner: UInt32, into events: MatchingEvents) {
    guard let slot = ownedSlot(orderID, owner, isReplace: false, events) else { return }
    let order = pool[slot]
    events.append(
      .cancelled(
        .init(
          orderID: orderID,
          owner: owner,
          quantity: order.pointee.remaining,
          reason: .user,
          wasResting: true
        )
      )
    )
    unlink(slot)
  }

  /// Changes the price and/or remaining quantity of order `orderID` of `owner`. A decrease at
  /// the same price keeps the order's time priority and id; anything else is a new order (new
  /// id, back of the queue) that is matched like a submit.
  public func replace(
    orderID: UInt64,
    owner: UInt32,
    price: Price,
    quantity: Int64,
    into events: MatchingEvents
  ) {
    guard let slot = ownedSlot(orderID, owner, isReplace: true, events) else { return }
    let order = pool[slot].pointee
    if let reason = priceRejection(price) ?? quantityRejection(quantity)
      ?? (price.raw == order.price && quantity == order.remaining ? .duplicateReplace : nil)
    {
      events.append(
        .cancelRejected(orderID: orderID, owner: owner, isReplace: true, reason: reason)
      )
      return
    }
    if price.raw == order.price && quantity < order.remaining {
      reduce(slot, to: quantity)
      events.append(
        .replaced(
          .init(
            orderID: orderID,
            newOrderID: orderID,
            owner: owner,
            price: price,
            quantity: quantity,
            previousQuantity: order.remaining
          )
        )
      )
      return
    }
    unlink(slot)
    let newID = sequences.takeOrderID()
    events.append(
      .replaced(
        .init(
          orderID: orderID,
          newOrderID: newID,
          owner: owner,
          price: price,
          quantity: quantity,
          previousQuantity: order.remaining
        )
      )
    )
    execute(
      id: newID,
      owner: owner,
      side: order.side,
      limit: price.raw,
      quantity: quantity,
      rest: true,
      unfilledReason: .immediateOrCancel,
      into: events
    )
  }

  // MARK: - Validation

  func rejection(of request: OrderRequest) -> RejectReason? {
    if let reason = quantityRejection(request.quantity) { return reason }
    if request.kind == .market { return nil }
    if let reason = priceRejection(request.price) { return reason }
    return request.timeInForce == .day && pool.isFull ? .bookFull : nil
  }

  func priceRejection(_ price: Price) -> RejectReason? {
    price.raw <= 0 || price.raw % instrument.tickSize.raw != 0 || price > instrument.maxPrice
      ? .badPrice : nil
  }

  func quantityRejection(_ quantity: Int64) -> RejectReason? {
    quantity <= 0 || quantity > instrument.maxOrderQuantity ? .badQuantity : nil
  }

  /// The slot of a resting order of `owner`, or nil after writing the cancel-reject.
  private func ownedSlot(_ id: UInt64, _ owner: UInt32, isReplace: Bool, _ events: MatchingEvents)
    -> Int32?
  {
    let slot = index.find(id)
    let reason: RejectReason? =
      slot < 0
      ? (sequences.wasIssued(id) ? .tooLateToCancel : .unknownOrder)
      : (pool[slot].pointee.owner != owner ? .notOwner : nil)
    guard let reason else { return slot }
    events.append(.cancelRejected(orderID: id, owner: owner, isReplace: isReplace, reason: reason))
    return nil
  }
}
