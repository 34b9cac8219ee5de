/// A journal error, typed and located: a stable id (`journal.…`), what was found, the file and
/// byte offset it was found at and, when known, the sequence number expected there. Hostile or
/// damaged files end in one of these, never in a trap.
package struct JournalError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A stable id, e.g. `journal.corrupt-record` (Docs/JOURNAL.md lists them).
  package let id: String
  /// What was expected and what was found.
  package let message: String
  /// The file (or folder) the error is about.
  package let file: String
  /// The byte offset in `file`, or nil when the error is about the whole file or folder.
  package let offset: Int?
  /// The sequence number expected at `offset`, when known.
  package let sequence: UInt64?
  /// What to do next, or more detail.
  package let notes: [String]

  package init(
    _ id: String,
    _ message: String,
    file: String,
    offset: Int? = nil,
    sequence: UInt64? = nil,
    notes: [String] = []
  ) {
    self.id = id
    self.message = message
    self.file = file
    self.offset = offset
    self.sequence = sequence
    self.notes = notes
  }

  /// `FILE:OFFSET: error[ID]: MESSAGE (sequence N)` and one `note:` line per note.
  package var description: String {
    var text = file + (offset.map { ":\($0)" } ?? "") + ": error[\(id)]: \(message)"
    if let sequence { text += " (sequence \(sequence))" }
    for note in notes { text += "\n  note: \(note)" }
    return text
  }

  /// A failed system call, with errno's text.
  package static func system(_ call: String, file: String, errno code: Int32) -> JournalError {
    JournalError("journal.io", "\(call) failed: \(String(cString: strerror(code)))", file: file)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
