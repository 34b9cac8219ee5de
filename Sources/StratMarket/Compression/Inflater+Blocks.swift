import StratDiagnostics

extension Inflater {
  /// Reads BFINAL and BTYPE, then the stored length or the dynamic code lengths.
  mutating func readBlockHeader() throws(MarketDataError) {
    isFinalBlock = try input.take(1) == 1
    switch try input.take(2) {
    case 0:
      try readStoredLength()
    case 1:
      usesFixedTables = true
      phase = .huffman
    case 2:
      try readDynamicTables()
      usesFixedTables = false
      phase = .huffman
    default:
      throw fail { GzipDiagnostics.badBlockType(path: $0, offset: $1) }
    }
    try input.checkNotOverrun(inside: "a deflate block header")
  }

  /// Reads LEN and NLEN of a stored block.
  private mutating func readStoredLength() throws(MarketDataError) {
    var word = [0, 0, 0, 0]
    for i in 0..<4 {
      guard let byte = try input.nextByte() else {
        throw fail {
          GzipDiagnostics.truncated(path: $0, offset: $1, inside: "a stored block header")
        }
      }
      word[i] = Int(byte)
    }
    let length = word[0] | word[1] << 8
    let check = word[2] | word[3] << 8
    guard length == check ^ 0xFFFF else {
      throw fail {
        GzipDiagnostics.badStoredLength(path: $0, offset: $1, length: length, check: check)
      }
    }
    storedLeft = length
    phase = .stored
  }

  /// Copies stored bytes until the block or the window's room ends.
  mutating func copyStored() throws(MarketDataError) {
    while storedLeft > 0 && !isWindowFull {
      let n = try input.copyBytes(
        to: window + outPosition,
        limit: min(storedLeft, limit - outPosition)
      )
      if n == 0 {
        throw fail { GzipDiagnostics.truncated(path: $0, offset: $1, inside: "a stored block") }
      }
      outPosition += n
      storedLeft -= n
    }
    if storedLeft == 0 { phase = isFinalBlock ? .finished : .blockHeader }
  }

  /// The order in which code-length code lengths are sent (RFC 1951 3.2.7).
  private static let codeLengthOrder = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
  ]

  /// Reads HLIT, HDIST, HCLEN and the code lengths, and builds the dynamic tables.
  private mutating func readDynamicTables() throws(MarketDataError) {
    let literalCount = try input.take(5) + 257
    let distanceCount = try input.take(5) + 1
    let codeLengthCount = try input.take(4) + 4
    guard literalCount <= 286 && distanceCount <= 30 else {
      throw badCode(
        "\(literalCount) literal/length and \(distanceCount) distance codes (at most 286 and 30)"
      )
    }
    for i in 0..<19 { lengths[Self.codeLengthOrder[i]] = 0 }
    for i in 0..<codeLengthCount { lengths[Self.codeLengthOrder[i]] = UInt8(try input.take(3)) }
    if let problem = codeLengths.build(lengths: lengths, count: 19) {
      throw badCode(problem + " in the code-length code")
    }
    try readCodeLengths(total: literalCount + distanceCount)
    guard lengths[256] != 0 else {
      throw badCode("no code for the end-of-block symbol")
    }
    if let problem = dynamicLiteral.build(lengths: lengths, count: literalCount) {
      throw badCode(problem + " in the literal/length code")
    }
    if let problem = dynamicDistance.build(lengths: lengths + literalCount, count: distanceCount) {
      throw badCode(problem + " in the distance code")
    }
  }

  /// Decodes `total` code lengths with the code-length code into `lengths`.
  private mutating func readCodeLengths(total: Int) throws(MarketDataError) {
    var i = 0
    while i < total {
      try input.refill()
      let entry = codeLengths.entries[Int(input.bits & 0x7F)]
      if entry & HuffmanTable.invalidFlag != 0 {
        throw badCode("an unused code-length code")
      }
      input.consume(Int(entry & 0xFF))
      let symbol = Int(entry >> 16)
      if symbol < 16 {
        lengths[i] = UInt8(symbol)
        i += 1
        continue
      }
      let (value, repeats): (UInt8, Int)
      switch symbol {
      case 16:
        guard i > 0 else {
          throw badCode("a repeat of the previous length before any length")
        }
        (value, repeats) = (lengths[i - 1], 3 + (try input.take(2)))
      case 17: (value, repeats) = (0, 3 + (try input.take(3)))
      default: (value, repeats) = (0, 11 + (try input.take(7)))
      }
      guard i + repeats <= total else {
        throw badCode("code lengths that run past the \(total) symbols")
      }
      for k in 0..<repeats { lengths[i + k] = value }
      i += repeats
    }
    try input.checkNotOverrun(inside: "a dynamic block header")
  }
}
