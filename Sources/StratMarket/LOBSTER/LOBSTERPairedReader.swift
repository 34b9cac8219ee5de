import StratDiagnostics

/// Reads a LOBSTER message file and its orderbook file line by line together: line n of one
/// belongs to line n of the other. Under `.skip` a malformed message skips its book row and a
/// malformed book row skips its message, so every pair returned stays matched; under `.stop`
/// the first malformed line of either file is the error. Files of different lengths are an
/// error whatever the policy (`data.lobster.row-count`).
public final class LOBSTERPairedReader {
  /// What the reader does with a malformed line of either file.
  public let policy: MalformedInputPolicy
  /// The message file.
  public let messages: LOBSTERMessageReader
  /// The orderbook file.
  public let rows: LOBSTERBookReader
  /// Pairs skipped because the message, its book row, or both were malformed.
  public private(set) var skipped = 0
  /// The first few diagnostics of skipped pairs.
  public private(set) var skippedDiagnostics: [Diagnostic] = []
  /// The line numbers of the skipped pairs (the same in both files).
  public private(set) var skippedLines: [Int] = []

  private let messagePath: String
  private let bookPath: String

  /// Pairs `messages` (read from `messagePath`) with `rows` (from `bookPath`); both readers'
  /// own policies are not used.
  public init(
    messages: LOBSTERMessageReader,
    messagePath: String,
    rows: LOBSTERBookReader,
    bookPath: String,
    policy: MalformedInputPolicy
  ) {
    self.messages = messages
    self.rows = rows
    self.messagePath = messagePath
    self.bookPath = bookPath
    self.policy = policy
  }

  /// Returns the next matched message and book row, nil when both files end.
  public func next() throws(MarketDataError) -> (OrderEvent, LOBSTERBookRow)? {
    while true {
      let message = try messages.nextResult()
      let row = try rows.nextResult()
      switch (message, row) {
      case (nil, nil): return nil
      case (.success(let event), .success(let book)): return (event, book)
      case (nil, _), (_, nil): throw rowCount(moreMessages: message != nil)
      case (.some(let m), .some(let b)): try skip([m.failureValue, b.failureValue].compactMap { $0 })
      }
    }
  }

  private func skip(_ errors: [Diagnostic]) throws(MarketDataError) {
    guard policy == .skip else { throw MarketDataError(diagnostics: [errors[0]]) }
    skipped += 1
    skippedLines.append(messages.line)
    for error in errors where skippedDiagnostics.count < 20 { skippedDiagnostics.append(error) }
  }

  private func rowCount(moreMessages: Bool) -> MarketDataError {
    let line = messages.line
    return MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.lobster.row-count",
        message: moreMessages
          ? "expected an orderbook row for every message; found none for message \(line) of "
            + messagePath
          : "expected one orderbook row per message; found a row past the last message of "
            + "\(messagePath) (\(line) lines)",
        at: DataLocation(path: bookPath, line: moreMessages ? line : line + 1),
        notes: ["a LOBSTER message file and its orderbook file come as a pair from the same request"]
      )
    ])
  }
}

extension Result {
  /// The error, nil on success.
  fileprivate var failureValue: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
