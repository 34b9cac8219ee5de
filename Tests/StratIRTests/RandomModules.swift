import StratABI
import StratIR

/// Draws random verifiable modules from a seed, with odd names and constants and with enough
/// repetition (shared operands, equal pushes) for every pass to find work.
struct RandomModules {
  var rng: SplitMix64
  var builder = IRBuilder(module: IRModule(name: ""))
  var values: [IRType: [ValueID]] = [:]
  /// Reads emitted so far, repeated later so that CSE meets reads separated by writes.
  var reads: [(op: Opcode, type: IRType, imm: Immediate)] = []
  /// Pushes to repeat into a buffer of the same kind later in the step (shared-window bait).
  var twins: [(slot: Int, args: [ValueID], predicate: ValueID?)] = []

  static func make(seed: UInt64) -> IRModule {
    var generator = RandomModules(rng: SplitMix64(seed: seed))
    return generator.module()
  }

  private static let namePool = ["a", "x.y", "sp ace", "é", "q\"t", "_u", "9", "k", "z.1"]

  mutating func module() -> IRModule {
    var base = IRModule(name: rng.pick(Self.namePool), warmupSteps: rng.below(50))
    for i in 0..<(1 + rng.below(3)) {
      base.instruments.append(
        IRInstrument(name: "\(rng.pick(Self.namePool))\(i)", symbol: "S\(i)\n")
      )
    }
    for i in 0..<rng.below(4) {
      base.params.append(IRParam(name: "p\(i)", value: constant(of: rng.pick(IRType.allCases))))
    }
    for i in 0..<rng.below(7) {
      base.slots.append(Slot(name: "\(rng.pick(Self.namePool))\(i)", kind: slotKind()))
    }
    if rng.chance(2) { base.risk.append(.maxPosition(instrument: rng.chance(2) ? 0 : nil, 5)) }
    if rng.chance(2) { base.risk.append(.orderRate(count: 3, windowNanos: 1_000_000)) }
    if rng.chance(3) { base.risk.append(.priceBand(0.05)) }
    builder = IRBuilder(module: base)
    for _ in 0..<rng.below(45) {
      if !twins.isEmpty, rng.chance(3) {
        let twin = twins.removeFirst()
        builder.effect(.push, twin.args, imm: .slot(twin.slot), predicate: twin.predicate)
      } else if !reads.isEmpty, rng.chance(4) {
        let read = rng.pick(reads)
        _ = emit(read.op, read.type, imm: read.imm)
      } else {
        instruction()
      }
    }
    for _ in 0..<(1 + rng.below(4)) {
      let instrument = rng.below(builder.module.instruments.count)
      let recent = (values[.f64] ?? []).suffix(6)
      let q = recent.isEmpty ? value(.f64) : rng.pick(Array(recent))
      builder.effect(
        .limit,
        [q, value(.f64)],
        imm: .instrument(instrument),
        predicate: predicate()
      )
    }
    return builder.module
  }

  private mutating func slotKind() -> SlotKind {
    let capacity = 1 + rng.below(4)
    switch rng.below(5) {
    case 0:
      let type = rng.pick(IRType.allCases)
      return .scalar(type, initial: constant(of: type))
    case 1: return .ring(capacity: capacity)
    case 2: return .window(capacity: capacity)
    case 3: return .pairWindow(capacity: capacity)
    default: return .ema(period: capacity)
    }
  }

  mutating func constant(of type: IRType) -> IRConstant {
    switch type {
    case .bool: return .bool(rng.chance(2))
    case .i64: return .i64(rng.pick([0, 1, -1, 3, .min, .max, Int64(bitPattern: rng.next())]))
    case .f64:
      let specials: [Double] = [
        0, -0.0, 1, 2.5, -3, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, 1e300, 0.1,
        Double(bitPattern: rng.next()), rng.unit() * 100,
      ]
      return .f64(rng.pick(specials))
    }
  }

  // MARK: - Instructions

  /// A value of `type`, usually an existing one, else a new constant.
  private mutating func value(_ type: IRType) -> ValueID {
    if let pool = values[type], !pool.isEmpty, !rng.chance(5) { return rng.pick(pool) }
    return emit(.const, type, imm: .constant(constant(of: type)))
  }

  private mutating func emit(
    _ op: Opcode,
    _ type: IRType,
    _ args: [ValueID] = [],
    imm: Immediate = .none
  ) -> ValueID {
    let name = rng.chance(3) ? rng.pick(Self.namePool) : nil
    let id = builder.emit(op, type, args, imm: imm, name: name)
    values[type, default: []].append(id)
    return id
  }

  private mutating func predicate() -> ValueID? { rng.chance(2) ? value(.bool) : nil }

  private mutating func slots(where accepts: (SlotKind) -> Bool) -> Int? {
    let matching = builder.module.slots.indices.filter { accepts(builder.module.slots[$0].kind) }
    return matching.isEmpty ? nil : rng.pick(matching)
  }

  private mutating func instruction() {
    let op = rng.pick(Opcode.allCases)
    let module = builder.module
    let instrument = rng.below(module.instruments.count)
    switch op {
    case .const: _ = value(rng.pick(IRType.allCases))
    case .field:
      let field = rng.pick(InputField.allFields)
      _ = emit(.field, .f64, imm: .field(instrument: instrument, field))
    case .seen: _ = emit(.seen, .bool, imm: .instrument(instrument))
    case .time: _ = emit(.time, .i64)
    case .param:
      guard !module.params.isEmpty else { return }
      let p = rng.below(module.params.count)
      _ = emit(.param, module.params[p].value.type, imm: .param(p))
    case .select:
      let type = rng.pick(IRType.allCases)
      _ = emit(.select, type, [value(.bool), value(type), value(type)])
    case .target, .market, .limit, .ioc, .replace, .cancel:
      let args = (op.operandTypes ?? []).map { value($0) }
      builder.effect(op, args, imm: .instrument(instrument), predicate: predicate())
    default: slotOrArithmetic(op)
    }
  }

  private mutating func slotOrArithmetic(_ op: Opcode) {
    if op.immediateKind == .none, let types = op.operandTypes, let result = op.fixedResultType {
      _ = emit(op, result, types.map { value($0) })
      return
    }
    guard let slot = slots(where: op.accepts) else { return }
    let kind = builder.module.slots[slot].kind
    switch (op, kind) {
    case (.store, .scalar(let type, _)):
      builder.effect(.store, [value(type)], imm: .slot(slot), predicate: predicate())
    case (.push, _):
      let args = (0..<(kind.pushArity ?? 1)).map { _ in value(.f64) }
      let predicate = predicate()
      builder.effect(.push, args, imm: .slot(slot), predicate: predicate)
      if rng.chance(2), let twin = slots(where: { $0 == kind }) {
        twins.append((twin, args, predicate))
        if rng.chance(2) {
          let held = emit(.count, .i64, imm: .slot(twin))
          _ = emit(.itof, .f64, [held])
        }
      }
    case (.lag, _):
      let imm = Immediate.lag(slot: slot, k: rng.below(kind.capacity ?? 1))
      _ = emit(.lag, .f64, imm: imm)
      reads.append((.lag, .f64, imm))
    default:
      let type = op.fixedResultType ?? builder.module.step.last?.type ?? .f64
      if op == .load, case .scalar(let scalarType, _) = kind {
        _ = emit(.load, scalarType, imm: .slot(slot))
        reads.append((.load, scalarType, .slot(slot)))
      } else {
        _ = emit(op, type, imm: .slot(slot))
        reads.append((op, type, .slot(slot)))
      }
    }
  }
}
