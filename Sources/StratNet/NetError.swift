import Glibc

/// A socket or address failure: an id (`net.address`, `net.socket`, `net.bind`, …), a message
/// that names what was attempted, and notes (the operating system's reason, a hint).
public struct NetError: Error, Sendable, CustomStringConvertible {
  /// A stable id such as `net.bind`.
  public let id: String
  /// What failed, in a sentence.
  public let message: String
  /// The errno text and hints.
  public let notes: [String]

  /// Creates an error.
  public init(id: String, message: String, notes: [String] = []) {
    self.id = id
    self.message = message
    self.notes = notes
  }

  /// An error for a failed system call, with the text of `errno` as a note.
  static func system(_ id: String, _ message: String, errno code: Int32 = errno) -> NetError {
    NetError(id: id, message: message, notes: [NetError.reason(errno: code)])
  }

  /// The text of an errno value, in lower case so it reads inside a sentence.
  public static func reason(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst() + " (errno \(code))"
  }

  public var description: String {
    ([("error[\(id)]: \(message)")] + notes.map { "  note: \($0)" }).joined(separator: "\n")
  }
}
