import StratABI
import StratMarket

/// Writes what a strategy reads of an order book into its input record: the levels it reads
/// (only as deep as its deepest `bid_price(x, k)`), and the last trade. Fields of a level beyond
/// the book's depth are NaN, so rules reading them wait.
package struct BookStrategyFeed {
  /// The deepest level the strategy reads (0 when it reads no book field).
  package let levels: Int
  /// True when it reads `last`, `last_size` or `traded`.
  package let readsTrades: Bool
  /// Whether the previous event set `traded` (cleared on the next event).
  private var tradedFlag: [Bool]

  package init(fieldsRead: [InputField], instrumentCount: Int) {
    levels = fieldsRead.compactMap { $0.bookLevel?.level }.max() ?? 0
    readsTrades = fieldsRead.contains { $0 == .last || $0 == .lastSize || $0 == .traded }
    tradedFlag = Array(repeating: false, count: instrumentCount)
  }

  /// Publishes `book`'s top levels for `instrument`.
  package func publishLevels<E: StrategyExecutor>(_ book: some BookView, instrument i: Int, to executor: E) {
    for k in 0..<levels {
      let bid = book.level(.buy, k)
      let ask = book.level(.sell, k)
      executor.setInput(instrument: i, field: .bidPrice(k + 1), value: bid.map { Double($0.price) / 1e8 } ?? .nan)
      executor.setInput(instrument: i, field: .bidSize(k + 1), value: bid.map { Double($0.quantity) } ?? .nan)
      executor.setInput(instrument: i, field: .askPrice(k + 1), value: ask.map { Double($0.price) / 1e8 } ?? .nan)
      executor.setInput(instrument: i, field: .askSize(k + 1), value: ask.map { Double($0.quantity) } ?? .nan)
    }
  }

  /// Publishes the trade printed by this event (price in 1e-8 units), or clears `traded`.
  package mutating func publishTrade<E: StrategyExecutor>(
    price: Int64?, quantity: Int64, instrument i: Int, to executor: E
  ) {
    guard readsTrades else { return }
    if let price {
      executor.setInput(instrument: i, field: .last, value: Double(price) / 1e8)
      executor.setInput(instrument: i, field: .lastSize, value: Double(quantity))
      executor.setInput(instrument: i, field: .traded, value: 1)
      tradedFlag[i] = true
    } else if tradedFlag[i] {
      executor.setInput(instrument: i, field: .traded, value: 0)
      tradedFlag[i] = false
    }
  }
}
