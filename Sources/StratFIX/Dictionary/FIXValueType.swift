/// The data type of a FIX field, as a data dictionary names it, and the check of a value's
/// format that the type implies (FIX 4.4 Volume 1, "Data Types"). Unknown type names read as
/// `string`: a dictionary may carry types a version added later.
public enum FIXValueType: Sendable, Equatable {
  case string, char, boolean, int, length, numInGroup, seqNum, dayOfMonth, float, data
  case utcTimestamp, utcTimeOnly, utcDate, localMarketDate, monthYear, multipleValueString

  init(dictionaryName name: String) {
    switch name {
    case "CHAR": self = .char
    case "BOOLEAN": self = .boolean
    case "INT": self = .int
    case "LENGTH": self = .length
    case "NUMINGROUP": self = .numInGroup
    case "SEQNUM": self = .seqNum
    case "DAYOFMONTH": self = .dayOfMonth
    case "FLOAT", "QTY", "PRICE", "PRICEOFFSET", "AMT", "PERCENTAGE": self = .float
    case "DATA": self = .data
    case "UTCTIMESTAMP", "TIME": self = .utcTimestamp
    case "UTCTIMEONLY": self = .utcTimeOnly
    case "UTCDATE", "UTCDATEONLY", "DATE": self = .utcDate
    case "LOCALMKTDATE": self = .localMarketDate
    case "MONTHYEAR": self = .monthYear
    case "MULTIPLEVALUESTRING", "MULTIPLESTRINGVALUE", "MULTIPLECHARVALUE": self = .multipleValueString
    default: self = .string
    }
  }

  /// Whether `value` (non-empty, no SOH) is well formed for the type.
  public func accepts(_ value: UnsafeRawBufferPointer) -> Bool {
    let text = FIXText(value)
    switch self {
    case .string, .data, .multipleValueString: return true
    case .char: return value.count == 1
    case .boolean: return value.count == 1 && (value[0] == UInt8(ascii: "Y") || value[0] == UInt8(ascii: "N"))
    case .int: return text.isInteger(signed: true)
    case .length, .numInGroup, .seqNum: return text.isInteger(signed: false)
    case .dayOfMonth: return text.isInteger(signed: false) && value.count <= 2
    case .float: return text.isDecimal
    case .utcTimestamp: return FIXTime.isTimestamp(value)
    case .utcTimeOnly: return FIXTime.parseTimeOfDay(value) != nil
    case .utcDate, .localMarketDate: return FIXTime.isDate(value)
    case .monthYear: return text.isMonthYear
    }
  }
}

/// Byte-level checks on a field's value.
struct FIXText {
  let bytes: UnsafeRawBufferPointer
  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  func isInteger(signed: Bool) -> Bool {
    var start = 0
    if signed, bytes.first == UInt8(ascii: "-") { start = 1 }
    guard bytes.count > start, bytes.count - start <= 18 else { return false }
    return bytes[start...].allSatisfy(isDigit)
  }

  /// Digits with at most one '.', an optional leading '-'; no exponent, no '+' (Volume 1 §Float).
  var isDecimal: Bool {
    var start = 0
    if bytes.first == UInt8(ascii: "-") { start = 1 }
    var digits = 0
    var points = 0
    for byte in bytes[start...] {
      if isDigit(byte) { digits += 1 } else if byte == UInt8(ascii: ".") { points += 1 } else { return false }
    }
    return digits > 0 && points <= 1
  }

  /// YYYYMM, YYYYMMDD or YYYYMMwN.
  var isMonthYear: Bool {
    guard bytes.count == 6 || bytes.count == 8, bytes[0..<6].allSatisfy(isDigit) else { return false }
    let month = Int(bytes[4] - 0x30) * 10 + Int(bytes[5] - 0x30)
    guard (1...12).contains(month) else { return false }
    if bytes.count == 6 { return true }
    if bytes[6] == UInt8(ascii: "w") { return (0x31...0x35).contains(bytes[7]) }
    return isDigit(bytes[6]) && isDigit(bytes[7])
  }
}
