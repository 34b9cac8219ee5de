import StratMarket

extension MoldUDP64Delivery {
  /// For a `.message` that changes a book: writes its `OrderEvent` into `event` (read in place
  /// from the wire, no allocation) and returns true. False for other deliveries and for messages
  /// that change no book (directory, Reg SHO, NOII, …).
  public func orderEvent(sessionMidnightNanos: Int64, into event: inout OrderEvent) -> Bool {
    guard case .message(_, let bytes) = self, let base = bytes.baseAddress else { return false }
    return ITCHWire(base).orderEvent(sessionMidnightNanos: sessionMidnightNanos, into: &event)
  }
}
