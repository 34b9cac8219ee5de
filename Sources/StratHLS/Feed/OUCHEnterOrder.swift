/// NASDAQ OUCH 4.2's Enter Order message: 49 bytes, integers big-endian, alpha fields
/// left-justified and space-padded. The Swift side of the emitted `ouch_enter.h`: the tests'
/// oracle, and a decoder for what the kernel writes.
public struct OUCHEnterOrder: Sendable, Equatable {
  /// One field of the layout: name, offset, length in bytes.
  public struct Field: Sendable, Equatable {
    public let name: String
    public let offset: Int
    public let length: Int
  }

  /// The spec's table (OUCH 4.2, "Enter Order Message"), in wire order.
  public static let layout: [Field] = {
    let widths: [(String, Int)] = [
      ("type", 1), ("order token", 14), ("buy/sell indicator", 1), ("shares", 4), ("stock", 8),
      ("price", 4),
      ("time in force", 4), ("firm", 4), ("display", 1), ("capacity", 1),
      ("intermarket sweep eligibility", 1),
      ("minimum quantity", 4), ("cross type", 1), ("customer type", 1),
    ]
    var offset = 0
    return widths.map { name, length in
      defer { offset += length }
      return Field(name: name, offset: offset, length: length)
    }
  }()

  /// The message length (49).
  public static let length = 49
  /// The type byte, 'O'.
  public static let type: UInt8 = 0x4F

  public var token: String
  /// B (buy), S (sell), T (sell short), E (sell short exempt).
  public var side: UInt8
  public var shares: UInt32
  public var stock: String
  /// In 1/10000 of a dollar.
  public var price: UInt32
  /// Seconds to live; 0 = immediate or cancel (the spec lists its special values).
  public var timeInForce: UInt32
  public var firm: String
  public var display: UInt8
  public var capacity: UInt8
  public var intermarketSweep: UInt8
  public var minimumQuantity: UInt32
  public var crossType: UInt8
  public var customerType: UInt8

  public init(
    token: String,
    side: UInt8,
    shares: UInt32,
    stock: String,
    price: UInt32,
    timeInForce: UInt32 = 0,
    firm: String = "",
    display: UInt8 = 0x59,
    capacity: UInt8 = 0x50,
    intermarketSweep: UInt8 = 0x4E,
    minimumQuantity: UInt32 = 0,
    crossType: UInt8 = 0x4E,
    customerType: UInt8 = 0x4E
  ) {
    (self.token, self.side, self.shares, self.stock, self.price) = (
      token, side, shares, stock, price
    )
    (self.timeInForce, self.firm, self.display, self.capacity) = (
      timeInForce, firm, display, capacity
    )
    (self.intermarketSweep, self.minimumQuantity, self.crossType, self.customerType) =
      (intermarketSweep, minimumQuantity, crossType, customerType)
  }

  /// The token the back end writes for counter `n`: 14 decimal digits, zero-filled (n mod 10^14).
  public static func token(_ n: UInt64) -> String {
    let digits = String(n % 100_000_000_000_000)
    return String(repeating: "0", count: 14 - digits.count) + digits
  }

  /// The 49 bytes. Alpha fields longer than their width are cut.
  public var bytes: [UInt8] {
    var out = [Self.type]
    Self.alpha(token, 14, &out)
    out.append(side)
    Self.big(shares, &out)
    Self.alpha(stock, 8, &out)
    Self.big(price, &out)
    Self.big(timeInForce, &out)
    Self.alpha(firm, 4, &out)
    out += [display, capacity, intermarketSweep]
    Self.big(minimumQuantity, &out)
    out += [crossType, customerType]
    return out
  }

  /// Reads a message; nil unless it is 49 bytes starting with 'O'.
  public init?(bytes: [UInt8]) {
    guard bytes.count == Self.length, bytes[0] == Self.type else { return nil }
    func text(_ at: Int, _ n: Int) -> String {
      String(decoding: bytes[at..<at + n], as: UTF8.self).replacingOccurrences(
        of: " +$",
        with: "",
        options: .regularExpression
      )
    }
    func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
    self.init(
      token: text(1, 14),
      side: bytes[15],
      shares: u32(16),
      stock: text(20, 8),
      price: u32(28),
      timeInForce: u32(32),
      firm: text(36, 4),
      display: bytes[40],
      capacity: bytes[41],
      intermarketSweep: bytes[42],
      minimumQuantity: u32(43),
      crossType: bytes[47],
      customerType: bytes[48]
    )
  }

  static func alpha(_ s: String, _ width: Int, _ out: inout [UInt8]) {
    let b = Array(s.utf8.prefix(width))
    out += b + Array(repeating: 0x20, count: width - b.count)
  }

  static func big(_ v: UInt32, _ out: inout [UInt8]) {
    out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
  }
}
