import Glibc

/// A failed socket, HTTP transport, token or metrics operation: a stable id (`net.tcp.connect`), a message
/// for people and notes (the errno text, the address). Thrown, never trapped.
public struct StratNetError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The stable id, e.g. `net.tcp.timeout`.
  public let id: String
  /// What went wrong, in one sentence.
  public let message: String
  /// Extra facts: the address, the errno text.
  public let notes: [String]

  /// Makes an error from its parts.
  public init(id: String, message: String, notes: [String] = []) {
    self.id = id
    self.message = message
    self.notes = notes
  }

  /// Makes an error from the calling thread's `errno`, named after the call that failed.
  static func errno(_ id: String, _ message: String, address: String? = nil) -> StratNetError {
    let code = Glibc.errno
    var notes = ["\(String(cString: strerror(code))) (errno \(code))"]
    if let address { notes.insert("address \(address)", at: 0) }
    return StratNetError(id: id, message: message, notes: notes)
  }

  /// `error[ID]: message` and one `note:` line per note.
  public var description: String {
    (["error[\(id)]: \(message)"] + notes.map { "  = note: \($0)" }).joined(separator: "\n")
  }
}
