/// How a resting order advances in the queue of its price level. Every model starts with the
/// level's displayed quantity ahead of the order (0 at a new level); they differ in what shrinks
/// it. See README.md in this folder.
public enum QueueModel: String, Sendable, Hashable, CaseIterable {
  /// The default. Only executions at the order's price reduce the quantity ahead; cancels are
  /// assumed to be behind the order, except that the quantity ahead never exceeds what the level
  /// still displays. Hidden trades at the order's price do not count (on NASDAQ a hidden order
  /// at a price trades after the displayed ones, and whether it did so here is unknowable).
  case conservativeFIFO = "conservative-fifo"
  /// Like `.conservativeFIFO`, and a cancel of `q` at the level also removes
  /// `q × ahead / level quantity` from ahead (cancels spread evenly through the queue), rounded
  /// down so that the order never advances more than the proportion. Hidden trades do not count.
  case proportional
  /// The order is at the front of its level once resting: every execution at its price fills
  /// it, and hidden trades at its price count as executions. For comparison only: it is the
  /// fiction most backtesters use silently.
  case optimistic

  /// Whether a hidden trade at the order's own price fills it like a visible execution.
  @inlinable
  public var countsHiddenTradesAtOwnPrice: Bool { self == .optimistic }
}

/// How much a resting order gets when the market trades through its price (a print at a price
/// worse than the order's, for the aggressor, or an order added across it).
public enum TradeThroughFill: String, Sendable, Hashable, CaseIterable {
  /// The default: at most the printed (or added) quantity, shared in price-time priority among
  /// our orders it passed. The aggressor is only known to have had that much.
  case printedQuantity = "printed-quantity"
  /// The whole remaining quantity of every order passed, as most backtesters assume.
  case wholeOrder = "whole-order"
}
