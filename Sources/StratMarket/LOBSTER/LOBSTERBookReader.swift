import StratDiagnostics

/// Streams a LOBSTER orderbook file, one `LOBSTERBookRow` per line. The level count is the
/// column count of the first row divided by four (or given), so files of any depth read the
/// same way; LOBSTER's dummy prices (9999999999 ask, -9999999999 bid, always with size 0) are
/// empty levels, and any other price must be above 0.
public final class LOBSTERBookReader {
  /// What the reader does with a malformed row.
  public let policy: MalformedInputPolicy
  /// Levels per side in the file; known after the first row unless given.
  public private(set) var levels: Int?
  /// Rows skipped as malformed (policy `.skip`).
  public private(set) var skipped = 0
  /// The first few diagnostics of skipped rows.
  public private(set) var skippedDiagnostics: [Diagnostic] = []

  private let scanner: LOBSTERLineScanner
  private var fields = LOBSTERFields()

  /// Reads `stream`; `levels` nil detects the depth from the first row.
  public init(stream: ByteStream, levels: Int? = nil, policy: MalformedInputPolicy = .stop) {
    scanner = LOBSTERLineScanner(stream: stream)
    self.levels = levels
    self.policy = policy
  }

  /// Opens the orderbook file at `path` (gzip or plain).
  public convenience init(
    path: String,
    levels: Int? = nil,
    policy: MalformedInputPolicy = .stop
  ) throws(MarketDataError) {
    self.init(stream: try ByteStreams.open(path: path), levels: levels, policy: policy)
  }

  /// The 1-based line number of the row last returned.
  public var line: Int { scanner.line }

  /// Returns the next row, nil at the end of the file.
  public func next() throws(MarketDataError) -> LOBSTERBookRow? {
    while let result = try nextResult() {
      switch result {
      case .success(let row): return row
      case .failure(let error):
        guard policy == .skip else { throw MarketDataError(diagnostics: [error]) }
        skipped += 1
        if skippedDiagnostics.count < 20 { skippedDiagnostics.append(error) }
      }
    }
    return nil
  }

  /// Line numbers passed over without being read: the rows of messages skipped as malformed
  /// on an earlier pass, so that every row left still belongs to its message.
  public var linesToPass: Set<Int> = []

  /// The next row, decoded or not, nil at the end of the file; the policy is the caller's.
  func nextResult() throws(MarketDataError) -> Result<LOBSTERBookRow, Diagnostic>? {
    while let line = try scanner.nextLine() {
      if linesToPass.contains(scanner.line) { continue }
      fields.split(line)
      do throws(Diagnostic) {
        return .success(try decode())
      } catch {
        return .failure(error)
      }
    }
    return nil
  }

  /// Reads every remaining row.
  public func readAll() throws(MarketDataError) -> [LOBSTERBookRow] {
    var out: [LOBSTERBookRow] = []
    while let row = try next() { out.append(row) }
    return out
  }

  private func at(_ field: Int) -> DataLocation {
    let column = field < fields.count ? fields.column(field) : 1
    return DataLocation(
      path: scanner.name,
      line: scanner.line,
      column: column,
      byteOffset: scanner.lineOffset + column - 1
    )
  }

  private func decode() throws(Diagnostic) -> LOBSTERBookRow {
    let expected = levels.map { $0 * 4 }
    guard fields.count > 0, fields.count % 4 == 0, expected == nil || expected == fields.count
    else {
      throw LOBSTERDiagnostics.bookColumns(expected: expected, found: fields.count, at: at(0))
    }
    if levels == nil { levels = fields.count / 4 }
    var row = LOBSTERBookRow()
    row.asks.reserveCapacity(fields.count / 4)
    row.bids.reserveCapacity(fields.count / 4)
    for level in 0..<(fields.count / 4) {
      let f = level * 4
      if let ask = try self.level(priceField: f, empty: LOBSTERBookRow.emptyAskPrice) {
        row.asks.append(ask)
      }
      if let bid = try self.level(priceField: f + 2, empty: LOBSTERBookRow.emptyBidPrice) {
        row.bids.append(bid)
      }
    }
    return row
  }

  /// The column names, for messages (one shared array: a local one was allocated per level).
  private static let names = ["ask price", "ask size", "bid price", "bid size"]

  private func level(priceField f: Int, empty: Int64) throws(Diagnostic) -> BookLevel? {
    let names = Self.names
    guard let price = fields.integer(f), price.magnitude <= Int64.max / 10_000 else {
      throw LOBSTERDiagnostics.badNumber(column: names[f % 4], found: fields.quoted(f), at: at(f))
    }
    guard let size = fields.integer(f + 1) else {
      throw LOBSTERDiagnostics.badNumber(
        column: names[(f + 1) % 4],
        found: fields.quoted(f + 1),
        at: at(f + 1)
      )
    }
    guard size >= 0, size <= LOBSTERDiagnostics.maximumSize else {
      throw LOBSTERDiagnostics.badSize(found: size, at: at(f + 1))
    }
    if price == empty {
      guard size == 0 else { throw LOBSTERDiagnostics.dummyWithSize(found: size, at: at(f + 1)) }
      return nil
    }
    guard price > 0 else {
      throw LOBSTERDiagnostics.badPrice(found: fields.quoted(f), isHalt: false, at: at(f))
    }
    return BookLevel(price: price * 10_000, quantity: size, orders: 0)
  }
}
