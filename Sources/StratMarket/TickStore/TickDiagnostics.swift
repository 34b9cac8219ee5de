import StratDiagnostics

/// The catalogue of tick-file diagnostics (`data.tick.*`): each says what was expected, what was
/// found, and where (file and byte offset).
enum TickDiagnostics {
  /// The file does not start with the tick magic.
  static func notTickFile(path: String, found: String) -> Diagnostic {
    Diagnostic(
      id: "data.tick.not-tick-file",
      message: "expected a tick file starting with `STRATTCK`; found \(found)",
      at: DataLocation(path: path, byteOffset: 0),
      notes: ["tick files are written by `stratc data import`; see Docs/TICKSTORE.md"])
  }

  /// The file ends before the header, directory or a column that the header promises.
  static func truncated(path: String, need: Int, have: Int) -> Diagnostic {
    Diagnostic(
      id: "data.tick.truncated",
      message: "expected at least \(need) bytes; found a file of \(have) bytes (truncated)",
      at: DataLocation(path: path, byteOffset: have),
      notes: ["the file was cut short, perhaps by an interrupted copy; import it again"])
  }

  /// A file from a format version this reader does not know.
  static func newerVersion(path: String, major: UInt16, minor: UInt16) -> Diagnostic {
    Diagnostic(
      id: "data.tick.newer-version",
      message: "expected tick format version \(TickFileHeader.currentMajor).x; "
        + "found version \(major).\(minor)",
      at: DataLocation(path: path, byteOffset: 8),
      notes: ["a file from a newer major version needs a newer stratc; re-import it with this one"])
  }

  /// A header field with an impossible value.
  static func badHeader(path: String, offset: Int, _ expected: String, found: String) -> Diagnostic {
    Diagnostic(
      id: "data.tick.bad-header",
      message: "expected \(expected) in the header; found \(found)",
      at: DataLocation(path: path, byteOffset: offset))
  }

  /// A column directory entry that does not fit the kind or the file.
  static func badColumn(path: String, column: String, entryOffset: Int, _ why: String) -> Diagnostic {
    Diagnostic(
      id: "data.tick.bad-column",
      message: "directory entry for column `\(column)`: expected \(why)",
      at: DataLocation(path: path, byteOffset: entryOffset))
  }

  /// Stored and computed checksums differ.
  static func checksum(path: String, what: String, offset: Int, stored: UInt32, computed: UInt32)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.tick.checksum",
      message: "expected the CRC-32 stored for \(what) (\(hex(stored))); "
        + "found \(hex(computed)) over its bytes (the file is corrupt)",
      at: DataLocation(path: path, byteOffset: offset))
  }

  /// An operating-system failure reading or writing a tick file.
  static func io(path: String, doing: String, reason: String) -> Diagnostic {
    Diagnostic(
      id: "data.tick.io",
      message: "cannot \(doing) `\(path)`: \(reason)",
      at: DataLocation(path: path))
  }

  /// A row value no market has (or that breaks the header's promise), at its record number and
  /// the byte offset of the field.
  static func badValue(path: String, row: Int, column: String, offset: Int, _ expected: String, found: String)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.tick.bad-value",
      message: "expected \(expected) in `\(column)` of record \(row); found \(found)",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["records count from 0; a file written by `stratc data import` never has such a row"])
  }

  /// A symbol or source description that does not fit the header.
  static func tooLong(path: String, what: String, limit: Int, found: Int) -> Diagnostic {
    Diagnostic(
      id: "data.tick.too-long",
      message: "expected a \(what) of at most \(limit) UTF-8 bytes; found \(found)",
      at: DataLocation(path: path))
  }

  /// A row that does not belong in the file: wrong kind of row, or a time outside its day.
  static func wrongRow(path: String, _ message: String) -> Diagnostic {
    Diagnostic(id: "data.tick.wrong-row", message: message, at: DataLocation(path: path))
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
