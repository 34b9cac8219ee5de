/// One field of a parsed message: its tag and where its value lies in the message's bytes.
public struct FIXField: Sendable, Equatable {
  /// The tag as written; 0 or negative when the sender wrote such a tag (a Reject, not garbage).
  public var tag: Int
  public var valueStart: Int
  public var valueCount: Int
}

/// A received message read in place: the fields index the bytes of the receive buffer, nothing
/// is copied. Valid only while those bytes are; the session handles a view before it reads
/// more. `FIXMessageView.parse` checks the framing rules that make a message garbled
/// (BeginString, BodyLength, MsgType first, exact BodyLength, CheckSum); everything else is the
/// validator's (`FIXValidator`), because it becomes a Reject instead.
public struct FIXMessageView {
  public let bytes: UnsafeRawBufferPointer
  public let fields: UnsafeBufferPointer<FIXField>

  /// The value of the first field with `tag`.
  public func value(_ tag: Int) -> UnsafeRawBufferPointer? {
    for field in fields where field.tag == tag { return slice(field) }
    return nil
  }

  public func slice(_ field: FIXField) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[field.valueStart..<field.valueStart + field.valueCount])
  }

  public func string(_ tag: Int) -> String? { value(tag).map { String(decoding: $0, as: UTF8.self) } }

  /// An unsigned decimal value (a MsgSeqNum, a count), or nil when absent or not a number.
  public func int(_ tag: Int) -> Int? {
    guard let value = value(tag), !value.isEmpty, value.count <= 18 else { return nil }
    var result = 0
    for byte in value {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      result = result * 10 + Int(byte - 0x30)
    }
    return result
  }

  public func has(_ tag: Int) -> Bool { fields.contains { $0.tag == tag } }

  /// Whether the value of `tag` is exactly `text`.
  public func value(_ tag: Int, is text: StaticString) -> Bool {
    guard let value = value(tag), value.count == text.utf8CodeUnitCount else { return false }
    return memcmp(value.baseAddress!, text.utf8Start, value.count) == 0
  }

  public var msgType: String { string(35) ?? "" }
  public var beginString: String { string(8) ?? "" }
  public var msgSeqNum: Int? { int(34) }
  public var isPossDup: Bool { value(43, is: "Y") }

  /// The message with SOH shown as `|`, for logs.
  public var text: String { String(decoding: bytes.map { $0 == 1 ? UInt8(ascii: "|") : $0 }, as: UTF8.self) }
}

import Glibc

/// The preallocated field index a connection parses every message into.
public final class FIXFieldTable {
  public let capacity: Int
  private let storage: UnsafeMutablePointer<FIXField>
  private var count = 0

  public init(capacity: Int = 2048) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// Splits `message` (one frame from `FIXFramer`) into fields and checks the garbling rules.
  /// `dataFields` maps a LENGTH tag to the data field it announces, whose value may hold SOH.
  public func parse(_ message: UnsafeRawBufferPointer, dataFields: FIXDataFields = .none) -> Result<FIXMessageView, FIXGarble> {
    count = 0
    var at = 0
    var pendingData: (tag: Int, length: Int)?
    while at < message.count {
      guard count < capacity else { return .failure(.tooManyFields) }
      guard let field = readField(message, at: &at, data: pendingData) else { return .failure(.notTagValue) }
      pendingData = nil
      if let dataTag = dataFields.dataTag(announcedBy: field.tag), let length = Int(ascii: message, field) { pendingData = (dataTag, length) }
      storage[count] = field
      count += 1
    }
    let view = FIXMessageView(bytes: message, fields: UnsafeBufferPointer(start: storage, count: count))
    if let garble = checkFraming(view) { return .failure(garble) }
    return .success(view)
  }

  /// Reads `tag=value␁` at `at`; a data field announced by its length field is read by length.
  private func readField(_ message: UnsafeRawBufferPointer, at: inout Int, data: (tag: Int, length: Int)?) -> FIXField? {
    var tag = 0
    var negative = false
    var index = at
    if index < message.count, message[index] == UInt8(ascii: "-") { negative = true; index += 1 }
    let digitsStart = index
    while index < message.count, message[index] != UInt8(ascii: "=") {
      let digit = Int(message[index]) - 0x30
      guard (0...9).contains(digit), index - digitsStart < 9 else { return nil }
      tag = tag * 10 + digit
      index += 1
    }
    guard index < message.count, index > digitsStart else { return nil }
    if negative { tag = -tag }
    let valueStart = index + 1
    var valueEnd = valueStart
    if let data, data.tag == tag {
      valueEnd = valueStart + data.length
      guard valueEnd < message.count, message[valueEnd] == 1 else { return nil }
    } else {
      while valueEnd < message.count, message[valueEnd] != 1 { valueEnd += 1 }
      guard valueEnd < message.count else { return nil }
    }
    at = valueEnd + 1
    return FIXField(tag: tag, valueStart: valueStart, valueCount: valueEnd - valueStart)
  }

  /// 8, 9 and 35 first, 10 last with three digits; exact BodyLength and CheckSum.
  private func checkFraming(_ view: FIXMessageView) -> FIXGarble? {
    let fields = view.fields
    guard fields.count >= 4, fields[0].tag == 8, fields[1].tag == 9 else { return .noBodyLength }
    guard fields[2].tag == 35 else { return .msgTypeNotThird }
    let trailer = fields[fields.count - 1]
    guard trailer.tag == 10, trailer.valueCount == 3, let sum = Int(ascii: view.bytes, trailer) else {
      return .badCheckSumField
    }
    let bodyStart = fields[1].valueStart + fields[1].valueCount + 1
    let checksumStart = trailer.valueStart - 3
    guard Int(ascii: view.bytes, fields[1]) == checksumStart - bodyStart else { return .wrongBodyLength }
    guard FIXChecksum.of(UnsafeRawBufferPointer(rebasing: view.bytes[0..<checksumStart])) == sum else {
      return .wrongChecksum
    }
    return nil
  }
}

extension Int {
  /// An unsigned decimal field value.
  init?(ascii message: UnsafeRawBufferPointer, _ field: FIXField) {
    guard field.valueCount > 0, field.valueCount <= 18 else { return nil }
    var value = 0
    for index in field.valueStart..<field.valueStart + field.valueCount {
      let digit = Int(message[index]) - 0x30
      guard (0...9).contains(digit) else { return nil }
      value = value * 10 + digit
    }
    self = value
  }
}

/// The FIX checksum: the sum of every byte before `10=`, modulo 256.
public enum FIXChecksum {
  public static func of(_ bytes: UnsafeRawBufferPointer) -> Int {
    var sum: UInt32 = 0
    for byte in bytes { sum &+= UInt32(byte) }
    return Int(sum & 0xFF)
  }
}
