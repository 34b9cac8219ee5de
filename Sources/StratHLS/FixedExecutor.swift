import StratABI
import StratFixed
import StratIR

/// The interpreter's fixed-point mode (`stratc hls-sim`): the step run on raw integers with the
/// plan's types, quantised at exactly the kernel's assignment points. Its output is the
/// testbench's, bit for bit; the emitted C++ is checked against it.
public struct FixedExecutor {
  let plan: KernelPlan
  /// Each instruction's value: raw bits of its format, an i64, or a bool as 0/1.
  var registers: [Int128]
  var state: [SlotState]
  var fields: [Int128]
  /// Per input column: the field is defined (a book side may be empty; bar fields always are).
  var defined: [Bool]
  var seen: [Bool]
  /// The risk stage's state, when the strategy declares limits.
  var riskState: RiskState?
  /// Per instruction, how the plan computes it other than by its opcode: looked up once here,
  /// not in the plan's dictionaries on every tick.
  let special: [Special?]

  enum Special {
    case unused
    /// A book field's valid bit: the input column.
    case validity(Int)
    case squared(SquaredComparison)
  }

  /// One slot's state. Buffers hold their values newest first, as the kernel's shift registers.
  struct SlotState {
    var scalar: Int128 = 0
    var values: [Int128] = []
    var count = 0
    var sum: Int128 = 0
    var sumsq: Int128 = 0
  }

  public init(plan: KernelPlan) {
    self.plan = plan
    registers = Array(repeating: 0, count: plan.module.step.count)
    fields = Array(repeating: 0, count: plan.inputs.count)
    defined = plan.inputs.map { !$0.mayBeUndefined }
    seen = Array(repeating: false, count: plan.module.instruments.count)
    special = plan.module.step.indices.map { i -> Special? in
      if plan.unused.contains(i) { return .unused }
      if let c = plan.validity[i] { return .validity(c) }
      return plan.squared[i].map(Special.squared)
    }
    state = []
    state = plan.module.slots.indices.map(initialState)
    riskState = plan.risk.map(RiskState.init)
  }

  func initialState(_ s: Int) -> SlotState {
    var st = SlotState()
    switch (plan.module.slots[s].kind, plan.slots[s]) {
    case (.scalar(_, let initial), .scalar(let t)):
      st.scalar = Self.raw(initial, t)
    case (_, .ring(_, let n)): st.values = Array(repeating: 0, count: n)
    case (_, .window(let w)): st.values = Array(repeating: 0, count: w.capacity)
    default: break
    }
    return st
  }

  static func raw(_ c: IRConstant, _ t: KernelType) -> Int128 {
    switch c {
    case .bool(let b): b ? 1 : 0
    case .i64(let v): Int128(v)
    case .f64(let v): t.format.map { KernelTables.raw(of: v, in: $0) } ?? 0
    }
  }

  /// One output record: the valid decision slots of the step, with their raw fields.
  public struct Output: Sendable, Equatable {
    public var slot: Int
    public var quantity: Int128
    public var price: Int128?
    /// What the risk stage did with it; nil when the strategy declares no limits.
    public var order: OrderStatus? = nil
  }

  /// Feeds one tick and runs the step; returns the decisions made, in program order.
  public mutating func step(_ tick: Tick) -> [Output] {
    for (column, input) in plan.inputs.enumerated() where tick.updates[input.instrument] {
      // An undefined book field (−1) reads as 0 with its valid bit clear, as in the kernel.
      let value = max(tick.values[column], 0)
      let exact = ExactValue(integer: value) * input.unitFormat.exact(raw: input.unitRaw)
      fields[column] = input.format.assign(exact)
      defined[column] = tick.values[column] >= 0
    }
    for i in seen.indices where tick.updates[i] { seen[i] = true }
    var outputs: [Output] = []
    for index in plan.module.step.indices {
      let instruction = plan.module.step[index]
      if instruction.op.isEffect {
        if let p = instruction.predicate, registers[p] == 0 { continue }
        effect(index, instruction, tick, &outputs)
      } else {
        switch special[index] {
        case .unused?: continue
        case .validity(let column)?: registers[index] = defined[column] ? 1 : 0
        case .squared(let sq)?:
          let d = registers[sq.numerator], v = registers[sq.variance]
          registers[index] = sq.holds(d: d, dd: d * d, vk: (v * sq.squareRaw) << sq.shift) ? 1 : 0
        case nil: registers[index] = value(index, instruction, tick)
        }
      }
    }
    gate(&outputs, tick)
    return outputs
  }

  /// The exact value of an f64 register.
  func exact(_ v: ValueID) -> ExactValue { plan.types[v]!.format!.exact(raw: registers[v]) }

  func format(_ index: Int) -> FixedFormat { plan.types[index]!.format! }
}
