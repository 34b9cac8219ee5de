/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable {
  case note, warning, error

  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    let order: [Severity] = [.note, .warning, .error]
    return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
  }
}

/// A span with an optional short message printed under it.
public struct Label: Sendable {
  public let span: SourceSpan
  public let message: String

  public init(_ span: SourceSpan, _ message: String = "") {
    self.span = span
    self.message = message
  }
}

/// A suggested edit: replace the text under `span` with `replacement`.
public struct FixIt: Sendable {
  public let span: SourceSpan
  public let replacement: String
  public let message: String

  public init(span: SourceSpan, replacement: String, message: String) {
    self.span = span
    self.replacement = replacement
    self.message = message
  }
}

/// A place in a data file (CSV, feed, IR text) that has no `SourceFile` loaded.
public struct DataLocation: Sendable, Equatable {
  public let path: String
  public let line: Int?
  public let column: Int?
  public let byteOffset: Int?

  public init(path: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
    self.path = path
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }
}

/// One finding of the compiler or a data reader: the single model every stage reports in.
public struct Diagnostic: Sendable, Error {
  /// Stable identifier such as `units.add-mismatch`; documented in Grammar/errors/.
  public let id: String
  public let severity: Severity
  public let message: String
  /// Where in a source file, when the finding is about source text.
  public let primary: Label?
  /// Where in a data file, when the finding is about data.
  public let location: DataLocation?
  public var secondary: [Label]
  public var notes: [String]
  public var fixIts: [FixIt]

  /// Creates a diagnostic about source text.
  public init(
    id: String, severity: Severity = .error, message: String, primary: Label,
    secondary: [Label] = [], notes: [String] = [], fixIts: [FixIt] = []
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.primary = primary
    self.location = nil
    self.secondary = secondary
    self.notes = notes
    self.fixIts = fixIts
  }

  /// Creates a diagnostic about a data file.
  public init(
    id: String, severity: Severity = .error, message: String, at location: DataLocation,
    notes: [String] = []
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.primary = nil
    self.location = location
    self.secondary = []
    self.notes = notes
    self.fixIts = []
  }

  /// Creates a diagnostic with no location (a command-line or I/O problem).
  public init(id: String, severity: Severity = .error, message: String, notes: [String] = []) {
    self.id = id
    self.severity = severity
    self.message = message
    self.primary = nil
    self.location = nil
    self.secondary = []
    self.notes = notes
    self.fixIts = []
  }

  /// The 1-based line and column of the primary span or data location, when known.
  public var lineAndColumn: (line: Int, column: Int)? {
    if let primary { return primary.span.file.position(of: primary.span.start) }
    if let line = location?.line { return (line, location?.column ?? 1) }
    return nil
  }
}

/// Collects diagnostics from one run of a stage; stages never throw on user errors.
public struct DiagnosticBag: Sendable {
  public private(set) var all: [Diagnostic] = []

  public init() {}

  /// Adds one diagnostic.
  public mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }

  /// Adds every diagnostic of another bag.
  public mutating func add(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

  /// True when at least one error was reported.
  public var hasErrors: Bool { all.contains { $0.severity == .error } }

  /// The diagnostics in source order (file, offset), stable for equal positions.
  public var sorted: [Diagnostic] {
    all.enumerated().sorted { lhs, rhs in
      let l = lhs.element.primary?.span.start ?? Int.max
      let r = rhs.element.primary?.span.start ?? Int.max
      return l != r ? l < r : lhs.offset < rhs.offset
    }.map(\.element)
  }
}
