/// The `side` byte of `trades` files: `Side.rawValue` (0 buy, 1 sell), or `unknown`.
public enum TickSide {
  /// The aggressor side is not known.
  public static let unknown: UInt8 = 255
}
