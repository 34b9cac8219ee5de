/// Where the runtime's orders go: the in-process simulated venue in a backtest or paper trading,
/// a FIX session to a real venue next. Requests are fire-and-forget: what the venue does with
/// them comes back as order updates and fills through the session that owns the gateway.
///
/// The OMS (`OrderRouter`) numbers orders itself (1, 2, 3, … per session, `VenueOrderRequest.id`,
/// FIX's ClOrdID) and journals each request before calling the gateway (`OrderWriteAhead`).
/// `decidedAt` is the step time of the decision that made the request (ns since the epoch, UTC);
/// a gateway adds its own latency and stamps. Called only from the thread that runs the strategy.
package protocol OrderGateway: AnyObject {
  /// Sends a new order under the id it carries (`order.id`); returns that id.
  func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64
  /// The same, given the instrument's price when the strategy decided (its mark: the mid, else
  /// the last trade), which a router measures execution quality against.
  func submit(_ order: VenueOrderRequest, decidedAt: Int64, reference: Int64) -> UInt64
  /// Asks to cancel order `orderID`.
  func cancel(orderID: UInt64, decidedAt: Int64)
  /// Asks to amend order `orderID` to `quantity` units at `price` (raw 1e-8).
  func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64)
  /// The orders the venue holds as not final (pending, open, partially filled), for
  /// reconciliation after a recovery (FIX: OrderMassStatusRequest, next issue). Not on the hot path.
  func openOrders() -> [VenueOrderStatus]
}

/// A venue outside the process (over FIX): requests go out through `OrderGateway`; its reports
/// arrive on another thread and wait until the session's thread drains them into its report,
/// where they are booked exactly as the simulated venue's are.
package protocol RemoteVenue: OrderGateway {
  func drain(into report: inout VenueReport)
  /// What the gateway knows of order `id` (side, price, quantity, when decided and accepted),
  /// for the audit trail; nil for an id it never sent.
  func order(_ id: UInt64) -> VenueOrderStatus?
}

extension OrderGateway {
  package func submit(_ order: VenueOrderRequest, decidedAt: Int64, reference: Int64) -> UInt64 {
    submit(order, decidedAt: decidedAt)
  }
}

extension SimulatedVenue: OrderGateway {
  /// Every order of the venue that is not final: working, or still travelling to it.
  public func openOrders() -> [VenueOrderStatus] { orders.filter { !$0.state.isFinal } }
}
