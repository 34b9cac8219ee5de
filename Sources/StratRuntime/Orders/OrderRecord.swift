import StratABI
import StratMarket

/// An order the runtime made from a decision: still pending, left unfilled at the end of the
/// data, or rejected by a risk check.
public struct OrderRecord: Sendable, Equatable {
  /// Step time at which the decision was made (ns since the epoch, UTC).
  public var time: Int64
  /// Instrument index, or the raw index from the decision when it was out of range.
  public var instrument: Int
  /// The decision kind that produced the order.
  public var kind: DecisionKind
  /// Signed quantity (0 when the decision's quantity was invalid).
  public var quantity: Int64
  /// The limit price of a limit order.
  public var limit: Price?
  /// Why the order was rejected, when it was.
  public var denial: RiskDenial?
  /// The order id once it was sent (bars: 1, 2, 3, … in the run), 0 before or when denied.
  public var id: UInt64 = 0
  /// 1-based step of the decision (the row of `equity.csv` that made it).
  public var step: Int = 0

  /// Creates an order record.
  public init(
    time: Int64,
    instrument: Int,
    kind: DecisionKind,
    quantity: Int64,
    limit: Price? = nil,
    denial: RiskDenial? = nil
  ) {
    self.time = time
    self.instrument = instrument
    self.kind = kind
    self.quantity = quantity
    self.limit = limit
    self.denial = denial
  }
}
