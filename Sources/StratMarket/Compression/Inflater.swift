import Foundation
import StratDiagnostics

/// A resumable DEFLATE (RFC 1951) decoder writing into a fixed sliding window, so memory does not
/// depend on the size of the data. `run` decodes until the window's free space is used up or
/// the final block ends; the owner reads the output, then calls `slide` to make room.
///
/// Window layout: `[0, outPosition)` is output so far; the owner keeps at least the last 32 KB
/// (the largest DEFLATE distance) when sliding.
struct Inflater {
  enum Phase { case blockHeader, stored, huffman, finished }

  static let history = 32_768
  static let chunk = 1 << 18
  static let literalRootBits = 10
  static let distanceRootBits = 8

  var input: BitInput
  let window: UnsafeMutablePointer<UInt8>
  /// Decoding stops before a symbol when `outPosition` reaches this: room for one longest match
  /// (258) plus the 8-byte overshoot of the word copy.
  let limit = Self.history + Self.chunk
  var outPosition = 0
  /// Where the current member's output starts in the window (0 once slid past it).
  var historyStart = 0
  var phase = Phase.blockHeader
  var isFinalBlock = false
  var storedLeft = 0
  var usesFixedTables = true
  let fixedLiteral = HuffmanTable(alphabet: .literalLength, rootBits: Self.literalRootBits)
  let fixedDistance = HuffmanTable(alphabet: .distance, rootBits: Self.distanceRootBits)
  let dynamicLiteral = HuffmanTable(alphabet: .literalLength, rootBits: Self.literalRootBits)
  let dynamicDistance = HuffmanTable(alphabet: .distance, rootBits: Self.distanceRootBits)
  let codeLengths = HuffmanTable(alphabet: .codeLength, rootBits: 7)
  let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 320)

  init(source: ByteStream) {
    input = BitInput(source: source)
    window = .allocate(capacity: Self.history + Self.chunk + 258 + 16)
    for i in 0..<288 { lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8 }
    _ = fixedLiteral.build(lengths: lengths, count: 288)
    for i in 0..<32 { lengths[i] = 5 }
    _ = fixedDistance.build(lengths: lengths, count: 32)
  }

  /// Frees every buffer; the owner calls it once.
  func deallocate() {
    input.deallocate()
    window.deallocate()
    lengths.deallocate()
    for table in [fixedLiteral, fixedDistance, dynamicLiteral, dynamicDistance, codeLengths] {
      table.deallocate()
    }
  }

  /// Starts a new DEFLATE stream (a new gzip member): matches may not reach before this point.
  mutating func startStream() {
    phase = .blockHeader
    isFinalBlock = false
    historyStart = outPosition
  }

  /// True when the window is full and the owner must read the output and `slide`.
  var isWindowFull: Bool { outPosition >= limit }

  /// Keeps the last 32 KB of output at the front of the window.
  mutating func slide() {
    let drop = outPosition - Self.history
    guard drop > 0 else { return }
    memmove(window, window + drop, Self.history)
    outPosition = Self.history
    historyStart = max(0, historyStart - drop)
  }

  /// Decodes until the window is full or the stream's final block ends; true at the end.
  mutating func run() throws(MarketDataError) -> Bool {
    while !isWindowFull {
      switch phase {
      case .finished:
        return true
      case .blockHeader:
        try readBlockHeader()
      case .stored:
        try copyStored()
      case .huffman:
        if try decodeHuffman() { phase = isFinalBlock ? .finished : .blockHeader }
      }
    }
    return phase == .finished
  }

  /// The error to throw at the current input offset: a truncation if the decoder has read past
  /// the end (zero bits decode to nonsense there), else what `make` builds.
  func fail(_ make: (String, Int) -> Diagnostic) -> MarketDataError {
    if input.count < input.phantomBits {
      return MarketDataError(diagnostics: [
        GzipDiagnostics.truncated(
          path: input.path,
          offset: input.bytesFromSource,
          inside: "compressed data"
        )
      ])
    }
    return MarketDataError(diagnostics: [make(input.path, input.offset)])
  }

  /// A `data.gzip.bad-huffman-code` error describing `detail`.
  func badCode(_ detail: String) -> MarketDataError {
    fail { GzipDiagnostics.badHuffmanCode(path: $0, offset: $1, detail: detail) }
  }

  // MARK: - Huffman blocks

  /// Decodes symbols of a fixed or dynamic block; true at its end-of-block symbol.
  mutating func decodeHuffman() throws(MarketDataError) -> Bool {
    let literals = usesFixedTables ? fixedLiteral.entries : dynamicLiteral.entries
    let distances = usesFixedTables ? fixedDistance.entries : dynamicDistance.entries
    let base = window
    var out = window + outPosition
    let stop = window + limit
    defer { outPosition = out - base }
    while out < stop {
      try input.refill()
      var entry = literals[Int(input.bits & 0x3FF)]
      if entry & HuffmanTable.subtableFlag != 0 {
        let sub = Int((input.bits >> 10) & ((1 << UInt64(entry & 0xFF)) - 1))
        entry = literals[Int(entry >> 16) + sub]
      }
      input.consume(Int(entry & 0xFF))
      if entry & 0x7000 == 0 {
        out.pointee = UInt8(truncatingIfNeeded: entry >> 16)
        out += 1
        continue
      }
      if entry & HuffmanTable.kindEnd != 0 {
        try input.checkNotOverrun(inside: "compressed data")
        return true
      }
      if entry & HuffmanTable.invalidFlag != 0 {
        throw badCode("literal/length symbol 286 or 287, or an unused code")
      }
      let length = Int(entry >> 16) + extraBits(entry)
      var distanceEntry = distances[Int(input.bits & 0xFF)]
      if distanceEntry & HuffmanTable.subtableFlag != 0 {
        let sub = Int((input.bits >> 8) & ((1 << UInt64(distanceEntry & 0xFF)) - 1))
        distanceEntry = distances[Int(distanceEntry >> 16) + sub]
      }
      input.consume(Int(distanceEntry & 0xFF))
      if distanceEntry & HuffmanTable.invalidFlag != 0 {
        throw badCode("distance symbol 30 or 31, or an unused code")
      }
      let distance = Int(distanceEntry >> 16) + extraBits(distanceEntry)
      let available = out - (base + historyStart)
      if distance > available {
        throw fail {
          GzipDiagnostics.badDistance(
            path: $0,
            offset: $1,
            distance: distance,
            available: available
          )
        }
      }
      Self.copyMatch(to: out, distance: distance, length: length)
      out += length
    }
    try input.checkNotOverrun(inside: "compressed data")
    return false
  }

  /// Takes the extra bits an entry announces (the refill before the symbol covers them).
  @inline(__always)
  private mutating func extraBits(_ entry: UInt32) -> Int {
    let n = Int((entry >> 8) & 0xF)
    let value = Int(input.bits & ((1 << UInt64(n)) - 1))
    input.consume(n)
    return value
  }

  /// Copies an LZ77 match; may write up to 7 bytes past the end (the window has slack).
  @inline(__always)
  static func copyMatch(to out: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
    let source = out - distance
    if distance >= 8 {
      let raw = UnsafeMutableRawPointer(out)
      let from = UnsafeRawPointer(source)
      var i = 0
      repeat {
        raw.storeBytes(
          of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self),
          toByteOffset: i,
          as: UInt64.self
        )
        i += 8
      } while i < length
    } else if distance == 1 {
      memset(out, Int32(source.pointee), length)
    } else {
      for i in 0..<length { out[i] = source[i] }
    }
  }
}
