import StratABI

/// Binds a strategy's instruments to a feed's instrument numbers by symbol, for a backtest and
/// the engine alike.
package enum FeedBinding {
  /// The feed number of each instrument, or the first instrument whose symbol the feed lacks.
  package static func numbers(
    _ interface: StrategyInterface, symbols: [UInt32: String]
  ) -> Result<[UInt32], Unbound> {
    var numbers: [UInt32] = []
    for instrument in interface.instruments {
      guard let number = symbols.first(where: { $0.value == instrument.symbol })?.key else {
        return .failure(Unbound(instrument: instrument, available: symbols.values.sorted()))
      }
      numbers.append(number)
    }
    return .success(numbers)
  }

  /// An instrument whose symbol the feed does not carry.
  package struct Unbound: Error {
    package let instrument: InstrumentBinding
    package let available: [String]
  }
}
