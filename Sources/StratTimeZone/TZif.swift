import StratDiagnostics

/// The contents of a TZif file (RFC 8536, versions 1 to 4) that time conversion needs.
///
/// ```
/// header   "TZif" version(1) unused(15) isutcnt isstdcnt leapcnt timecnt typecnt charcnt (u32 BE)
/// data     times[timecnt] (i32, or i64 in the v2+ block) types[timecnt] (u8)
///          ttinfo[typecnt] (i32 utoff, u8 isdst, u8 desigidx) chars[charcnt]
///          leap[leapcnt] isstd[isstdcnt] isut[isutcnt]
/// v2+      a second header and data block with 64-bit times, then "\n" footer "\n"
/// ```
/// Every read is bounds-checked: a short or inconsistent file is an error with its byte offset.
public struct TZif: Sendable, Equatable {
  /// One local time type: its offset east of UTC in seconds, and whether it is daylight time.
  public struct LocalTimeType: Sendable, Equatable {
    public var utcOffset: Int64
    public var isDST: Bool
  }

  /// UTC seconds since 1970 of each transition, ascending.
  public var transitions: [Int64]
  /// The local time type index that starts at each transition.
  public var transitionTypes: [Int]
  /// The local time types; type 0 applies before the first transition.
  public var types: [LocalTimeType]
  /// The POSIX TZ string for times after the last transition (v2+), or nil.
  public var footer: String?

  /// Offsets beyond ±26 hours are not local time (RFC 8536 §3.2 bounds utoff to −89999…93599).
  static let offsetLimit: Int64 = 93_599

  /// Parses a TZif file; `path` only names it in errors.
  public init(bytes: [UInt8], path: String) throws(Diagnostic) {
    var reader = TZifReader(bytes: bytes, path: path)
    let first = try reader.header()
    guard first.version >= 2 else {
      self = try reader.block(first, timeSize: 4)
      return
    }
    try reader.skip(first.dataSize(timeSize: 4), what: "the version 1 data block")
    let second = try reader.header()
    self = try reader.block(second, timeSize: 8)
    footer = try reader.footer()
  }
}

/// A cursor over TZif bytes that reports where a file stops making sense.
struct TZifReader {
  struct Header {
    var version: Int
    var isUTCCount, isStdCount, leapCount, timeCount, typeCount, charCount: Int

    func dataSize(timeSize: Int) -> Int {
      timeCount * (timeSize + 1) + typeCount * 6 + charCount + leapCount * (timeSize + 4)
        + isStdCount + isUTCCount
    }
  }

  let bytes: [UInt8]
  let path: String
  var offset = 0

