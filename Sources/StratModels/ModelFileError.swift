/// Why a model file cannot be used: what is wrong and, where it is one place, the line.
public struct ModelFileError: Error, Sendable, Equatable {
  public let message: String
  /// 1-based line of the file, when the problem is at one place.
  public let line: Int?

  public init(_ message: String, line: Int? = nil) {
    self.message = message
    self.line = line
  }

  /// The 1-based line holding byte `offset`.
  static func line(of offset: Int, in bytes: [UInt8]) -> Int {
    1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }
}
