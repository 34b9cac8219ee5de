import StratFixed

/// The testbench's output, which `stratc hls-sim` writes too (Docs/HLS.md, "Output files"): one
/// line per output record, that is per tick on which at least one decision fires:
///
/// ```
/// TICK TIME_NS SLOT:QTY[:PRICE] ...
/// 41 1704205800000000000 0:fffffffffffff9c000000 1:64000000000
/// ```
/// TICK counts input lines from 0; SLOT is the decision's place in the step (its kind and
/// instrument are in the kernel header's table); QTY and PRICE are raw bits of their formats
/// in hexadecimal, never decimal, so a difference of one least significant bit shows. With a
/// `risk` block each word ends in what the risk stage did: `>N` sent an order of N whole units
/// (signed), `-` sent nothing (a zero or superseded order), `!CODE` denied it (CODE as in
/// the backtest's orders.csv, e.g. `max_position`).
public enum KernelOutputFile {
  public static func line(tick: Int, time: Int64, _ outputs: [FixedExecutor.Output], _ plan: KernelPlan) -> String {
    var words = ["\(tick)", "\(time)"]
    for o in outputs {
      let slot = plan.outputs[o.slot]
      var word = "\(o.slot):" + hex(o.quantity, slot.quantity)
      if let p = o.price, let f = slot.price { word += ":" + hex(p, f) }
      switch o.order {
      case .sent(let q)?: word += ">\(q)"
      case .skipped?: word += "-"
      case .denied(let code)?: word += "!" + code.rawValue
      case nil: break
      }
      words.append(word)
    }
    return words.joined(separator: " ") + "\n"
  }

  /// The format's W raw bits, as an unsigned hexadecimal number without leading zeros.
  public static func hex(_ raw: Int128, _ format: FixedFormat) -> String {
    String(UInt128(truncatingIfNeeded: raw) & ((UInt128(1) << format.width) - 1), radix: 16)
  }

  /// Runs `ticks` through a fresh executor; the whole output file.
  public static func simulate(_ plan: KernelPlan, _ ticks: [Tick]) -> String {
    var executor = FixedExecutor(plan: plan)
    var out = ""
    for (i, tick) in ticks.enumerated() {
      let outputs = executor.step(tick)
      if !outputs.isEmpty { out += line(tick: i, time: tick.time, outputs, plan) }
    }
    return out
  }
}