  init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
  }

  func error(_ message: String, at position: Int? = nil) -> Diagnostic {
    ZoneDiagnostics.badZoneFile(path: path, byteOffset: position ?? offset, message)
  }

  mutating func skip(_ count: Int, what: String) throws(Diagnostic) {
    guard count >= 0, count <= bytes.count - offset else {
      throw error("the file ends inside \(what) (\(count) bytes needed, \(bytes.count - offset) left)")
    }
    offset += count
  }

  mutating func uint(_ size: Int, what: String) throws(Diagnostic) -> UInt64 {
    let start = offset
    try skip(size, what: what)
    var value: UInt64 = 0
    for i in start..<(start + size) { value = value << 8 | UInt64(bytes[i]) }
    return value
  }

  mutating func int(_ size: Int, what: String) throws(Diagnostic) -> Int64 {
    let raw = try uint(size, what: what)
    return size == 8 ? Int64(bitPattern: raw) : Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: raw)))
  }

  // header := "TZif" version unused[15] six u32 counts
  mutating func header() throws(Diagnostic) -> Header {
    let start = offset
    guard bytes.count - offset >= 44, Array(bytes[offset..<(offset + 4)]) == Array("TZif".utf8) else {
      throw error("expected a TZif header (\"TZif\" and 40 more bytes)")
    }
    let versionByte = bytes[offset + 4]
    let version: Int
    switch versionByte {
    case 0: version = 1
    case UInt8(ascii: "2")...UInt8(ascii: "4"): version = Int(versionByte - UInt8(ascii: "0"))
    default: throw error("unknown TZif version byte \(versionByte) (expected 0, '2', '3' or '4')", at: start + 4)
    }
    offset += 20
    var counts: [Int] = []
    for _ in 0..<6 {
      let count = try uint(4, what: "the header")
      guard count <= 1 << 20 else { throw error("a count of \(count) is beyond any real zone", at: offset - 4) }
      counts.append(Int(count))
    }
    let header = Header(
      version: version, isUTCCount: counts[0], isStdCount: counts[1], leapCount: counts[2],
      timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
    try check(header, at: start)
    return header
  }

  func check(_ h: Header, at start: Int) throws(Diagnostic) {
    guard h.typeCount >= 1, h.charCount >= 1 else {
      throw error("a zone needs at least one local time type and one designation byte", at: start)
    }
    guard h.isStdCount == 0 || h.isStdCount == h.typeCount, h.isUTCCount == 0 || h.isUTCCount == h.typeCount else {
      throw error("the standard/UT indicator counts must be 0 or the type count (\(h.typeCount))", at: start)
    }
    guard h.leapCount == 0 else {
      throw error("leap-second zone files (\"right/…\") are not supported; use the zone without leap seconds", at: start)
    }
  }

  // block := times[timecnt] types[timecnt] ttinfo[typecnt] chars[charcnt] isstd isut
  mutating func block(_ h: Header, timeSize: Int) throws(Diagnostic) -> TZif {
    var times: [Int64] = []
    for i in 0..<h.timeCount {
      let time = try int(timeSize, what: "the transition times")
      guard abs(time) <= 1 << 59 else { throw error("a transition time beyond ±2^59 s", at: offset - timeSize) }
      guard i == 0 || time > times[i - 1] else { throw error("transition times must ascend", at: offset - timeSize) }
      times.append(time)
    }
    var indices: [Int] = []
    for _ in 0..<h.timeCount {
      let index = Int(try uint(1, what: "the transition types"))
      guard index < h.typeCount else {
        throw error("transition type \(index) is not one of the \(h.typeCount) types", at: offset - 1)
      }
      indices.append(index)
    }
    var types: [TZif.LocalTimeType] = []
    for _ in 0..<h.typeCount {
      let utcOffset = try int(4, what: "the local time types")
      let isDST = try uint(1, what: "the local time types")
      let designation = try uint(1, what: "the local time types")
      guard abs(utcOffset) <= TZif.offsetLimit, isDST <= 1, designation < h.charCount else {
        throw error("a local time type needs |offset| ≤ 26 h, isdst 0 or 1 and a designation inside the table", at: offset - 6)
      }
      types.append(.init(utcOffset: utcOffset, isDST: isDST == 1))
    }
    try skip(h.charCount + h.isStdCount + h.isUTCCount, what: "the designations and indicators")
    return TZif(transitions: times, transitionTypes: indices, types: types, footer: nil)
  }

  // footer := "\n" TZ-string "\n"
  mutating func footer() throws(Diagnostic) -> String? {
    guard offset < bytes.count, bytes[offset] == 0x0A else { throw error("expected the footer's opening newline") }
    guard let end = bytes[(offset + 1)...].firstIndex(of: 0x0A) else {
      throw error("the footer has no closing newline")
    }
    let text = bytes[(offset + 1)..<end]
    guard text.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { throw error("the footer is not printable ASCII") }
    offset = end + 1
    return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
  }
}

extension TZif {
  /// Builds the parsed contents directly (tests and the reader).
  init(transitions: [Int64], transitionTypes: [Int], types: [LocalTimeType], footer: String?) {
    self.transitions = transitions
    self.transitionTypes = transitionTypes
    self.types = types
    self.footer = footer
  }
}
