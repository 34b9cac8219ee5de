import StratDiagnostics

/// The catalogue of ITCH and MoldUDP64 diagnostics. Ids are stable (`data.itch.*`,
/// `data.moldudp64.*`); locations are the file and the byte offset of the length prefix, packet
/// or message at fault.
enum ITCHDiagnostics {
  /// A type byte that ITCH 5.0 does not define.
  static func unknownType(_ type: UInt8, path: String, offset: Int, skipped: Bool) -> Diagnostic {
    Diagnostic(
      id: "data.itch.unknown-type",
      message: "expected an ITCH 5.0 message type (S, R, H, Y, L, V, W, K, J, h, A, F, E, C, X, D, "
        + "U, P, Q, B, I, N, O); found \(ITCHMessageType.shown(type))",
      at: DataLocation(path: path, byteOffset: offset),
      notes: skipped ? ["the message was skipped using its length prefix"] : []
    )
  }

  /// A length prefix that disagrees with the type's fixed length.
  static func lengthMismatch(type: UInt8, expected: Int, found: Int, path: String, offset: Int)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.itch.length-mismatch",
      message:
        "expected a length of \(expected) bytes for message type \(ITCHMessageType.shown(type)); "
        + "found a length prefix of \(found)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// A well-framed message with a value no market has (a zero price, a symbol that is a path).
  static func badValue(type: UInt8, _ expected: String, found: String, path: String, offset: Int)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.itch.bad-value",
      message: "expected \(expected) in message type \(ITCHMessageType.shown(type)); found \(found)",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["under --on-error skip the message is counted and passed over"]
    )
  }

  /// No message start within `limit` bytes after a malformed message.
  static func lostSync(path: String, offset: Int, limit: Int) -> Diagnostic {
    Diagnostic(
      id: "data.itch.lost-sync",
      message: "expected an ITCH 5.0 message within \(limit >> 20) MiB after a malformed one; found none",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["this ends the reading under --on-error skip too: the rest is probably not ITCH data"]
    )
  }

  /// No bytes at all: an empty input is an error, not an empty day.
  static func empty(path: String) -> Diagnostic {
    Diagnostic(
      id: "data.itch.empty",
      message: "expected ITCH 5.0 messages; found an empty input",
      at: DataLocation(path: path, byteOffset: 0)
    )
  }

  /// The data ends inside a message or its length prefix.
  static func truncated(expected: Int, found: Int, path: String, offset: Int, what: String)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.itch.truncated",
      message:
        "expected \(expected) bytes of \(what); found only \(found) before the end of the data",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["the file was probably cut short"]
    )
  }

  /// A field value the wire format cannot hold.
  static func unencodable(type: UInt8, field: String, value: String, range: String)
    -> MarketDataError
  {
    MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.itch.unencodable",
        message:
          "expected \(field) of message \(ITCHMessageType.shown(type)) to be \(range); found \(value)"
      )
    ])
  }

  // MARK: - MoldUDP64

  /// A packet shorter than its header or than the blocks it announces.
  static func moldTruncated(expected: Int, found: Int, path: String, offset: Int, what: String)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.moldudp64.truncated",
      message: "expected \(expected) bytes of \(what); found \(found)",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// Bytes left over after the announced message blocks.
  static func moldTrailingBytes(count: Int, path: String, offset: Int) -> Diagnostic {
    Diagnostic(
      id: "data.moldudp64.trailing-bytes",
      message: "expected the packet to end after its message blocks; found \(count) more bytes",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }

  /// Messages were lost between two packets.
  static func sequenceGap(expected: UInt64, found: UInt64, path: String, offset: Int) -> Diagnostic
  {
    Diagnostic(
      id: "data.moldudp64.sequence-gap",
      severity: .warning,
      message: "expected sequence number \(expected); found \(found), so \(found - expected) "
        + "messages are missing",
      at: DataLocation(path: path, byteOffset: offset),
      notes: ["a live consumer would request them again from the re-request server"]
    )
  }

  /// A packet repeats sequence numbers already seen.
  static func sequenceRepeat(expected: UInt64, found: UInt64, path: String, offset: Int)
    -> Diagnostic
  {
    Diagnostic(
      id: "data.moldudp64.sequence-repeat",
      severity: .warning,
      message: "expected sequence number \(expected); found \(found), which was already received",
      at: DataLocation(path: path, byteOffset: offset)
    )
  }
}
