import StratDiagnostics

/// The value checks a tick file passes before any row is handed out: a row no market has is a
/// `data.tick.bad-value` error at its file, record number and byte offset, never used silently
/// (a file written by `stratc data import` never fails them; a hand-made or damaged one may,
/// even with good checksums).
///
///     every kind  times never decrease when the header says `timeSorted` (bars: always
///                 strictly increase)
///     bars        0 < low ≤ open, close ≤ high; volume ≥ 0
///     trades      price > 0; quantity ≥ 0; side 0, 1 or 255
///     quotes      bid, ask > 0; sizes ≥ 0
///     orders      a known kind (1…8); side 0 or 1; price ≥ 0, and > 0 for add, replace and
///                 hidden-trade; quantity ≥ 0
///     book        prices and sizes ≥ 0
extension TickFile {
  /// One checked file's columns, read straight from the mapping.
  struct RowChecker {
    let base: UnsafeRawPointer
    let header: TickFileHeader
    let path: String
    /// The file offset of each column, indexed by its raw value.
    let columnOffsets: [Int]

    init(base: UnsafeRawPointer, header: TickFileHeader, path: String) {
      self.base = base
      self.header = header
      self.path = path
      var offsets = [Int](repeating: 0, count: 256)
      for entry in header.entries { offsets[Int(entry.column.rawValue)] = entry.offset }
      columnOffsets = offsets
    }

    /// Element `row` of `column` as `T`.
    @inline(__always)
    func value<T: FixedWidthInteger>(_ column: TickColumn, _ row: Int, as _: T.Type) -> T {
      T(littleEndian: base.loadUnaligned(fromByteOffset: offset(column, row), as: T.self))
    }

    /// The byte offset of element `row` of `column`.
    @inline(__always)
    func offset(_ column: TickColumn, _ row: Int) -> Int {
      columnOffsets[Int(column.rawValue)] + row * column.width
    }

    /// The diagnostic for a bad element.
    func bad(_ column: TickColumn, _ row: Int, _ expected: String, found: String) -> Diagnostic {
      TickDiagnostics.badValue(
        path: path, row: row, column: "\(column)", offset: offset(column, row), expected, found: found)
    }

    /// A 1e-8 count as a decimal.
    func decimal(_ raw: Int64) -> String { "\(Price(raw: raw))" }

    /// Checks every row; throws at the first bad value.
    func check() throws(Diagnostic) {
      try checkTimes()
      for row in 0..<header.rowCount {
        switch header.kind {
        case .bars: try checkBar(row)
        case .trades: try checkTrade(row)
        case .quotes: try checkQuote(row)
        case .orders: try checkOrder(row)
        case .book: try checkBook(row)
        }
      }
    }

    /// Times never decrease under `timeSorted`; bar times always strictly increase, as in a
    /// bar CSV (one bar per time).
    func checkTimes() throws(Diagnostic) {
      let bars = header.kind == .bars
      guard header.flags & TickFileHeader.flagTimeSorted != 0 || bars, header.rowCount > 1 else { return }
      var previous = value(.time, 0, as: Int64.self)
      for row in 1..<header.rowCount {
        let time = value(.time, row, as: Int64.self)
        if time < previous || (bars && time == previous) {
          let promise = bars ? "after" : "at or after"
          let why = bars ? "one bar per time" : "as the header's timeSorted flag says"
          throw bad(.time, row, "a time \(promise) \(Timestamp.iso8601(previous)) (row \(row - 1)), \(why)",
            found: Timestamp.iso8601(time))
        }
        previous = time
      }
    }

    func positive(_ column: TickColumn, _ row: Int, orZero: Bool = false) throws(Diagnostic) {
      let raw = value(column, row, as: Int64.self)
      if raw > 0 || (orZero && raw == 0) { return }
      throw bad(column, row, orZero ? "a value of 0 or more" : "a price above 0", found: decimal(raw))
    }

    func checkBar(_ row: Int) throws(Diagnostic) {
      for column in [TickColumn.open, .high, .low, .close] { try positive(column, row) }
      try positive(.volume, row, orZero: true)
      let (o, h, l, c) = (
        value(.open, row, as: Int64.self), value(.high, row, as: Int64.self),
        value(.low, row, as: Int64.self), value(.close, row, as: Int64.self)
      )
      if h < l { throw bad(.high, row, "a high at or above the low \(decimal(l))", found: decimal(h)) }
      if o < l || o > h {
        throw bad(.open, row, "an open within low … high (\(decimal(l)) … \(decimal(h)))", found: decimal(o))
      }
      if c < l || c > h {
        throw bad(.close, row, "a close within low … high (\(decimal(l)) … \(decimal(h)))", found: decimal(c))
      }
    }

    func checkTrade(_ row: Int) throws(Diagnostic) {
      try positive(.price, row)
      try positive(.quantity, row, orZero: true)
      let side = value(.side, row, as: UInt8.self)
      if side > 1 && side != 255 { throw bad(.side, row, "a side 0 (buy), 1 (sell) or 255 (unknown)", found: "\(side)") }
    }

    func checkQuote(_ row: Int) throws(Diagnostic) {
      try positive(.bid, row)
      try positive(.ask, row)
      try positive(.bidSize, row, orZero: true)
      try positive(.askSize, row, orZero: true)
    }

    func checkOrder(_ row: Int) throws(Diagnostic) {
      let code = value(.kind, row, as: UInt8.self)
      guard let kind = OrderEvent.Kind(rawValue: code) else {
        throw bad(.kind, row, "an event kind 1…8 (add … trading-state)", found: "\(code)")
      }
      let side = value(.side, row, as: UInt8.self)
      if side > 1 { throw bad(.side, row, "a side 0 (buy) or 1 (sell)", found: "\(side)") }
      try positive(.price, row, orZero: !kind.requiresPrice)
      try positive(.quantity, row, orZero: true)
    }

    func checkBook(_ row: Int) throws(Diagnostic) {
      for column in [TickColumn.bid, .bidSize, .ask, .askSize] { try positive(column, row, orZero: true) }
    }
  }
}

extension OrderEvent.Kind {
  /// True for the kinds whose price is the order's or the trade's own and so must be above 0
  /// (an execute's 0 means "at the resting order's price"; cross trades may have none).
  var requiresPrice: Bool { self == .add || self == .replace || self == .hiddenTrade }
}
