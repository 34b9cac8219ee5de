import StratABI

/// Binds a strategy's instruments to a feed's instrument numbers by symbol, for a backtest and
/// the engine alike.
package enum FeedBinding {
  /// The feed number of each instrument, or the first instrument whose symbol the feed lacks or
  /// carries under more than one number (two ITCH `R` messages for one stock: which one's orders
  /// are the book would otherwise depend on a dictionary's order).
  package static func numbers(
    _ interface: StrategyInterface, symbols: [UInt32: String]
  ) -> Result<[UInt32], Unbound> {
    var numbers: [UInt32] = []
    for instrument in interface.instruments {
      let matching = symbols.filter { $0.value == instrument.symbol }.keys.sorted()
      guard matching.count == 1 else {
        return .failure(Unbound(instrument: instrument, available: symbols.values.sorted(), numbers: matching))
      }
      numbers.append(matching[0])
    }
    return .success(numbers)
  }

  /// An instrument whose symbol the feed does not carry, or carries more than once.
  package struct Unbound: Error {
    package let instrument: InstrumentBinding
    package let available: [String]
    /// The feed's numbers for the symbol: none, or more than one.
    package let numbers: [UInt32]

    /// What is wrong, naming the feed as `feed` ("data.itch", "the feed").
    package func message(feed: String) -> String {
      let head = "instrument `\(instrument.name)` is bound to `\(instrument.symbol)`, which \(feed)"
      guard !numbers.isEmpty else { return head + " does not carry" }
      return head + " carries under \(numbers.count) instrument numbers (\(numbers.map(String.init).joined(separator: ", ")))"
    }

    /// What the user can do about it.
    package var notes: [String] {
      numbers.isEmpty
        ? ["its symbols: " + Set(available).sorted().joined(separator: ", "),
           "bind it with --instrument \(instrument.name)=SYMBOL"]
        : ["a feed names each symbol once (one ITCH stock directory message a day); this one is ambiguous"]
    }
  }
}
