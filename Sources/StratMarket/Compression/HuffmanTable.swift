/// A two-level DEFLATE decoding table: `rootBits` bits of the (bit-reversed) input index the root;
/// longer codes go through a subtable. Each entry packs what the decode loop needs so that one
/// lookup gives the symbol's class, value and extra-bit count:
///
/// ```
/// bits  0-7   code length to consume (root pointer: subtable index bits)
/// bits  8-11  extra bits that follow the code (lengths and distances)
/// bits 12-13  kind: 0 literal, 1 length/distance base, 2 end of block
/// bit  14     invalid (no symbol; the input is corrupt)
/// bit  15     root entry points to a subtable at the offset in bits 16-31
/// bits 16-31  literal byte, length base, distance base, or subtable offset
/// ```
struct HuffmanTable {
  static let subtableFlag: UInt32 = 0x8000
  static let invalidFlag: UInt32 = 0x4000
  static let kindLength: UInt32 = 0x1000
  static let kindEnd: UInt32 = 0x2000

  /// What the table's symbols mean.
  enum Alphabet {
    /// Literal/length symbols 0...287 (286 and 287 are invalid).
    case literalLength
    /// Distance symbols 0...31 (30 and 31 are invalid).
    case distance
    /// Code-length symbols 0...18, values kept as they are.
    case codeLength
  }

  let entries: UnsafeMutablePointer<UInt32>
  let capacity: Int
  let rootBits: Int
  let alphabet: Alphabet

  /// Allocates room for the largest table `alphabet` can need with `rootBits` root bits.
  init(alphabet: Alphabet, rootBits: Int) {
    self.alphabet = alphabet
    self.rootBits = rootBits
    let symbols = alphabet == .literalLength ? 288 : alphabet == .distance ? 32 : 19
    capacity = (1 << rootBits) + symbols << max(0, 15 - rootBits)
    entries = .allocate(capacity: capacity)
  }

  /// Frees the entries; the owner calls it once.
  func deallocate() { entries.deallocate() }

  static let lengthBase: [UInt16] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra: [UInt8] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase: [UInt16] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra: [UInt8] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]

  /// The entry payload (without the code length) for `symbol`.
  private func payload(_ symbol: Int) -> UInt32 {
    switch alphabet {
    case .codeLength:
      return UInt32(symbol) << 16
    case .literalLength:
      if symbol < 256 { return UInt32(symbol) << 16 }
      if symbol == 256 { return Self.kindEnd }
      if symbol > 285 { return Self.invalidFlag }
      let i = symbol - 257
      return UInt32(Self.lengthBase[i]) << 16 | UInt32(Self.lengthExtra[i]) << 8 | Self.kindLength
    case .distance:
      if symbol > 29 { return Self.invalidFlag }
      return UInt32(Self.distanceBase[symbol]) << 16 | UInt32(Self.distanceExtra[symbol]) << 8
        | Self.kindLength
    }
  }

  /// Builds the table from code lengths (0 = unused symbol). Returns a description of the
  /// problem for an over-subscribed or incomplete code, nil on success.
  func build(lengths: UnsafePointer<UInt8>, count: Int) -> String? {
    var lengthCount = [Int](repeating: 0, count: 16)
    for i in 0..<count { lengthCount[Int(lengths[i])] += 1 }
    lengthCount[0] = 0
    var left = 1
    var maxLength = 0
    for length in 1...15 {
      left = left << 1 - lengthCount[length]
      if left < 0 { return "an over-subscribed set of code lengths" }
      if lengthCount[length] > 0 { maxLength = length }
    }
    // An incomplete code is allowed only for a single one-bit code (RFC 1951 3.2.7, as zlib).
    if left > 0 && maxLength > 1 { return "an incomplete set of code lengths" }
    var nextCode = [Int](repeating: 0, count: 16)
    var code = 0
    for length in 1...15 {
      code = (code + lengthCount[length - 1]) << 1
      nextCode[length] = code
    }
    fill(lengths: lengths, count: count, nextCode: nextCode)
    return nil
  }

  /// Fills root entries and subtables from canonical codes.
  private func fill(lengths: UnsafePointer<UInt8>, count: Int, nextCode: [Int]) {
    let rootSize = 1 << rootBits
    entries.update(repeating: Self.invalidFlag, count: rootSize)
    var codes = nextCode
    var reversed = [Int](repeating: 0, count: count)
    var subBits = [Int](repeating: 0, count: rootSize)
    for symbol in 0..<count where lengths[symbol] > 0 {
      let length = Int(lengths[symbol])
      reversed[symbol] = Self.reverse(codes[length], bits: length)
      codes[length] += 1
      if length > rootBits {
        let prefix = reversed[symbol] & (rootSize - 1)
        subBits[prefix] = max(subBits[prefix], length - rootBits)
      }
    }
    var next = rootSize
    for prefix in 0..<rootSize where subBits[prefix] > 0 {
      let size = 1 << subBits[prefix]
      entries[prefix] = UInt32(next) << 16 | Self.subtableFlag | UInt32(subBits[prefix])
      (entries + next).update(repeating: Self.invalidFlag, count: size)
      next += size
    }
    for symbol in 0..<count where lengths[symbol] > 0 {
      let length = Int(lengths[symbol])
      let entry = payload(symbol) | UInt32(length)
      if length <= rootBits {
        var index = reversed[symbol]
        while index < rootSize {
          entries[index] = entry
          index += 1 << length
        }
      } else {
        let pointer = entries[reversed[symbol] & (rootSize - 1)]
        let base = Int(pointer >> 16)
        let size = 1 << Int(pointer & 0xFF)
        var index = reversed[symbol] >> rootBits
        while index < size {
          entries[base + index] = entry
          index += 1 << (length - rootBits)
        }
      }
    }
  }

  /// Reverses the low `bits` bits of `code` (DEFLATE sends Huffman codes most significant bit
  /// first into a least-significant-first bit stream).
  static func reverse(_ code: Int, bits: Int) -> Int {
    var result = 0
    var value = code
    for _ in 0..<bits {
      result = result << 1 | value & 1
      value >>= 1
    }
    return result
  }
}
