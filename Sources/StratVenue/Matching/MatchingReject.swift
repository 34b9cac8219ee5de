/// Why the venue refused an order, a cancel or a replace. Each case has a stable id
/// (`venue.order.bad-price`) and a message for people; raw values are stable too (they may be
/// sent on the wire as a reject code).
public enum RejectReason: UInt8, Sendable, Hashable, CaseIterable {
  /// The symbol or locate names no instrument of this venue.
  case unknownInstrument = 1
  /// No order with this venue id was ever issued.
  case unknownOrder = 2
  /// The order belongs to another owner.
  case notOwner = 3
  /// The price is ≤ 0, off the tick, or above the instrument's maximum.
  case badPrice = 4
  /// The quantity is ≤ 0 or above the instrument's maximum.
  case badQuantity = 5
  /// The order was issued but is final (filled, cancelled, replaced): nothing left to change.
  case tooLateToCancel = 6
  /// The book holds as many resting orders as it was sized for.
  case bookFull = 7
  /// A replace asked for exactly the order as it rests (same price, same quantity).
  case duplicateReplace = 8

  /// The stable id.
  public var id: String {
    switch self {
    case .unknownInstrument: "venue.order.unknown-instrument"
    case .unknownOrder: "venue.order.unknown-order"
    case .notOwner: "venue.order.not-owner"
    case .badPrice: "venue.order.bad-price"
    case .badQuantity: "venue.order.bad-quantity"
    case .tooLateToCancel: "venue.order.too-late"
    case .bookFull: "venue.order.book-full"
    case .duplicateReplace: "venue.order.duplicate-replace"
    }
  }

  /// What was wrong, for people.
  public var message: String {
    switch self {
    case .unknownInstrument: "no instrument of this venue has that symbol"
    case .unknownOrder: "no order with that venue order id was ever accepted"
    case .notOwner: "the order belongs to another session"
    case .badPrice: "the price must be above 0, a whole number of ticks, and at most the maximum"
    case .badQuantity: "the quantity must be above 0 and at most the instrument's maximum"
    case .tooLateToCancel: "the order is already filled, cancelled or replaced"
    case .bookFull: "the book holds as many resting orders as it was sized for"
    case .duplicateReplace: "the replace changes neither the price nor the quantity"
    }
  }
}

/// Why an order's (rest of) quantity left the book or never rested.
public enum CancelReason: UInt8, Sendable, Hashable {
  /// The owner cancelled it.
  case user = 1
  /// Immediate-or-cancel: the part that did not trade at once.
  case immediateOrCancel = 2
  /// A market order's part that found no liquidity (none at all, or not enough).
  case marketUnfilled = 3
  /// Self-match prevention (see `SelfMatchPolicy`).
  case selfMatch = 4
  /// Fill or kill: the book could not fill it in full at once.
  case fillOrKill = 5
}
