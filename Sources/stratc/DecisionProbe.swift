import StratABI
import StratInterpreter

/// Wraps the interpreter in a re-run for `stratc explain`: forwards every call and, right after
/// step number `step` (1-based), keeps the named values the step computed.
final class DecisionProbe: StrategyExecutor {
  let inner: Interpreter
  let step: Int
  private var steps = 0
  /// The named values after the probed step; nil until it ran.
  private(set) var values: [(name: String, value: StepValue)]?
  /// The decisions of the probed step, in program order.
  private(set) var decisionsMade: [Decision] = []

  init(_ inner: Interpreter, step: Int) {
    self.inner = inner
    self.step = step
  }

  var interface: StrategyInterface { inner.interface }
  var decisions: UnsafeBufferPointer<Decision> { inner.decisions }

  func reset() {
    steps = 0
    values = nil
    inner.reset()
  }

  func setBar(instrument: Int, bar: Bar) { inner.setBar(instrument: instrument, bar: bar) }
  func setInput(instrument: Int, field: InputField, value: Double) {
    inner.setInput(instrument: instrument, field: field, value: value)
  }
  func markSeen(instrument: Int) { inner.markSeen(instrument: instrument) }
  func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) { try inner.setParameter(value) }

  func step(timeNanos: Int64) -> Int {
    let n = inner.step(timeNanos: timeNanos)
    steps += 1
    if steps == step {
      values = inner.namedValues()
      decisionsMade = Array(inner.decisions)
    }
    return n
  }
}
