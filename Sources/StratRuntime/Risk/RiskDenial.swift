import StratMarket

/// Why the runtime refused an order before sending it: a typed, coded event carrying the limit
/// and the attempted value. Denials are counted and recorded; they never stop the run.
public enum RiskDenial: Sendable, Equatable, CustomStringConvertible {
  /// The position after the fill (counting pending orders) would exceed the instrument's limit.
  case maxPosition(limit: Int64, position: Int64)
  /// The order's absolute quantity exceeds the limit.
  case maxOrderQuantity(limit: Int64, quantity: Int64)
  /// |quantity| × the instrument's last close exceeds the limit.
  case maxOrderNotional(limit: Money, notional: Money)
  /// A limit price is further from the last close than `band` (relative).
  case priceBand(band: Rate, price: Price, reference: Price)
  /// `limit` orders were already sent within the last `windowNanos`.
  case orderRate(limit: Int, windowNanos: Int64)
  /// Today's marked-to-market loss exceeded the limit; only orders that reduce the absolute
  /// position are allowed until the next UTC day.
  case maxDailyLoss(limit: Money, loss: Money)
  /// The decision's quantity is not finite or beyond ±1e15 (`Decision.wholeUnits` is nil).
  case invalidQuantity(Double)
  /// A limit price that is not finite or not positive.
  case invalidPrice(Double)
  /// The decision names an instrument index the strategy does not have.
  case unknownInstrument(Int32)
  /// The instrument has had no bar yet, so there is no price to check or fill against.
  case noReferencePrice
  /// An amount for this order would not fit in 64-bit fixed point.
  case overflow
  /// `limit` orders are already open (the engine's global limit).
  case maxOpenOrders(limit: Int, open: Int)
  /// The same order (instrument, side, quantity, price) was sent within `windowNanos`.
  case duplicateOrder(windowNanos: Int64)
  /// The kill switch is on: nothing but cancels goes out until an operator resumes.
  case killSwitch
  /// The instrument's feed is stale (a gap not yet recovered): no new orders until it recovers.
  case staleFeed

  /// The reason codes, for counting; raw values appear in `summary.json`.
  public enum Code: String, Sendable, CaseIterable {
    case maxPosition = "max_position"
    case maxOrderQuantity = "max_order_quantity"
    case maxOrderNotional = "max_order_notional"
    case priceBand = "price_band"
    case orderRate = "order_rate"
    case maxDailyLoss = "max_daily_loss"
    case invalidQuantity = "invalid_quantity"
    case invalidPrice = "invalid_price"
    case unknownInstrument = "unknown_instrument"
    case noReferencePrice = "no_reference_price"
    case overflow = "overflow"
    case maxOpenOrders = "max_open_orders"
    case duplicateOrder = "duplicate_order"
    case killSwitch = "kill_switch"
    case staleFeed = "stale_feed"

    /// The position of the code in `allCases`, for counting in an array.
    package var index: Int { Code.allCases.firstIndex(of: self)! }
  }

  /// The reason code.
  public var code: Code {
    switch self {
    case .maxPosition: return .maxPosition
    case .maxOrderQuantity: return .maxOrderQuantity
    case .maxOrderNotional: return .maxOrderNotional
    case .priceBand: return .priceBand
    case .orderRate: return .orderRate
    case .maxDailyLoss: return .maxDailyLoss
    case .invalidQuantity: return .invalidQuantity
    case .invalidPrice: return .invalidPrice
    case .unknownInstrument: return .unknownInstrument
    case .noReferencePrice: return .noReferencePrice
    case .overflow: return .overflow
    case .maxOpenOrders: return .maxOpenOrders
    case .duplicateOrder: return .duplicateOrder
    case .killSwitch: return .killSwitch
    case .staleFeed: return .staleFeed
    }
  }

  /// A sentence with the limit and the attempted value.
  public var description: String {
    switch self {
    case .maxPosition(let limit, let position):
      return "position \(position) would exceed the limit of \(limit)"
    case .maxOrderQuantity(let limit, let quantity):
      return "order quantity \(quantity) exceeds the limit of \(limit)"
    case .maxOrderNotional(let limit, let notional):
      return "order notional \(notional) exceeds the limit of \(limit)"
    case .priceBand(let band, let price, let reference):
      return "limit price \(price) is outside \(band) of the last close \(reference)"
    case .orderRate(let limit, let window):
      return "\(limit) orders were already sent within \(window) ns"
    case .maxDailyLoss(let limit, let loss):
      return "today's loss \(loss) exceeds the limit of \(limit); only reducing orders are allowed"
    case .invalidQuantity(let quantity): return "quantity \(quantity) is not a whole-unit number"
    case .invalidPrice(let price): return "limit price \(price) is not a positive number"
    case .unknownInstrument(let index): return "instrument index \(index) does not exist"
    case .noReferencePrice: return "the instrument has no bar yet"
    case .overflow: return "an amount would overflow 64-bit fixed point"
    case .maxOpenOrders(let limit, let open): return "\(open) orders are open, the limit is \(limit)"
    case .duplicateOrder(let window): return "the same order was sent within \(window) ns"
    case .killSwitch: return "the kill switch is on; an operator must resume trading"
    case .staleFeed: return "the instrument's feed is stale (a gap is not recovered)"
    }
  }
}
