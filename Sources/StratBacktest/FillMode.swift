/// How orders are executed: on bars at the next open or the close, or by the simulated venue on
/// order-book events.
public enum FillMode: String, Sendable, CaseIterable {
  /// At the open of the instrument's next bar (the default: no fill inside the signal's bar).
  case nextOpen = "next-open"
  /// At the close of the signal step's bar (the instrument's last close if it has no bar then).
  case close = "close"
  /// By the simulated venue on order-book events (queue position, latency, partial fills).
  case venue = "venue"

  /// The caveat printed with every result, since bars cannot say how much would really fill.
  public var note: String {
    switch self {
    case .nextOpen:
      return "fills on bars are approximate: next-open assumes the whole order fills at the open"
    case .close:
      return "fills on bars are approximate: close assumes the whole order fills at the close "
        + "of the bar that produced the signal"
    case .venue:
      return "fills from the simulated venue: orders reach it after the order latency, queue "
        + "behind the displayed quantity and fill only from later events; the historical book "
        + "does not react to them (no market impact)"
    }
  }
}
