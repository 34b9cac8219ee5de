/// Why a model file cannot be used: what is wrong and, where it is one place, the line (and,
/// in a JSON file, which is often one line, the column).
public struct ModelFileError: Error, Sendable, Equatable {
  public let message: String
  /// 1-based line of the file, when the problem is at one place.
  public let line: Int?
  /// 1-based column (in bytes) on that line, when known.
  public let column: Int?

  public init(_ message: String, line: Int? = nil, column: Int? = nil) {
    self.message = message
    self.line = line
    self.column = column
  }

  /// " line 3" or " line 1, column 30001", or "" when the problem has no one place.
  public var place: String {
    guard let line else { return "" }
    return column.map { " line \(line), column \($0)" } ?? " line \(line)"
  }

  /// The error at byte `offset` of `bytes`, located by line and column.
  static func at(_ offset: Int, in bytes: [UInt8], _ message: String) -> ModelFileError {
    let end = min(offset, bytes.count)
    let lineStart = bytes[..<end].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let line = 1 + bytes[..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return ModelFileError(message, line: line, column: end - lineStart + 1)
  }
}
