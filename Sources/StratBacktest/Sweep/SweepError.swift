/// Why a sweep cannot start: a malformed `--param` specification (a usage error, exit 2) or a
/// grid that does not fit the strategy's declared parameters.
public struct SweepError: Error, Sendable, Equatable {
  /// Stable identifier, e.g. `sweep.empty-range`.
  public var id: String
  /// What was expected and what was found.
  public var message: String
  /// Further lines (the declared range, the known names).
  public var notes: [String]
  /// For `sweep.unknown-param`: the name given and the declared names, so that the command line
  /// can suggest the closest one.
  public var unknownName: (given: String, known: [String])? {
    guard id == "sweep.unknown-param", let given = subject else { return nil }
    return (given, known)
  }
  /// The parameter the error is about.
  public var subject: String?
  /// Declared parameter names (for suggestions).
  public var known: [String]

  /// Creates an error.
  public init(
    id: String, message: String, notes: [String] = [], subject: String? = nil, known: [String] = []
  ) {
    self.id = id
    self.message = message
    self.notes = notes
    self.subject = subject
    self.known = known
  }

  // MARK: - Catalogue

  /// A specification that is not `NAME=LO:HI:STEP` or `NAME=A,B,C`.
  static func malformed(_ spec: String, _ why: String) -> SweepError {
    SweepError(
      id: "sweep.malformed-param",
      message: "--param \(spec): \(why)",
      notes: ["expected NAME=LO:HI:STEP (exact decimals, e.g. entry=0.5:2:0.25) or NAME=A,B,C"])
  }

  /// A range with no values.
  static func emptyRange(_ spec: String, _ why: String) -> SweepError {
    SweepError(id: "sweep.empty-range", message: "--param \(spec): \(why)")
  }

  /// A grid with more points than the limit.
  static func tooLarge(count: String, limit: Int) -> SweepError {
    SweepError(
      id: "sweep.grid-too-large",
      message: "expected a grid of at most \(limit) runs; found \(count)",
      notes: ["coarsen a step or sweep fewer parameters at once"])
  }
}
