import StratDiagnostics

/// Streams a LOBSTER message file (`time,type,order id,size,price,direction`, no header) as
/// `OrderEvent`s, one line at a time, with exact times and prices.
///
/// Mapping: 1 → add, 2 → cancel (partial), 3 → delete, 4 → execute (visible), 5 → hiddenTrade,
/// 6 → crossTrade, 7 → tradingState. Time is seconds after midnight, converted to nanoseconds by
/// integer arithmetic only; more than 9 decimals (float artefacts in real files) are rounded to
/// the nearest nanosecond, ties to even, and counted in `roundedTimes`. Price ×10000 becomes
/// `Price.raw` (×1e8) and must be above 0. Direction 1 is buy, -1 sell (for executions, the side
/// of the resting order). A cross trade (6) names a pseudo order with a negative id (-1 opening,
/// -2 closing, …), kept as its two's complement. A type-7 row's price says halt (-1), quoting
/// (0) or resume (1), nothing else; the event's quantity is 1 while trading is halted (halt,
/// quoting) and 0 once it resumes.
public final class LOBSTERMessageReader {
  /// What the reader does with a malformed line.
  public let policy: MalformedInputPolicy
  /// Lines skipped as malformed (policy `.skip`).
  public private(set) var skipped = 0
  /// The first few diagnostics of skipped lines, for a report.
  public private(set) var skippedDiagnostics: [Diagnostic] = []
  /// Messages returned so far.
  public private(set) var messages = 0
  /// Messages whose time had more than 9 decimals and was rounded to the nanosecond.
  public private(set) var roundedTimes = 0

  private let scanner: LOBSTERLineScanner
  private var fields = LOBSTERFields()
  private let session: SessionClock
  private var lastTime = Int64.min
  private static let keptDiagnostics = 20

  /// Reads `stream`, turning times of day into UTC instants with `session` (the exchange's clock).
  public init(stream: ByteStream, session: SessionClock, policy: MalformedInputPolicy = .stop) {
    scanner = LOBSTERLineScanner(stream: stream)
    self.session = session
    self.policy = policy
  }

  /// Reads `stream` whose times count from the UTC instant `sessionMidnightNanos`.
  public convenience init(stream: ByteStream, sessionMidnightNanos: Int64, policy: MalformedInputPolicy = .stop) {
    self.init(stream: stream, session: SessionClock(utcMidnightNanos: sessionMidnightNanos), policy: policy)
  }

  /// Opens the file at `path` (gzip or plain); the session date is `date` (YYYY-MM-DD) or comes from the name.
  public convenience init(
    path: String,
    date: String? = nil,
    policy: MalformedInputPolicy = .stop
  ) throws(MarketDataError) {
    let session = try LOBSTERFileName.sessionClock(path: path, date: date)
    self.init(stream: try ByteStreams.open(path: path), session: session, policy: policy)
  }

  /// The 1-based line number of the message last returned.
  public var line: Int { scanner.line }

  /// The location of the message last returned (start of its line).
  public var location: DataLocation {
    DataLocation(path: scanner.name, line: scanner.line, column: 1, byteOffset: scanner.lineOffset)
  }

  /// Returns the next message, nil at the end of the file; throws at a malformed line under
  /// `.stop`, skips it under `.skip`.
  public func next() throws(MarketDataError) -> OrderEvent? {
    while let result = try nextResult() {
      switch result {
      case .success(let event): return event
      case .failure(let error):
        guard policy == .skip else { throw MarketDataError(diagnostics: [error]) }
        skipped += 1
        if skippedDiagnostics.count < Self.keptDiagnostics { skippedDiagnostics.append(error) }
      }
    }
    return nil
  }

