import StratDiagnostics

/// The catalogue of gzip and DEFLATE diagnostics. Ids are stable (`data.gzip.*`); every location
/// is the byte offset in the compressed file at or just after the bad bits.
enum GzipDiagnostics {
  /// A member does not start with 1f 8b.
  static func badMagic(path: String, offset: Int, found: (UInt8, UInt8)) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.bad-magic",
      message: "expected the gzip magic bytes 1f 8b; found \(hex(found.0)) \(hex(found.1))",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["bytes after a complete gzip member must be another gzip member"]
    )
  }

  /// The compression method is not 8 (DEFLATE) or reserved flag bits are set.
  static func badHeader(path: String, offset: Int, what: String) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.bad-header",
      message:
        "expected a gzip header with method 8 (deflate) and no reserved flags; found \(what)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// A DEFLATE block header names type 3.
  static func badBlockType(path: String, offset: Int) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.bad-block-type",
      message: "expected a deflate block type 0 (stored), 1 (fixed) or 2 (dynamic); found 3",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// A stored block whose LEN and NLEN are not complements.
  static func badStoredLength(path: String, offset: Int, length: Int, check: Int) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.bad-stored-length",
      message: "expected a stored block length and its one's complement; found "
        + "LEN \(length) and NLEN \(check)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// A Huffman table that cannot be built or a code that names no symbol.
  static func badHuffmanCode(path: String, offset: Int, detail: String) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.bad-huffman-code",
      message: "expected a valid deflate Huffman code; found \(detail)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// A match reaches back before the start of the member's output.
  static func badDistance(path: String, offset: Int, distance: Int, available: Int) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.bad-distance",
      message: "expected a match distance of at most \(available) bytes (the output so far); "
        + "found \(distance)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// The compressed data ends inside a member.
  static func truncated(path: String, offset: Int, inside: String) -> Diagnostic {
    Diagnostic(
      id: "data.gzip.truncated",
      message: "expected more compressed data in the \(inside); found the end of the file",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["the file was probably cut short while being copied or written"]
    )
  }

  /// The CRC-32 in a member trailer does not match the data.
  static func crcMismatch(path: String, offset: Int, stored: UInt32, computed: UInt32)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.gzip.crc-mismatch",
      message: "expected CRC-32 \(hex32(stored)) from the gzip trailer; the decompressed data "
        + "has \(hex32(computed))",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["the compressed data is corrupt"]
    )
  }

  /// The ISIZE in a member trailer does not match the data length.
  static func sizeMismatch(path: String, offset: Int, stored: UInt32, computed: UInt32)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.gzip.size-mismatch",
      message: "expected \(stored) bytes (mod 2^32) from the gzip trailer; the member "
        + "decompressed to \(computed)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
  }

  private static func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
