/// The first difference between a script and what the acceptor did.
public struct AcceptanceMismatch: Sendable, Equatable {
  /// The script line (1-based) of the step that failed.
  public var line: Int
  public var reason: String
  /// The message the step expected or sent, `|` for ␁.
  public var expected: String?
  /// The message received, `|` for ␁.
  public var received: String?
}

/// How one script went.
public struct AcceptanceResult: Sendable, Equatable {
  public var script: String
  public var mismatch: AcceptanceMismatch?

  public var passed: Bool { mismatch == nil }

  /// `PASS name`, or `FAIL name line N: reason` with the messages on the lines after.
  public var summary: String {
    guard let mismatch else { return "PASS \(script)" }
    var text = "FAIL \(script) line \(mismatch.line): \(mismatch.reason)"
    if let expected = mismatch.expected { text += "\n    expected: \(expected)" }
    if let received = mismatch.received { text += "\n    received: \(received)" }
    return text
  }
}
