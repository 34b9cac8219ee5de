/// Replays a LOBSTER message file and checks the rebuilt book against LOBSTER's orderbook file
/// after every message, on the levels the messages determine.
///
/// **Which levels the messages determine.** LOBSTER's sample starts mid-day and reports only
/// messages that touch the top N levels, so some quantity is never explained by a message. Let
/// the *visible range* of a side at row t be every price at or better than the row's N-th level
/// when the row shows N levels on that side, and every price when it shows fewer (the whole
/// side is then visible). Row 1 seeds the book: after message 1 the quantity at each price in
/// its visible range is set to the row's. For t ≥ 2, a price is **determined** at row t when
/// it lies in the visible range of both row t-1 and row t: its quantity after row t-1 was known
/// and every message that changes it is in the file. Each determined price where the rebuilt
/// book or the row has quantity is one level compared (the row's quantity is 0 when it shows no
/// level there). Prices in row t's visible range but not in row t-1's have *entered the visible
/// depth from beyond it*, where messages were not reported: they are the only exclusion; their
/// quantity is taken from row t and tracked from then on. Messages about orders the book never
/// saw take their size off that seeded quantity at the message's price.
public final class BookAgreement {
  /// The rebuilt book (known orders plus seeded quantity).
  public let book = SeededBook(takesStatedSizes: true)
  /// The counts so far.
  public private(set) var report: AgreementReport
  /// The previous row's visible-range bound per side (`bound(nil)` = the whole side).
  private var previousBound: [Int64?] = [nil, nil]
  private var seeded = false

  /// Starts a comparison with an orderbook file of `levels` levels.
  public init(levels: Int) { report = AgreementReport(levels: levels) }

  /// Replays `messages` and compares after each with the same-numbered row of `orderbook`.
  public static func measure(
    messages: [OrderEvent],
    orderbook: [LOBSTERBookRow],
    levels: Int
  ) -> AgreementReport {
    let agreement = BookAgreement(levels: levels)
    for (event, row) in zip(messages, orderbook) {
      agreement.apply(event)
      agreement.compare(with: row)
    }
    agreement.report.messages = messages.count
    agreement.report.rows = orderbook.count
    return agreement.report
  }

  /// Applies the next message.
  public func apply(_ event: OrderEvent) {
    book.apply(event)
    report.messages += 1
    report.unknownOrderMessages = book.unknownOrderMessages
  }

  /// Compares the book with the row for the message just applied, then takes the levels the
  /// messages did not determine from the row. Returns true when every determined level agreed.
  @discardableResult
  public func compare(with row: LOBSTERBookRow) -> Bool {
    report.rows += 1
    guard seeded else {
      seed(row)
      return true
    }
    report.rowsCompared += 1
    var agreed = true
    var full = true
    for side in [Side.sell, .buy] {
      let bound = visibleBound(row, side)
      let previous = previousBound[Int(side.rawValue)]
      agreed = compareDetermined(row, side, within: tighter(bound, previous, side)) && agreed
      if let previous, bound == nil || better(previous, than: bound!, side) {
        full = false
        takeEntering(row, side, beyond: previous, within: bound)
      }
      previousBound[Int(side.rawValue)] = bound
    }
    if agreed { report.rowsAgreeing += 1 }
    if full {
      report.rowsFullyDetermined += 1
      if agreed { report.rowsFullyDeterminedAgreeing += 1 }
    }
    return agreed
  }

  private func seed(_ row: LOBSTERBookRow) {
    seeded = true
    for side in [Side.sell, .buy] {
      let bound = visibleBound(row, side)
      var changes: [(Int64, Int64)] = []
      forEachPrice(row, side, within: bound, beyond: nil) { price, expected, _ in
        changes.append((price, expected))
      }
      for (price, quantity) in changes { book.setQuantity(side, at: price, to: quantity) }
      report.levelsSeeded += row.levels(side).count
      previousBound[Int(side.rawValue)] = bound
    }
  }

  private func compareDetermined(_ row: LOBSTERBookRow, _ side: Side, within bound: Int64?) -> Bool
  {
    var agreed = true
    forEachPrice(row, side, within: bound, beyond: nil) { price, expected, found in
      report.levelsCompared += 1
      if expected == found {
        report.levelsAgreeing += 1
      } else {
        agreed = false
        if report.firstDisagreements.count < 20 {
          report.firstDisagreements.append(
            .init(row: report.rows, side: side, price: price, expected: expected, found: found)
          )
        }
      }
    }
    return agreed
  }

  private func takeEntering(_ row: LOBSTERBookRow, _ side: Side, beyond: Int64, within: Int64?) {
    var changes: [(Int64, Int64)] = []
    forEachPrice(row, side, within: within, beyond: beyond) { price, expected, _ in
      if expected > 0 { report.levelsEntered += 1 } else { report.staleLevelsCleared += 1 }
      changes.append((price, expected))
    }
    for (price, quantity) in changes { book.setQuantity(side, at: price, to: quantity) }
  }

  /// Calls `body(price, row quantity, book quantity)` for every price with quantity in the book
  /// or the row, at or better than `within` (nil: all) and strictly worse than `beyond` (nil: no
  /// limit), best first: a merge of the two best-first lists.
  private func forEachPrice(
    _ row: LOBSTERBookRow,
    _ side: Side,
    within: Int64?,
    beyond: Int64?,
    _ body: (Int64, Int64, Int64) -> Void
  ) {
    let ours = book.levels(side, within: within)
    let theirs = row.levels(side)
    var i = 0
    var j = 0
    while i < ours.count || j < theirs.count {
      let a = i < ours.count ? ours[i].price : nil
      var b = j < theirs.count ? theirs[j].price : nil
      if let p = b, let within, better(within, than: p, side) {
        b = nil
        j = theirs.count
      }
      guard a != nil || b != nil else { break }
      let price: Int64
      var expected: Int64 = 0
      var found: Int64 = 0
      if let a, b == nil || a == b! || better(a, than: b!, side) {
        price = a
        found = ours[i].quantity
        i += 1
        if a == b {
          expected = theirs[j].quantity
          j += 1
        }
      } else {
        price = b!
        expected = theirs[j].quantity
        found = book.quantity(side, at: price)
        j += 1
      }
      if let beyond, !better(beyond, than: price, side) { continue }
      body(price, expected, found)
    }
  }

  /// The worst visible price of a full side, nil when the row shows the whole side.
  private func visibleBound(_ row: LOBSTERBookRow, _ side: Side) -> Int64? {
    let levels = row.levels(side)
    return levels.count >= report.levels ? levels.last?.price : nil
  }

  private func better(_ a: Int64, than b: Int64, _ side: Side) -> Bool {
    side == .buy ? a > b : a < b
  }

  /// The narrower of two visible ranges.
  private func tighter(_ a: Int64?, _ b: Int64?, _ side: Side) -> Int64? {
    guard let a else { return b }
    guard let b else { return a }
    return better(a, than: b, side) ? a : b
  }
}
