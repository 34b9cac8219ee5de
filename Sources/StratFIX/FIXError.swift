import StratDiagnostics

/// A FIX problem that stops an operation: a dictionary that cannot be read, a store that cannot
/// be written, a configuration that makes no sense. Problems with one received message are not
/// errors: they become a session-level reaction (`FIXRejection`, `FIXFrame.garbled`).
public struct FIXError: Error, Sendable, CustomStringConvertible {
  /// The stable id, such as `fix.dictionary.unknown-field`.
  public var id: String
  /// What is wrong, for a person.
  public var message: String
  /// The file (and line) where it was found, when there is one.
  public var location: DataLocation?

  public init(id: String, message: String, location: DataLocation? = nil) {
    self.id = id
    self.message = message
    self.location = location
  }

  /// The error as a located diagnostic.
  public var diagnostic: Diagnostic {
    if let location { return Diagnostic(id: id, message: message, at: location) }
    return Diagnostic(id: id, message: message)
  }

  public var description: String {
    if let location { return "\(location.path):\(location.line ?? 0): error: \(message) [\(id)]" }
    return "error: \(message) [\(id)]"
  }
}
