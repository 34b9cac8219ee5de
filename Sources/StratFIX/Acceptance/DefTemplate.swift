/// The message of an `I` or `E` line, with its time placeholders, turned into bytes the way
/// QuickFIX's runner (test/Reflector.rb, `timeify!` and `fixify!`) does:
///
/// - `<TIME>` is the current UTC time as `YYYYMMDD-HH:MM:SS`; `<TIME+n>` / `<TIME-n>` is n
///   seconds later / earlier.
/// - After `8=…␁`, a `9=` is inserted when the line has none: the count of the bytes that
///   follow up to the checksum.
/// - `10=NNN␁` (the byte sum mod 256) is appended when the line has none. A line's own `10=`
///   (from its first `␁10=` to the end) is kept as written, so scripts can send wrong ones.
///   As in QuickFIX, the ␁ before a kept `10=` is not counted in an inserted `9=`.
/// - A line that does not start with `8=` is sent as written.
public struct DefTemplate: Sendable, Equatable {
  /// A run of literal text or a time placeholder.
  public enum Piece: Sendable, Equatable {
    case text(String)
    /// `<TIME>` (offset 0), `<TIME+n>`, `<TIME-n>`, in seconds.
    case time(offset: Int)
  }

  /// Why a line's placeholders cannot be read.
  public struct Problem: Error {
    public var message: String
  }

  public var pieces: [Piece]

  /// Reads the placeholders of `line` (the text after the line's kind and connection).
  public init(parsing line: Substring) throws(Problem) {
    pieces = []
    var rest = line
    while let open = rest.range(of: "<TIME") ?? rest.range(of: "<FILE:") {
      if open.lowerBound > rest.startIndex {
        pieces.append(.text(String(rest[..<open.lowerBound])))
      }
      guard rest[open].hasPrefix("<TIME") else {
        throw Problem(
          message:
            "expected only <TIME>, <TIME+n> or <TIME-n> placeholders; found <FILE:…>, which this runner does not read"
        )
      }
      guard let close = rest[open.upperBound...].firstIndex(of: ">") else {
        throw Problem(message: "expected \">\" to close a <TIME placeholder")
      }
      let inside = rest[open.upperBound..<close]
      guard let offset = DefTemplate.offset(inside) else {
        throw Problem(
          message:
            "expected <TIME>, <TIME+n> or <TIME-n> with n a whole number of seconds; found <TIME\(inside)>"
        )
      }
      pieces.append(.time(offset: offset))
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { pieces.append(.text(String(rest))) }
  }

  private static func offset(_ inside: Substring) -> Int? {
    if inside.isEmpty { return 0 }
    guard let sign = inside.first, sign == "+" || sign == "-", inside.count > 1, inside.count < 10,
      let value = Int(inside.dropFirst()), inside.dropFirst().allSatisfy(\.isASCII)
    else { return nil }
    return sign == "+" ? value : -value
  }

  /// The text with placeholders filled in for `now` (ns since the Unix epoch, UTC).
  public func expanded(now: Int64) -> [UInt8] {
    var bytes: [UInt8] = []
    for piece in pieces {
      switch piece {
      case .text(let text): bytes += Array(text.utf8)
      case .time(let offset):
        bytes += FIXTime.timestamp(now + Int64(offset) * 1_000_000_000).utf8.prefix(17)
      }
    }
    return bytes
  }

  /// The message to send or compare: expanded, with 9 and 10 filled in as QuickFIX's runner does.
  public func message(now: Int64) -> [UInt8] { DefTemplate.completed(expanded(now: now)) }

  /// Adds BodyLength (9) and CheckSum (10) where `text` lacks them.
  public static func completed(_ text: [UInt8]) -> [UInt8] {
    let soh: UInt8 = 0x01
    guard text.starts(with: Array("8=".utf8)), let headEnd = text.firstIndex(of: soh) else {
      return text
    }
    let head = text[...headEnd]
    var body = text[(headEnd + 1)...]
    var checksum: ArraySlice<UInt8>? = nil
    if text.last == soh,
      let marker = firstRange(of: [soh] + Array("10=".utf8), in: text, from: headEnd)
    {
      checksum = text[marker...]
      body = text[(headEnd + 1)..<marker]
    }
    var length: [UInt8] = []
    if firstRange(of: [soh] + Array("9=".utf8), in: text, from: 0) == nil {
      length = Array("9=\(body.count)".utf8) + [soh]
    }
    var out = Array(head) + length + Array(body)
    if let checksum {
      out += checksum
    } else {
      let sum = out.reduce(0) { ($0 + Int($1)) & 0xFF }
      out += Array("10=".utf8) + Array(String(sum).leftPadded(to: 3).utf8) + [soh]
    }
    return out
  }

  private static func firstRange(of pattern: [UInt8], in text: [UInt8], from start: Int) -> Int? {
    guard text.count >= pattern.count else { return nil }
    var index = start
    while index <= text.count - pattern.count {
      if text[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
      index += 1
    }
    return nil
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
