import StratABI

/// An executor that does nothing: the backtester's loop around it is the harness cost alone
/// (merge, bar conversion, equity per step, metrics), which every backend pays the same.
final class NullExecutor: StrategyExecutor {
  let interface: StrategyInterface
  private let none = UnsafeMutablePointer<Decision>.allocate(capacity: 1)

  init(like interface: StrategyInterface) { self.interface = interface }
  deinit { none.deallocate() }

  var decisions: UnsafeBufferPointer<Decision> { UnsafeBufferPointer(start: none, count: 0) }
  func reset() {}
  func setBar(instrument: Int, bar: Bar) {}
  func setInput(instrument: Int, field: InputField, value: Double) {}
  func markSeen(instrument: Int) {}
  func step(timeNanos: Int64) -> Int { 0 }
  /// Checked like a real executor's, then ignored: nothing reads it.
  func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) {
    _ = try ParameterTable(derivedFrom: interface.params).slot(for: value).get()
  }
}
