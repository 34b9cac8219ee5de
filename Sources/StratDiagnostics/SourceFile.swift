/// A source text held as UTF-8 bytes, with its line starts for turning offsets into positions.
///
/// Invalid UTF-8 is kept as bytes: the lexer reports it; nothing here decodes eagerly.
public final class SourceFile: Sendable {
  /// The path as the user gave it; printed in diagnostics.
  public let path: String
  /// The raw bytes of the file.
  public let bytes: [UInt8]
  /// Byte offset at which each line begins; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  /// Creates a source file from raw bytes.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// Creates a source file from a string.
  public convenience init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// Returns the 1-based line and column (in bytes) of a byte offset.
  public func position(of offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    return (low + 1, clamped - lineStarts[low] + 1)
  }

  /// Returns the text of a 1-based line without its newline, with invalid UTF-8 repaired.
  public func lineText(_ line: Int) -> String {
    String(decoding: lineBytes(line), as: UTF8.self)
  }

  /// The raw bytes of a 1-based line without its line break (spans index these bytes, which
  /// differ from the decoded text's UTF-8 where the file is not valid UTF-8).
  public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
    guard line >= 1, line <= lineStarts.count else { return [] }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return bytes[start..<max(start, end)]
  }

  /// Returns the text covered by a byte range.
  public func text(_ range: Range<Int>) -> String {
    let lower = max(0, min(range.lowerBound, bytes.count))
    let upper = max(lower, min(range.upperBound, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }
}

/// A half-open range of UTF-8 byte offsets in one source file.
public struct SourceSpan: Sendable {
  /// The file the span points into.
  public let file: SourceFile
  /// First byte of the span.
  public let start: Int
  /// One past the last byte of the span.
  public let end: Int

  /// Creates a span; an inverted range is normalised to an empty one at `start`.
  public init(file: SourceFile, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = max(start, end)
  }

  /// Returns the smallest span covering both spans.
  public func merged(with other: SourceSpan) -> SourceSpan {
    SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
  }

  /// The source text under the span.
  public var text: String { file.text(start..<end) }
}
