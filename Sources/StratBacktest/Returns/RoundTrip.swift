import StratRuntime
import StratMarket

/// One matched piece of a position: units opened by one fill and closed by a later one (FIFO).
/// A fill that closes several lots gives one trip per lot; a lot closed by several fills gives
/// one trip per closing fill, so every trip has a single entry and a single exit price.
public struct RoundTrip: Sendable, Equatable {
  /// Long (opened by a buy) or short (opened by a sell).
  public enum Side: String, Sendable {
    /// Bought first, sold to close.
    case long = "LONG"
    /// Sold first, bought to close.
    case short = "SHORT"
  }

  /// Instrument index (the strategy's instrument order).
  public var instrument: Int
  /// Which way the position was.
  public var side: Side
  /// Time of the opening fill, ns since the epoch.
  public var entryTime: Int64
  /// Time of the closing fill.
  public var exitTime: Int64
  /// Units matched, positive.
  public var quantity: Int64
  /// Price of the opening fill.
  public var entryPrice: Price
  /// Price of the closing fill.
  public var exitPrice: Price
  /// The fees of both fills that fall on these units (each fill's fee split by units, exactly:
  /// the last piece of a fill takes the remainder, so the pieces sum to the fee).
  public var fees: Money
  /// Net P&L: (exit − entry) × quantity for a long, (entry − exit) × quantity for a short,
  /// minus `fees`.
  public var pnl: Money

  /// The time the position was held, ns.
  public var duration: Int64 { exitTime &- entryTime }
}

/// Round trips of a ledger's fills and the lots still open at the end.
public struct RoundTrips: Sendable, Equatable {
  /// Closed trips in the order they closed (then by the lot's opening order).
  public var closed: [RoundTrip]
  /// Lots still open after the last fill (they have no exit, so no row).
  public var openLots: Int

  /// Matches `fills` (booking order) per instrument, first in, first out. A fill against the
  /// position closes lots from the oldest; what it has left opens a lot the other way.
  public static func matching(_ fills: [Fill], instrumentCount: Int) -> RoundTrips {
    var books = [[OpenLot]](repeating: [], count: instrumentCount)
    var heads = [Int](repeating: 0, count: instrumentCount)
    var closed: [RoundTrip] = []
    for fill in fills where books.indices.contains(fill.instrument) {
      var exit = OpenLot(fill)
      let i = fill.instrument
      while exit.units > 0, heads[i] < books[i].count, books[i][heads[i]].isLong != exit.isLong {
        let units = min(exit.units, books[i][heads[i]].units)
        let entryFee = books[i][heads[i]].takeFee(units: units)
        let exitFee = exit.takeFee(units: units)
        closed.append(trip(books[i][heads[i]], exit, units: units, fees: entryFee &+ exitFee))
        if books[i][heads[i]].units == 0 { heads[i] += 1 }
      }
      if exit.units > 0 { books[i].append(exit) }
    }
    let open = books.indices.reduce(0) { $0 + books[$1].count - heads[$1] }
    return RoundTrips(closed: closed, openLots: open)
  }

  /// The trip of `units` of `entry` closed by `exit` (overflow saturates: the ledger has already
  /// refused amounts that do not fit).
  private static func trip(_ entry: OpenLot, _ exit: OpenLot, units: Int64, fees: Int64)
    -> RoundTrip
  {
    let move = entry.isLong ? exit.price &- entry.price : entry.price &- exit.price
    let gross = move.multipliedReportingOverflow(by: units)
    let pnl = gross.overflow ? (move > 0 ? Int64.max : Int64.min) : gross.partialValue
    return RoundTrip(
      instrument: entry.instrument,
      side: entry.isLong ? .long : .short,
      entryTime: entry.time,
      exitTime: exit.time,
      quantity: units,
      entryPrice: Price(raw: entry.price),
      exitPrice: Price(raw: exit.price),
      fees: Money(raw: fees),
      pnl: Money(raw: pnl &- fees)
    )
  }
}

/// The unmatched rest of one fill, with the part of its fee not yet given to a trip.
private struct OpenLot {
  var instrument: Int
  var time: Int64
  var price: Int64
  var isLong: Bool
  var units: Int64
  var fee: Int64

  init(_ fill: Fill) {
    instrument = fill.instrument
    time = fill.time
    price = fill.price.raw
    isLong = fill.quantity.units > 0
    units = fill.size
    fee = fill.fee.raw
  }

  /// Removes `units` and returns their share of the remaining fee, fee × units ÷ remaining
  /// (rounded toward zero; the last units take what is left, so nothing is lost).
  mutating func takeFee(units taken: Int64) -> Int64 {
    defer { units -= taken }
    guard taken < units else {
      defer { fee = 0 }
      return fee
    }
    let product = fee.multipliedFullWidth(by: taken)
    let share = units.dividingFullWidth(product).quotient
    fee -= share
    return share
  }
}
