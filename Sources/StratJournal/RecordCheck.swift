/// What the bytes at one 8-aligned offset of a segment are: a whole valid record, the end of
/// the records (zeros, or the end of the file), or a bad record and why.
package enum RecordCheck: Equatable {
  case valid(size: Int, sequence: UInt64)
  case end
  case bad(String)

  /// Checks the record at `offset` of the `count` bytes at `base`: magic, type, reserved bytes,
  /// the payload length against the bytes left (so a length of 4 GiB is only a bad record), CRC.
  package static func at(_ offset: Int, _ base: UnsafeRawPointer, count: Int) -> RecordCheck {
    let f = JournalFormat.self
    let left = count - offset
    if left <= 0 { return .end }  // the file ends inside the last record's padding
    let p = base + offset
    if left < f.recordHeaderSize {
      return f.isZero(p, left) ? .end : .bad("a record header cut short by the end of the file")
    }
    if f.isZero(p, f.recordHeaderSize) { return .end }
    let magic = p.load(as: UInt8.self)
    guard magic == f.recordMagic else { return .bad("record magic 0x\(hex(magic)), expected 0xa7") }
    guard p.load(fromByteOffset: 1, as: UInt8.self) != 0 else { return .bad("record type 0") }
    guard f.load(UInt32.self, p, 20) == 0 else { return .bad("reserved header bytes are not zero") }
    let length = Int(f.load(UInt32.self, p, 4))
    guard length <= left - f.recordHeaderSize else {
      return .bad(
        "payload length \(length) runs past the end of the file (\(left - f.recordHeaderSize) bytes left)"
      )
    }
    let crc = CRC32C.update(CRC32C.update(0, p, 16), p + f.recordHeaderSize, length)
    guard crc == f.load(UInt32.self, p, 16) else {
      return .bad("the record's checksum does not match")
    }
    return .valid(size: f.recordSize(payload: length), sequence: f.load(UInt64.self, p, 8))
  }

  /// Returns the offset of the first valid record at or after `offset`, or nil. Checking a CRC
  /// costs its length, so a hostile file full of plausible headers stops the search once
  /// `budget` bytes were checked, and the answer is then `budgetExceeded` (treated as corruption:
  /// a tail that cannot be shown torn is not cut).
  package static func firstValid(
    from offset: Int,
    _ base: UnsafeRawPointer,
    count: Int,
    budget: Int = 64 << 20
  ) -> FirstValid {
    var at = offset
    var spent = 0
    let f = JournalFormat.self
    while at + f.recordHeaderSize <= count {
      if base.load(fromByteOffset: at, as: UInt8.self) == f.recordMagic {
        spent += min(Int(f.load(UInt32.self, base + at, 4)), count - at) + f.recordHeaderSize
        if spent > budget { return .budgetExceeded }
        if case .valid = RecordCheck.at(at, base, count: count) { return .found(at) }
      }
      at += 8
    }
    return .none
  }

  package enum FirstValid: Equatable {
    case found(Int)
    case none
    case budgetExceeded
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
  }
}
