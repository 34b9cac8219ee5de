import Glibc

/// Writes one FIX message at a time into a buffer allocated once. The body is written after a
/// gap; `finish` then writes `8=…␁9=LEN␁` right-aligned into the gap and appends `10=NNN␁`, so
/// no byte is moved and nothing is allocated:
///
///   [ gap ........ 8=FIX.4.4␁9=123␁ ][ 35=D␁34=7␁ … body … ][ 10=042␁ ]
///                  └ message start   └ bodyStart
///
/// Appending past the capacity sets `overflowed` and writes nothing more; `finish` then fails.
public final class FIXEncoder {
  public let capacity: Int
  private let base: UnsafeMutableRawPointer
  private let bodyStart = 40
  private var position = 40
  private var beginString: [UInt8] = []
  public private(set) var overflowed = false

  public init(capacity: Int = 65_536) {
    self.capacity = capacity
    base = .allocate(byteCount: capacity, alignment: 8)
  }

  deinit { base.deallocate() }

  /// Starts a message: BeginString (held for `finish`) and MsgType, the third field.
  public func start(beginString: String, msgType: String) {
    self.beginString = Array(beginString.utf8)
    position = bodyStart
    overflowed = false
    append(35, msgType)
  }

  public func append(_ tag: Int, _ value: String) {
    var value = value
    value.withUTF8 { append(tag, bytes: UnsafeRawBufferPointer($0)) }
  }

  public func append(_ tag: Int, bytes value: UnsafeRawBufferPointer) {
    guard writeTag(tag), reserve(value.count + 1) else { return }
    if value.count > 0 { memcpy(base + position, value.baseAddress!, value.count) }
    position += value.count
    put(1)
  }

  /// Bytes that are already whole fields (`tag=value␁…`), such as a stored message's body.
  public func appendRaw(_ fields: UnsafeRawBufferPointer) {
    guard reserve(fields.count) else { return }
    if fields.count > 0 { memcpy(base + position, fields.baseAddress!, fields.count) }
    position += fields.count
  }

  public func append(_ tag: Int, _ value: Int) {
    guard writeTag(tag) else { return }
    writeInt(value)
    guard reserve(1) else { return }
    put(1)
  }

  public func append(_ tag: Int, character value: UInt8) {
    guard writeTag(tag), reserve(2) else { return }
    put(value)
    put(1)
  }

  /// A fixed-point decimal: `raw` units of 10^-`decimals`, written without trailing zeros
  /// (`12345, 2` → `123.45`; `100, 2` → `1`).
  public func append(_ tag: Int, fixed raw: Int64, decimals: Int) {
    guard writeTag(tag) else { return }
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let magnitude = raw.magnitude
    if raw < 0 { guard reserve(1) else { return }; put(UInt8(ascii: "-")) }
    writeInt(Int(magnitude / UInt64(scale)))
    var fraction = magnitude % UInt64(scale)
    if fraction != 0 {
      var digits = decimals
      while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
      guard reserve(digits + 1) else { return }
      put(UInt8(ascii: "."))
      for offset in stride(from: digits - 1, through: 0, by: -1) {
        (base + position + offset).storeBytes(of: UInt8(0x30 + fraction % 10), as: UInt8.self)
        fraction /= 10
      }
      position += digits
    }
    guard reserve(1) else { return }
    put(1)
  }

  /// A UTCTimestamp with milliseconds.
  public func append(_ tag: Int, timestamp nanos: Int64) {
    guard writeTag(tag), reserve(22) else { return }
    position += FIXTime.writeTimestamp(nanos, to: base + position)
    put(1)
  }

  /// Finishes the message: the framed bytes, valid until the next `start`.
  public func finish() throws(FIXError) -> UnsafeRawBufferPointer {
    guard !overflowed, reserve(7) else {
      throw FIXError(id: "fix.encode.too-long", message: "the message does not fit in \(capacity) bytes")
    }
    let bodyLength = position - bodyStart
    // 8=BEGIN␁9=LEN␁ written backwards from bodyStart.
    var at = bodyStart
    func back(_ byte: UInt8) { at -= 1; (base + at).storeBytes(of: byte, as: UInt8.self) }
    back(1)
    var length = bodyLength
    repeat { back(UInt8(0x30 + length % 10)); length /= 10 } while length > 0
    back(UInt8(ascii: "=")); back(UInt8(ascii: "9")); back(1)
    guard at - beginString.count - 2 >= 0 else {
      throw FIXError(id: "fix.encode.begin-string", message: "BeginString is too long")
    }
    for byte in beginString.reversed() { back(byte) }
    back(UInt8(ascii: "=")); back(UInt8(ascii: "8"))
    let sum = FIXChecksum.of(UnsafeRawBufferPointer(start: base + at, count: position - at))
    put(UInt8(ascii: "1")); put(UInt8(ascii: "0")); put(UInt8(ascii: "="))
    put(UInt8(0x30 + sum / 100)); put(UInt8(0x30 + sum / 10 % 10)); put(UInt8(0x30 + sum % 10)); put(1)
    return UnsafeRawBufferPointer(start: base + at, count: position - at)
  }

  private func writeTag(_ tag: Int) -> Bool {
    writeInt(tag)
    guard reserve(1) else { return false }
    put(UInt8(ascii: "="))
    return !overflowed
  }

  private func writeInt(_ value: Int) {
    guard reserve(21) else { return }
    if value < 0 { put(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits = 1
    var probe = magnitude
    while probe >= 10 { probe /= 10; digits += 1 }
    for offset in stride(from: digits - 1, through: 0, by: -1) {
      (base + position + offset).storeBytes(of: UInt8(0x30 + magnitude % 10), as: UInt8.self)
      magnitude /= 10
    }
    position += digits
  }

  private func reserve(_ count: Int) -> Bool {
    if overflowed || position + count > capacity { overflowed = true; return false }
    return true
  }

  private func put(_ byte: UInt8) {
    (base + position).storeBytes(of: byte, as: UInt8.self)
    position += 1
  }
}
