/// Compares a received message with an `E` line as QuickFIX's runner does (test/Comparator.rb
/// with the patterns of test/definitions/fields.fmt): the same number of fields, the same tags
/// in the same order, and each value equal, except the fields below, whose received value need
/// only contain the pattern (the patterns are not anchored there either):
///
///   10 CheckSum, 3 digits; 52 SendingTime, 42 OrigTime, 60 TransactTime,
///   122 OrigSendingTime: YYYYMMDD-HH:MM:SS (so milliseconds are allowed after it)
///
/// BodyLength (9) is compared exactly, so an acceptor's message must have the scripted length.
public enum DefComparator {
  /// `#` is a digit; other characters stand for themselves.
  static let patterns: [Substring: String] = [
    "10": "###",
    "42": "########-##:##:##",
    "52": "########-##:##:##",
    "60": "########-##:##:##",
    "122": "########-##:##:##",
  ]

  /// Why `received` differs from `expected`, or nil when it matches.
  public static func difference(expected: [UInt8], received: [UInt8]) -> String? {
    let left = fields(expected)
    let right = fields(received)
    guard left.count == right.count else {
      return "expected \(left.count) fields, found \(right.count)"
    }
    for (want, have) in zip(left, right) {
      guard want.tag == have.tag else {
        return "expected field \(want.tag), found field \(have.tag)"
      }
      if let pattern = patterns[want.tag] {
        guard contains(pattern, in: have.value) else {
          return "field \(want.tag) (\"\(have.value)\") does not have the form \(pattern)"
        }
      } else if want.value != have.value {
        return "expected \(want.tag)=\(want.value), found \(have.tag)=\(have.value)"
      }
    }
    return nil
  }

  /// The fields between ␁s, each split at its first `=` (Ruby's split drops empty trailing ones).
  static func fields(_ bytes: [UInt8]) -> [(tag: Substring, value: Substring)] {
    var pieces = String(decoding: bytes, as: UTF8.self).split(
      separator: "\u{1}",
      omittingEmptySubsequences: false
    )
    while pieces.last?.isEmpty == true { pieces.removeLast() }
    return pieces.map { field in
      guard let equals = field.firstIndex(of: "=") else { return (field, "") }
      return (field[..<equals], field[field.index(after: equals)...])
    }
  }

  static func contains(_ pattern: String, in value: Substring) -> Bool {
    let shape = Array(pattern.utf8)
    let text = Array(value.utf8)
    guard text.count >= shape.count else { return false }
    return (0...(text.count - shape.count)).contains { start in
      shape.indices.allSatisfy { index in
        let byte = text[start + index]
        return shape[index] == UInt8(ascii: "#")
          ? (0x30...0x39).contains(byte) : byte == shape[index]
      }
    }
  }

  /// The message as one line, with `|` for ␁.
  public static func rendered(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.map { $0 == 0x01 ? UInt8(ascii: "|") : $0 }, as: UTF8.self)
  }
}
