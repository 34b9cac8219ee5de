/// The OMS's positions and average entry prices per (venue, instrument) for one strategy, from
/// the fills of its orders: what a live engine with several gateways reports per venue (the
/// strategy itself sees the totals, `OrderStateFeed`). Sized once per venue; a fill allocates
/// nothing unless it names a venue not seen before.
package struct VenuePositions: Sendable {
  package let instrumentCount: Int
  package private(set) var venueCount: Int
  /// Indexed `venue * instrumentCount + instrument`.
  private var quantity: [Int64]
  private var average: [Double]

  package init(instrumentCount: Int, venues: Int = 1) {
    self.instrumentCount = instrumentCount
    venueCount = max(venues, 1)
    quantity = Array(repeating: 0, count: venueCount * instrumentCount)
    average = Array(repeating: .nan, count: venueCount * instrumentCount)
  }

  /// Books a fill of `quantity` (signed) at `price` (1e-8 units) on `venue`.
  package mutating func record(venue: Int, instrument i: Int, quantity q: Int64, price: Int64) {
    guard venue >= 0, i >= 0, i < instrumentCount else { return }
    if venue >= venueCount { grow(to: venue + 1) }
    let k = venue * instrumentCount + i
    average[k] = Self.averagePrice(average[k], before: quantity[k], fill: q, at: price)
    quantity[k] = quantity[k] &+ q
  }

  /// The position of instrument `i` on `venue` (0 for a venue never traded).
  package func position(venue: Int, instrument i: Int) -> Int64 {
    venue >= 0 && venue < venueCount && i >= 0 && i < instrumentCount ? quantity[venue * instrumentCount + i] : 0
  }

  /// The average entry price (NaN while flat) of instrument `i` on `venue`.
  package func averagePrice(venue: Int, instrument i: Int) -> Double {
    venue >= 0 && venue < venueCount && i >= 0 && i < instrumentCount ? average[venue * instrumentCount + i] : .nan
  }

  /// The position of instrument `i` over every venue.
  package func total(instrument i: Int) -> Int64 {
    (0..<venueCount).reduce(0) { $0 &+ position(venue: $1, instrument: i) }
  }

  private mutating func grow(to venues: Int) {
    quantity += Array(repeating: 0, count: (venues - venueCount) * instrumentCount)
    average += Array(repeating: .nan, count: (venues - venueCount) * instrumentCount)
    venueCount = venues
  }

  /// The volume-weighted entry price after a fill: it moves on fills that add to the position,
  /// stays on fills that reduce it, restarts at the fill price when the position flips, and is
  /// NaN while flat. One rule for the strategy's view and the OMS's.
  package static func averagePrice(_ average: Double, before: Int64, fill quantity: Int64, at price: Int64) -> Double {
    let after = before &+ quantity
    let fillPrice = Double(price) / 1e8
    if after == 0 { return .nan }
    if before == 0 || (before > 0) != (after > 0) { return fillPrice }
    if (quantity > 0) == (before > 0) {
      let held = Double(before.magnitude)
      let added = Double(quantity.magnitude)
      return (average * held + fillPrice * added) / (held + added)
    }
    return average
  }
}
