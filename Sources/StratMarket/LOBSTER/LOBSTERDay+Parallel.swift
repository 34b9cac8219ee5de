import StratDiagnostics

extension LOBSTERDay {
  /// Reads the message file and the orderbook file on two threads, each straight to the end,
  /// then pairs them by line. Only for `.stop` and only when both files are well-formed and
  /// equally long: nil otherwise, and the caller reads the pair line by line instead, so every
  /// diagnostic (which file, which line comes first) is the serial reader's.
  static func loadInParallel(
    messagePath: String, bookPath: String, session: SessionClock, symbol: String
  ) -> LOBSTERDay? {
    typealias Loaded = (events: [OrderEvent], snapshots: BookSnapshots?)
    let loaded: [Loaded?] = ParallelLoad.map(2) { k in
      do throws(MarketDataError) {
        if k == 0 {
          let stream = try ByteStreams.open(path: messagePath)
          return (try LOBSTERMessageReader(stream: stream, session: session, policy: .stop).readAll(), nil)
        }
        let reader = LOBSTERBookReader(stream: try ByteStreams.open(path: bookPath), policy: .stop)
        return ([], try reader.readSnapshots())
      } catch {
        return nil
      }
    }
    guard let messages = loaded[0]?.events, let book = loaded[1] else { return nil }
    guard let snapshots = book.snapshots, snapshots.count == messages.count else { return nil }
    return LOBSTERDay(events: messages, symbol: symbol, snapshots: snapshots, skipped: 0)
  }
}

extension LOBSTERBookReader {
  /// Reads every remaining row into flat snapshots; nil for an empty file. Throws at the first malformed row whatever the policy.
  func readSnapshots() throws(MarketDataError) -> BookSnapshots? {
    var snapshots: BookSnapshots?
    while let result = try nextResult() {
      switch result {
      case .success(let row):
        if snapshots == nil { snapshots = BookSnapshots(levels: levels ?? max(row.asks.count, row.bids.count)) }
        snapshots!.append(asks: row.asks, bids: row.bids)
      case .failure(let error):
        throw MarketDataError(diagnostics: [error])
      }
    }
    return snapshots
  }
}
