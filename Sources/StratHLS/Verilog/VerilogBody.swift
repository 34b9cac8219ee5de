import StratFixed
import StratIR

/// The module's registers, its combinational step and its state update. The step runs in IR
/// order on wires: each store or push makes a new version of its slot's wires, so a later read
/// in the same step sees it, as in `FixedExecutor`; the last versions are the next state.
struct VerilogBody {
  let plan: KernelPlan
  var net = VerilogNetlist()
  var registers: [String] = []
  var resets: [String] = []
  var updates: [String] = []
  var outputs: [String] = []
  /// Each instruction's raw wire.
  var values: [String]
  var state: [SlotWires] = []
  var fields: [String] = []
  var seen: [String] = []

  /// The current wires of one slot: a scalar or EMA value, a shift register, count and sums.
  struct SlotWires {
    var scalar = ""
    var values: [String] = []
    var count = ""
    var sum = ""
    var sumsq = ""
  }

  init(plan: KernelPlan) {
    self.plan = plan
    values = Array(repeating: "", count: plan.module.step.count)
  }

  mutating func render() {
    inputs()
    for s in plan.slots.indices { state.append(declare(s)) }
    for index in plan.module.step.indices { instruction(index) }
    for (s, wires) in state.enumerated() { commit(s, wires) }
  }

  /// A state register, its reset value and (later) its update.
  mutating func register(_ name: String, width: Int, signed: Bool = true, initial: Int128 = 0) -> String {
    let range = width == 1 && !signed ? "" : " [\(width - 1):0]"
    registers.append("reg\(signed ? " signed" : "")\(range) \(name);")
    resets.append("\(name) <= \(VerilogNetlist.literal(initial, width: width));")
    return name
  }

  /// The tick's time, the seen flags (held once set) and the fields (held between bars).
  mutating func inputs() {
    if plan.module.step.contains(where: { $0.op == .time }) { _ = net.wire(64, "time_ns", name: "time_s") }
    for i in plan.module.instruments.indices {
      let r = register("r_seen\(i)", width: 1, signed: false)
      seen.append(net.wire(1, "\(r) | seen_\(i)", signed: false, name: "seen\(i)"))
      updates.append("\(r) <= seen\(i);")
    }
    for (c, input) in plan.inputs.enumerated() {
      let r = register("r_f\(c)", width: input.format.width)
      let column = net.wire(64, "in_\(c)", name: "in_s\(c)")
      let exact = net.multiply(
        VerilogSignal(column, width: 64, fraction: 0), net.constant(input.unitRaw, input.unitFormat))
      let q = net.quantise(exact, input.format)
      fields.append(net.wire(input.format.width, "seen_\(input.instrument) ? \(q) : \(r)", name: "f\(c)"))
      updates.append("\(r) <= f\(c);")
    }
  }

  func format(_ v: ValueID) -> FixedFormat { plan.types[v]!.format! }
  func signal(_ v: ValueID) -> VerilogSignal { VerilogSignal(values[v], format(v)) }

  /// Instruction `index`'s result: `e` assigned into its format.
  mutating func into(_ index: Int, _ e: VerilogSignal) {
    values[index] = net.quantise(e, format(index), name: "v\(index)")
  }

  /// Instruction `index`'s result as a plain wire of its type (a bool, an i64, raw bits).
  mutating func alias(_ index: Int, _ expression: String) {
    let (width, signed) = shape(plan.types[index])
    values[index] = net.wire(width, expression, signed: signed, name: "v\(index)")
  }

  func shape(_ t: KernelType?) -> (width: Int, signed: Bool) {
    switch t {
    case .fixed(let f): (f.width, true)
    case .int: (64, true)
    case .bool, nil: (1, false)
    }
  }

  /// The next state: the last version of every slot's wires.
  mutating func commit(_ s: Int, _ wires: SlotWires) {
    func update(_ register: String, _ wire: String) {
      if register != wire { updates.append("\(register) <= \(wire);") }
    }
    switch plan.slots[s] {
    case .scalar, .ema: update("r\(s)", wires.scalar)
    default: break
    }
    for (i, v) in wires.values.enumerated() { update("r\(s)_v\(i)", v) }
    if !wires.count.isEmpty { update("r\(s)_n", wires.count) }
    if !wires.sum.isEmpty { update("r\(s)_sum", wires.sum) }
    if !wires.sumsq.isEmpty { update("r\(s)_sq", wires.sumsq) }
  }
}