  /// The next line, decoded or not, nil at the end of the file; the policy is the caller's
  /// (`LOBSTERPairedReader` skips a message and its book row together).
  func nextResult() throws(MarketDataError) -> Result<OrderEvent, Diagnostic>? {
    guard let line = try scanner.nextLine() else { return nil }
    fields.split(line)
    do throws(Diagnostic) {
      let event = try decode()
      messages += 1
      return .success(event)
    } catch {
      return .failure(error)
    }
  }

  /// Reads every remaining message.
  public func readAll() throws(MarketDataError) -> [OrderEvent] {
    var out: [OrderEvent] = []
    while let event = try next() { out.append(event) }
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

  private func integer(_ i: Int) throws(Diagnostic) -> Int64 {
    guard let value = fields.integer(i) else {
      throw LOBSTERDiagnostics.badNumber(
        column: LOBSTERDiagnostics.messageColumns[i],
        found: fields.quoted(i),
        at: at(i)
      )
    }
    return value
  }

  private func decode() throws(Diagnostic) -> OrderEvent {
    guard fields.count == 6 else {
      throw LOBSTERDiagnostics.fieldCount(expected: 6, found: fields.count, at: at(0))
    }
    guard let (ofDay, rounded) = fields.nanosOfDay(0) else {
      throw LOBSTERDiagnostics.badTime(found: fields.quoted(0), at: at(0))
    }
    let type = try integer(1)
    let id = try integer(2)
    let size = try integer(3)
    let price = try integer(4)
    let direction = try integer(5)
    guard (1...7).contains(type) else { throw LOBSTERDiagnostics.badType(found: type, at: at(1)) }
    guard id >= 0 || type == 6 else {
      throw LOBSTERDiagnostics.badNumber(column: "order id", found: fields.quoted(2), at: at(2))
    }
    guard size >= 0, size <= LOBSTERDiagnostics.maximumSize else {
      throw LOBSTERDiagnostics.badSize(found: size, at: at(3))
    }
    guard direction == 1 || direction == -1 else {
      throw LOBSTERDiagnostics.badDirection(found: direction, at: at(5))
    }
    try checkPrice(price, type: type)
    let (raw, overflow) = price.multipliedReportingOverflow(by: 10_000)
    guard !overflow else {
      throw LOBSTERDiagnostics.badNumber(column: "price", found: fields.quoted(4), at: at(4))
    }
    let time = session.utcNanos(nanosOfDay: ofDay)
    guard time >= lastTime else {
      throw LOBSTERDiagnostics.timeBackwards(previous: lastTime, found: time, at: at(0))
    }
    lastTime = time
    if rounded { roundedTimes += 1 }
    return Self.event(
      time: time,
      type: type,
      id: UInt64(bitPattern: id),
      size: size,
      raw: raw,
      side: direction == 1 ? .buy : .sell
    )
  }

  /// A trading-halt row (7) says -1, 0 or 1 in its price; every other row needs a price above 0.
  private func checkPrice(_ price: Int64, type: Int64) throws(Diagnostic) {
    let valid = type == 7 ? (-1...1).contains(price) : price > 0
    guard !valid else { return }
    throw LOBSTERDiagnostics.badPrice(found: fields.quoted(4), isHalt: type == 7, at: at(4))
  }

  /// Event kinds by LOBSTER type 1…7.
  private static let kinds: [OrderEvent.Kind] = [
    .add, .cancel, .delete, .execute, .hiddenTrade, .crossTrade, .tradingState,
  ]

  private static func event(
    time: Int64,
    type: Int64,
    id: UInt64,
    size: Int64,
    raw: Int64,
    side: Side
  ) -> OrderEvent {
    let kind = kinds[Int(type) - 1]
    guard kind != .tradingState else {
      // -1 halt and 0 quoting: trading is halted; 1: trading resumes.
      return OrderEvent(timeNanos: time, kind: kind, side: side, quantity: raw > 0 ? 0 : 1)
    }
    return OrderEvent(
      timeNanos: time,
      kind: kind,
      side: side,
      orderID: id,
      price: raw,
      quantity: size
    )
  }
}
