/// When an order made at one step is executed, in bar mode.
public enum FillMode: String, Sendable, CaseIterable {
  /// At the open of the instrument's next bar (the default: no fill inside the signal's bar).
  case nextOpen = "next-open"
  /// At the close of the signal step's bar (the instrument's last close if it has no bar then).
  case close = "close"

  /// The caveat printed with every result, since bars cannot say how much would really fill.
  public var note: String {
    switch self {
    case .nextOpen:
      return "fills on bars are approximate: next-open assumes the whole order fills at the open"
    case .close:
      return "fills on bars are approximate: close assumes the whole order fills at the close "
        + "of the bar that produced the signal"
    }
  }
}
