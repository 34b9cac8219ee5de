/// A JSON value as a model file holds it (RFC 8259). Numbers keep their text, so that a float32
/// written by XGBoost is read as float32 directly (decimal → float32), never through a double.
public indirect enum ModelJSON: Sendable, Equatable {
  case object([(String, ModelJSON)])
  case array([ModelJSON])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  public static func == (a: ModelJSON, b: ModelJSON) -> Bool {
    switch (a, b) {
    case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case let (.array(x), .array(y)): x == y
    case let (.string(x), .string(y)), let (.number(x), .number(y)): x == y
    case let (.bool(x), .bool(y)): x == y
    case (.null, .null): true
    default: false
    }
  }

  /// `bytes` without a leading UTF-8 byte order mark (an editor's, never a library's).
  public static func droppingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
  }

  /// The member `key` of an object (a repeated member is refused when parsing).
  public subscript(key: String) -> ModelJSON? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// Parses `bytes`; nests at most `ModelJSONParser.maximumDepth` levels.
  public static func parse(_ bytes: [UInt8]) throws(ModelFileError) -> ModelJSON {
    var parser = ModelJSONParser(bytes: bytes)
    return try parser.document()
  }
}

/// A recursive-descent reader over the file's bytes; every error names the line and column.
struct ModelJSONParser {
  static let maximumDepth = 64
  let bytes: [UInt8]
  var at = 0
  var depth = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func document() throws(ModelFileError) -> ModelJSON {
    let value = try self.value()
    skipSpace()
    guard at == bytes.count else { throw error("text after the JSON value") }
    return value
  }

  mutating func value() throws(ModelFileError) -> ModelJSON {
    skipSpace()
    guard at < bytes.count else { throw error("the file ends where a JSON value should be") }
    switch bytes[at] {
    case UInt8(ascii: "{"): return try nested { (p: inout ModelJSONParser) throws(ModelFileError) in try p.object() }
    case UInt8(ascii: "["): return try nested { (p: inout ModelJSONParser) throws(ModelFileError) in try p.array() }
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try word("true"); return .bool(true)
    case UInt8(ascii: "f"): try word("false"); return .bool(false)
    case UInt8(ascii: "n"): try word("null"); return .null
    default: return .number(try number())
    }
  }

  mutating func nested(_ body: (inout ModelJSONParser) throws(ModelFileError) -> ModelJSON) throws(ModelFileError) -> ModelJSON {
    depth += 1
    guard depth <= Self.maximumDepth else { throw error("JSON nested deeper than \(Self.maximumDepth) levels") }
    defer { depth -= 1 }
    return try body(&self)
  }

  mutating func object() throws(ModelFileError) -> ModelJSON {
    at += 1
    var members: [(String, ModelJSON)] = []
    skipSpace()
    if peek(UInt8(ascii: "}")) { at += 1; return .object(members) }
    while true {
      skipSpace()
      guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in quotes") }
      let keyStart = at
      let key = try string()
      // Readers disagree on a repeated member (first or last wins): refuse it.
      guard !members.contains(where: { $0.0 == key }) else { throw error("member \"\(key)\" appears twice in one object", offset: keyStart) }
      skipSpace()
      guard peek(UInt8(ascii: ":")) else { throw error("expected `:` after member \"\(key)\"") }
      at += 1
      members.append((key, try value()))
      skipSpace()
      if peek(UInt8(ascii: ",")) { at += 1; continue }
      guard peek(UInt8(ascii: "}")) else { throw error(at < bytes.count ? "expected `,` or `}` in an object" : "the file ends inside an object") }
      at += 1
      return .object(members)
    }
  }

  mutating func array() throws(ModelFileError) -> ModelJSON {
    at += 1
    var items: [ModelJSON] = []
    skipSpace()
    if peek(UInt8(ascii: "]")) { at += 1; return .array(items) }
    while true {
      items.append(try value())
      skipSpace()
      if peek(UInt8(ascii: ",")) { at += 1; continue }
      guard peek(UInt8(ascii: "]")) else { throw error(at < bytes.count ? "expected `,` or `]` in an array" : "the file ends inside an array") }
      at += 1
      return .array(items)
    }
  }

  mutating func string() throws(ModelFileError) -> String {
    at += 1
    var scalars = String.UnicodeScalarView()
    var run: [UInt8] = []
    while at < bytes.count {
      let b = bytes[at]
      switch b {
      case UInt8(ascii: "\""):
        at += 1
        scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
        return String(scalars)
      case UInt8(ascii: "\\"):
        scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
        run.removeAll(keepingCapacity: true)
        scalars.append(try escape())
      case 0..<0x20: throw error("a control character inside a string")
      default:
        run.append(b)
        at += 1
      }
    }
    throw error("the file ends inside a string")
  }

  mutating func escape() throws(ModelFileError) -> Unicode.Scalar {
    at += 1
    guard at < bytes.count else { throw error("the file ends inside an escape") }
    let c = bytes[at]
    at += 1
    switch c {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{8}"
    case UInt8(ascii: "f"): return "\u{C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      guard at + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else {
        throw error("`\\u` needs four hexadecimal digits")
      }
      at += 4
      // A lone surrogate (feature names never need one) becomes U+FFFD.
      return Unicode.Scalar(code) ?? "\u{FFFD}"
    default: throw error("unknown escape `\\\(Character(Unicode.Scalar(c)))`")
    }
  }

  /// A number as RFC 8259 spells it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func number() throws(ModelFileError) -> String {
    let start = at
    if peek(UInt8(ascii: "-")) { at += 1 }
    guard digits() > 0 else { throw error("expected a JSON value", offset: start) }
    if peek(UInt8(ascii: ".")) {
      at += 1
      guard digits() > 0 else { throw error("expected digits after `.`") }
    }
    if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
      at += 1
      if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { at += 1 }
      guard digits() > 0 else { throw error("expected digits in the exponent") }
    }
    return String(decoding: bytes[start..<at], as: UTF8.self)
  }

  mutating func digits() -> Int {
    let start = at
    while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
    return at - start
  }

  mutating func word(_ text: String) throws(ModelFileError) {
    let w = Array(text.utf8)
    guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else { throw error("expected a JSON value") }
    at += w.count
  }

  func peek(_ b: UInt8) -> Bool { at < bytes.count && bytes[at] == b }

  mutating func skipSpace() {
    while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
  }

  func error(_ message: String, offset: Int? = nil) -> ModelFileError {
    ModelFileError.at(offset ?? at, in: bytes, message)
  }
}
