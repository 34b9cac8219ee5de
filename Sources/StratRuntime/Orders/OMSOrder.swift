import StratMarket

/// Where an order of the OMS stands. Who moves it (Docs/ENGINE.md "Orders"):
///
/// ```
///            OMS: send (journaled, then handed to the gateway)
///                 │
///             pendingNew ──venue: rejected──▶ rejected
///                 │ venue: accepted
///                 ▼
///               open ──venue: fill──▶ partiallyFilled ──venue: fill (rest 0)──▶ filled
///                 │                        │
///                 ├─ venue: cancelled ─────┴──▶ cancelled   (requested, IOC or market rest)
///                 ├─ OMS: session end (day order) ──▶ expired
///                 └─ OMS: reconcile, the venue does not know it ──▶ unknownAtVenue
/// ```
/// A cancel or replace request changes no state: `cancelling` marks an order asked to cancel, and
/// a replace changes its quantity and price when the venue applies it (`replaced`).
package enum OMSOrderState: UInt8, Sendable, CaseIterable {
  case pendingNew
  case open
  case partiallyFilled
  case filled
  case cancelled
  case rejected
  /// A day order still resting when the session ended.
  case expired
  /// The venue reported no such order when the OMS reconciled (after a recovery).
  case unknownAtVenue

  /// The name the control API shows.
  package var name: String {
    switch self {
    case .pendingNew: "pending_new"
    case .open: "open"
    case .partiallyFilled: "partially_filled"
    case .filled: "filled"
    case .cancelled: "cancelled"
    case .rejected: "rejected"
    case .expired: "expired"
    case .unknownAtVenue: "unknown_at_venue"
    }
  }
}

extension OrderRouter {
  /// An order in the OMS's table: sent and not yet final.
  package struct OpenOrder: Sendable, Equatable {
    package var id: UInt64
    package var instrument: Int
    package var side: Side
    package var remaining: Int64
    package var price: Int64?
    /// A cancel was asked for (and not yet answered by the order's end).
    package var cancelling = false
    package var state = OMSOrderState.pendingNew
    /// The gateway it was sent through (0: the session's one venue).
    package var venue = 0

    package init(id: UInt64, instrument: Int, side: Side, remaining: Int64, price: Int64?, venue: Int = 0) {
      self.id = id
      self.instrument = instrument
      self.side = side
      self.remaining = remaining
      self.price = price
      self.venue = venue
    }
  }
}

extension OMSOrderState {
  /// Whether the OMS ended the order itself (the venue never said so).
  package var isEndedByOMS: Bool { self == .expired || self == .unknownAtVenue }
}
