import StratMarket

/// Whether a fill added liquidity (our resting order was hit) or took it (our arriving order
/// matched the book).
public enum VenueLiquidity: UInt8, Sendable, Hashable {
  /// Our resting order was hit.
  case maker
  /// Our arriving order took displayed liquidity.
  case taker
}

/// One execution of one of our orders.
public struct VenueFill: Sendable, Hashable {
  /// The venue order id.
  public var orderID: UInt64
  /// The instrument index.
  public var instrument: Int
  /// Buy or sell.
  public var side: Side
  /// Execution price, raw 1e-8.
  public var price: Int64
  /// Units filled; positive.
  public var quantity: Int64
  /// Nanoseconds since the epoch: the order's arrival for taker fills, the event's time for maker
  /// fills.
  public var time: Int64
  /// Maker or taker.
  public var liquidity: VenueLiquidity
  /// Fee charged (negative for a rebate).
  public var fee: Money
  /// Units of the order still working after this fill.
  public var remainingQuantity: Int64
  /// The venue's id of this report, unique per venue (FIX's ExecID): the OMS applies a report
  /// once, however often it is delivered. 0: none given (always applied).
  public var executionID: UInt64

  /// Creates a fill record.
  public init(
    orderID: UInt64,
    instrument: Int,
    side: Side,
    price: Int64,
    quantity: Int64,
    time: Int64,
    liquidity: VenueLiquidity,
    fee: Money,
    remainingQuantity: Int64,
    executionID: UInt64 = 0
  ) {
    self.orderID = orderID
    self.instrument = instrument
    self.side = side
    self.price = price
    self.quantity = quantity
    self.time = time
    self.liquidity = liquidity
    self.fee = fee
    self.remainingQuantity = remainingQuantity
    self.executionID = executionID
  }

  /// The signed quantity: positive for a buy, negative for a sell.
  @inlinable
  public var signedQuantity: Int64 { side == .buy ? quantity : -quantity }
}
