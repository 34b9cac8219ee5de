import Foundation
import StratABI
import StratFixed
import StratInterpreter

/// `hls-sim --compare`: the fixed-point kernel against the double interpreter on the same ticks.
/// A step differs when its decisions differ in number, kind, instrument, whole units of
/// quantity, or price in the order layer's 1e-8 (`Price(rounding:)`): what an order would carry.
public struct HLSComparison: Sendable {
  public var steps = 0
  public var fixedDecisions = 0
  public var doubleDecisions = 0
  /// The indices of the ticks whose decisions differ.
  public var differingSteps: [Int] = []

  public static func run(_ plan: KernelPlan, _ ticks: [Tick]) -> HLSComparison {
    var result = HLSComparison()
    guard let interpreter = try? Interpreter(module: plan.reference) else { return result }
    var fixed = FixedExecutor(plan: plan)
    for (t, tick) in ticks.enumerated() {
      feed(interpreter, tick, plan)
      let n = interpreter.step(timeNanos: tick.time)
      let reference = interpreter.decisions.prefix(n).map { key($0.kind, Int($0.instrument), $0.quantity, $0.price, plan) }
      let kernel = fixed.step(tick).map { o -> String in
        let slot = plan.outputs[o.slot]
        let q = slot.quantity.exact(raw: o.quantity).doubleValue
        var p = Double.nan
        if let raw = o.price, let f = slot.price { p = f.exact(raw: raw).doubleValue }
        return key(slot.kind, slot.instrument, q, p, plan)
      }
      result.steps += 1
      result.fixedDecisions += kernel.count
      result.doubleDecisions += reference.count
      if kernel != reference { result.differingSteps.append(t) }
    }
    return result
  }

  static func feed(_ interpreter: Interpreter, _ tick: Tick, _ plan: KernelPlan) {
    guard !plan.readsBook else { return feedBook(interpreter, tick, plan) }
    for i in tick.updates.indices where tick.updates[i] {
      var fields = [Double](repeating: 0, count: 5)
      for (c, input) in plan.inputs.enumerated() where input.instrument == i {
        fields[input.field.rawValue] = Double(tick.values[c]) / Double(input.scale)
      }
      interpreter.setBar(
        instrument: i, bar: Bar(open: fields[0], high: fields[1], low: fields[2], close: fields[3], volume: fields[4]))
    }
  }

  /// A book event, as the book backtest publishes it: the instrument's fields (NaN for an
  /// empty side), then its seen mark.
  static func feedBook(_ interpreter: Interpreter, _ tick: Tick, _ plan: KernelPlan) {
    for (c, input) in plan.inputs.enumerated() where tick.updates[input.instrument] {
      let v = tick.values[c]
      interpreter.setInput(instrument: input.instrument, field: input.field, value: v < 0 ? .nan : Double(v) / Double(input.scale))
    }
    for i in tick.updates.indices where tick.updates[i] { interpreter.markSeen(instrument: i) }
  }

  static func key(_ kind: DecisionKind, _ instrument: Int, _ q: Double, _ p: Double, _ plan: KernelPlan) -> String {
    let units = q.isFinite ? String(Int64(q.rounded(.toNearestOrAwayFromZero))) : "nan"
    let price = !p.isFinite ? "-" : abs(p) < 9e10 ? String(Int64((p * 1e8).rounded(.toNearestOrAwayFromZero))) : "\(p)"
    return "\(kind) \(instrument) \(units) \(price)"
  }

  public var text: String {
    let first = differingSteps.prefix(10).map(String.init).joined(separator: ", ")
    return "compared \(steps) ticks: \(fixedDecisions) decisions in fixed point, \(doubleDecisions) in double; "
      + "\(differingSteps.count) ticks differ" + (differingSteps.isEmpty ? "" : " (first: \(first))") + "\n"
  }
}
