import StratABI

/// What a strategy sees of its own trading (`a.position`, `a.avg_price`, `a.open_orders`,
/// `a.open_buy`, `a.open_sell`, `a.fills`): kept per instrument from fills and open orders, and
/// written into the executor's input record before each step. Bar and book backtests share it,
/// and so will the live engine, so a strategy sees the same values on every path.
///
/// The average price is the volume-weighted entry price of the open position: it moves on fills
/// that add to the position, stays on fills that reduce it, restarts at the fill price when the
/// position flips, and is NaN while flat (so rules reading it wait for a position).
package struct OrderStateFeed {
  package private(set) var position: [Int64]
  package private(set) var averagePrice: [Double]
  package private(set) var fills: [Int]
  package private(set) var openOrders: [Int]
  package private(set) var openBuy: [Int64]
  package private(set) var openSell: [Int64]
  /// False when the strategy reads none of these fields: the loop then skips publishing.
  package let isRead: Bool

  package init(instrumentCount: Int, fieldsRead: [InputField]) {
    position = Array(repeating: 0, count: instrumentCount)
    averagePrice = Array(repeating: .nan, count: instrumentCount)
    fills = Array(repeating: 0, count: instrumentCount)
    openOrders = Array(repeating: 0, count: instrumentCount)
    openBuy = Array(repeating: 0, count: instrumentCount)
    openSell = Array(repeating: 0, count: instrumentCount)
    isRead = fieldsRead.contains { $0.isOrderState }
  }

  /// Records a fill of `quantity` (signed) at `price` (1e-8 units).
  package mutating func recordFill(instrument i: Int, quantity: Int64, price: Int64) {
    averagePrice[i] = VenuePositions.averagePrice(averagePrice[i], before: position[i], fill: quantity, at: price)
    position[i] = position[i] &+ quantity
    fills[i] += 1
  }

  /// Forgets the open orders before they are counted again.
  package mutating func clearOpenOrders() {
    for i in openOrders.indices {
      openOrders[i] = 0
      openBuy[i] = 0
      openSell[i] = 0
    }
  }

  /// Counts one open order of `quantity` units (positive buys, negative sells).
  package mutating func addOpenOrder(instrument i: Int, quantity: Int64) {
    openOrders[i] += 1
    if quantity > 0 { openBuy[i] += quantity } else { openSell[i] -= quantity }
  }

  /// Writes every instrument's order state into the executor's input record.
  package func publish<E: StrategyExecutor>(to executor: E) {
    guard isRead else { return }
    for i in position.indices {
      executor.setInput(instrument: i, field: .position, value: Double(position[i]))
      executor.setInput(instrument: i, field: .avgPrice, value: averagePrice[i])
      executor.setInput(instrument: i, field: .openOrders, value: Double(openOrders[i]))
      executor.setInput(instrument: i, field: .openBuy, value: Double(openBuy[i]))
      executor.setInput(instrument: i, field: .openSell, value: Double(openSell[i]))
      executor.setInput(instrument: i, field: .fills, value: Double(fills[i]))
    }
  }
}
