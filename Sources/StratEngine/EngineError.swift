import Foundation
import StratDiagnostics

/// A problem that stops the engine or refuses an operator's request: a config that does not
/// hold, a strategy that does not build, a journal from another run. The `id` is stable
/// (`engine.*`, `journal.*`, `hotload.*`) like a diagnostic id.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
  public var id: String
  public var message: String
  public var notes: [String]
  /// Where in a file the problem is (a data file's line), when it is in one.
  public var location: DataLocation?

  public init(id: String, message: String, notes: [String] = [], location: DataLocation? = nil) {
    self.id = id
    self.message = message
    self.notes = notes
    self.location = location
  }

  /// The first of a reader's diagnostics, with its location.
  public init(_ diagnostic: Diagnostic) {
    self.init(id: diagnostic.id, message: diagnostic.message, notes: diagnostic.notes, location: diagnostic.location)
  }

  /// The error as a diagnostic, for the same rendering as stratc's.
  public var diagnostic: Diagnostic {
    guard let location else { return Diagnostic(id: id, message: message, notes: notes) }
    return Diagnostic(id: id, message: message, at: location, notes: notes)
  }

  /// The error as stratc renders a diagnostic: `path:line:column: error[id]: message` and notes.
  public var description: String { DiagnosticRenderer.text(diagnostic).trimmingCharacters(in: .newlines) }
}
