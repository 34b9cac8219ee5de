import StratABI
import StratIR

/// Translates a module's step into a `Program`, checking everything the loop relies on:
/// operands refer to earlier values of the right type, immediates and slots exist and are of
/// the right kind, lags are in range. After this, the loop can run without bounds checks.
struct ProgramTranslator {
  private let module: IRModule
  private let layout: StateRecord
  private var program: Program

  init(module: IRModule, layout: StateRecord) {
    self.module = module
    self.layout = layout
    self.program = Program(instructionCount: module.step.count)
  }

  /// Returns the program, or the first reason the step cannot run.
  mutating func translate() throws(InterpreterError) -> Program {
    guard module.step.count <= Self.maxInstructions else {
      throw .tooLarge(
        what: "step instructions", count: module.step.count, limit: Self.maxInstructions)
    }
    for index in module.step.indices {
      try translate(index)
    }
    return program
  }

  /// Keeps every register index (instructions, then at most one constant per instruction) in
  /// an Int32.
  static let maxInstructions = 1 << 28

  // MARK: - One instruction

  private mutating func translate(_ i: Int) throws(InterpreterError) {
    let instruction = module.step[i]
    let op = instruction.op
    if op.isEffect {
      guard instruction.type == nil else {
        throw .typeMismatch(instruction: i, op: op, expected: nil, found: instruction.type)
      }
      try translateEffect(i, instruction)
      return
    }
    guard let type = instruction.type else {
      throw .typeMismatch(instruction: i, op: op, expected: op.fixedResultType, found: nil)
    }
    if let predicate = instruction.predicate {
      throw .badOperand(instruction: i, operand: predicate)
    }
    if let fixed = op.fixedResultType, fixed != type {
      throw .typeMismatch(instruction: i, op: op, expected: fixed, found: type)
    }
    if let code = Self.simpleCodes[op], let types = op.operandTypes {
      let args = try operands(i, instruction, types)
      guard instruction.imm == .none else { throw .badImmediate(instruction: i, op: op) }
      emit(Operation(code, dst: i, a: args.first ?? 0, b: args.count > 1 ? args[1] : 0))
      return
    }
    try translateValue(i, instruction, type)
  }

  /// Instructions whose operands are fixed by the opcode table and that take no immediate.
  private static let simpleCodes: [Opcode: Code] = [
    .fadd: .fadd, .fsub: .fsub, .fmul: .fmul, .fdiv: .fdiv, .fneg: .fneg,
    .iadd: .iadd, .isub: .isub, .imul: .imul, .idiv: .idiv, .irem: .irem, .ineg: .ineg,
    .itof: .itof, .ftoi: .ftoi,
    .log: .log, .exp: .exp, .sqrt: .sqrt, .abs: .abs, .round: .round, .sign: .sign, .f32: .f32, .expf: .expf, .floor: .floor, .ceil: .ceil, .pow: .pow, .fmod: .fmod,
    .fmin: .fmin, .fmax: .fmax,
    .flt: .flt, .fle: .fle, .fgt: .fgt, .fge: .fge, .feq: .feq, .fne: .fne,
    .ilt: .ilt, .ile: .ile, .igt: .igt, .ige: .ige, .ieq: .ieq, .ine: .ine,
    .and: .and, .or: .or, .not: .not,
  ]

  /// The code of a buffer read (a slot immediate, no operands) and the slot kinds it takes.
  private static func bufferRead(_ op: Opcode) -> (code: Code, accepts: (SlotKind) -> Bool)? {
    let window: (SlotKind) -> Bool = { if case .window = $0 { true } else { false } }
    let pair: (SlotKind) -> Bool = { if case .pairWindow = $0 { true } else { false } }
    let ema: (SlotKind) -> Bool = { if case .ema = $0 { true } else { false } }
    return switch op {
    case .sum: (.sum, window)
    case .mean: (.mean, window)
    case .varp: (.varp, window)
    case .vars: (.vars, window)
    case .min: (.min, window)
    case .max: (.max, window)
    case .cov: (.cov, pair)
    case .corr: (.corr, pair)
    case .slope: (.slope, pair)
    case .intercept: (.intercept, pair)
    case .ema: (.ema, ema)
    default: nil
    }
  }

  private mutating func translateValue(
    _ i: Int, _ instruction: Instruction, _ type: IRType
  ) throws(InterpreterError) {
    let op = instruction.op
    if let read = Self.bufferRead(op) {
      _ = try operands(i, instruction, [])
      let (slot, kind) = try slot(i, instruction, where: read.accepts)
      emit(Operation(read.code, dst: i, c: Int32(kind.capacity ?? 0), imm: layout.offsets[slot]))
      return
    }
    switch (op, instruction.imm) {
    case (.const, .constant(let constant)):
      _ = try operands(i, instruction, [])
      try expect(i, op, type, constant.type)
      program.preloads.append((i, constant.bits))
    case (.param, .param(let p)):
      _ = try operands(i, instruction, [])
      guard module.params.indices.contains(p) else { throw .badParameter(instruction: i, param: p) }
      try expect(i, op, type, module.params[p].value.type)
      emit(Operation(.param, dst: i, imm: p))
    case (.field, .field(let instrument, let field)):
      _ = try operands(i, instruction, [])
      try checkInstrument(i, instrument)
      emit(Operation(.field, dst: i, imm: instrument * InputField.count + field.rawValue))
    case (.seen, .instrument(let instrument)):
      _ = try operands(i, instruction, [])
      try checkInstrument(i, instrument)
      emit(Operation(.seen, dst: i, imm: instrument))
    case (.time, .none):
      _ = try operands(i, instruction, [])
      emit(Operation(.time, dst: i))
    case (.load, .slot):
      _ = try operands(i, instruction, [])
      let (slot, kind) = try slot(i, instruction) { if case .scalar = $0 { true } else { false } }
      if case .scalar(let slotType, _) = kind { try expect(i, op, slotType, type) }
      emit(Operation(.load, dst: i, imm: layout.offsets[slot]))
    case (.select, .none):
      let args = try operands(i, instruction, [.bool, type, type])
      emit(Operation(.select, dst: i, a: args[0], b: args[1], c: args[2]))
    case (.lag, .lag(let s, let k)):
      _ = try operands(i, instruction, [])
      let (slot, kind) = try slot(i, s, op) {
        switch $0 {
        case .ring, .window: true
        default: false
        }
      }
      let capacity = kind.capacity ?? 0
      guard k >= 0, k < capacity else {
        throw .lagOutOfRange(instruction: i, k: k, capacity: capacity)
      }
      emit(Operation(.lag, dst: i, b: Int32(k), c: Int32(capacity), imm: layout.offsets[slot]))
    case (.count, .slot):
      _ = try operands(i, instruction, [])
      let (slot, _) = try slot(i, instruction) { $0.shape.offset(of: .count) != nil }
      emit(Operation(.count, dst: i, imm: layout.offset(ofSlot: slot, field: .count) ?? 0))
    default:
      throw .badImmediate(instruction: i, op: op)
    }
  }

  // MARK: - Effects

  private mutating func translateEffect(
    _ i: Int, _ instruction: Instruction
  ) throws(InterpreterError) {
    let op = instruction.op
    let pred = try predicate(i, instruction)
    var operation: Operation
    switch (op, instruction.imm) {
    case (.store, .slot):
      let (slot, kind) = try slot(i, instruction) { if case .scalar = $0 { true } else { false } }
      guard case .scalar(let type, _) = kind else {
        throw .badSlot(instruction: i, op: op, slot: slot)
      }
      let args = try operands(i, instruction, [type])
      operation = Operation(type == .f64 ? .storeF64 : .store, dst: 0, a: args[0], imm: layout.offsets[slot])
    case (.push, .slot):
      let (slot, kind) = try slot(i, instruction) { $0.capacity != nil }
      operation = try push(i, instruction, kind, offset: layout.offsets[slot])
    case (.target, .instrument(let instrument)), (.market, .instrument(let instrument)):
      try checkInstrument(i, instrument)
      let args = try operands(i, instruction, [.f64])
      operation = Operation(op == .target ? .target : .market, dst: 0, a: args[0], imm: instrument)
      program.decisionCapacity += 1
    case (.cancel, .instrument(let instrument)):
      try checkInstrument(i, instrument)
      let args = try operands(i, instruction, [.f64])
      operation = Operation(.cancel, dst: 0, a: args[0], imm: instrument)
      program.decisionCapacity += 1
    case (.limit, .instrument(let instrument)), (.ioc, .instrument(let instrument)),
      (.replace, .instrument(let instrument)):
      try checkInstrument(i, instrument)
      let args = try operands(i, instruction, [.f64, .f64])
      let code: Code = op == .limit ? .limit : op == .ioc ? .ioc : .replace
      operation = Operation(code, dst: 0, a: args[0], b: args[1], imm: instrument)
      program.decisionCapacity += 1
    default:
      throw .badImmediate(instruction: i, op: op)
    }
    operation.pred = pred
    emit(operation)
  }

  private mutating func push(
    _ i: Int, _ instruction: Instruction, _ kind: SlotKind, offset: Int
  ) throws(InterpreterError) -> Operation {
    switch kind {
    case .scalar:
      throw .badImmediate(instruction: i, op: .push)
    case .ring(let n), .window(let n):
      let args = try operands(i, instruction, [.f64])
      let code: Code = if case .ring = kind { .pushRing } else { .pushWindow }
      return Operation(code, dst: 0, a: args[0], c: Int32(n), imm: offset)
    case .pairWindow(let n):
      let args = try operands(i, instruction, [.f64, .f64])
      return Operation(.pushPair, dst: 0, a: args[0], b: args[1], c: Int32(n), imm: offset)
    case .ema(let n):
      let args = try operands(i, instruction, [.f64])
      let alpha = program.addConstantRegister(EMAView.alpha(period: n).bitPattern)
      return Operation(.pushEma, dst: 0, a: args[0], b: alpha, c: Int32(n), imm: offset)
    }
  }

  // MARK: - Checks

  private mutating func emit(_ operation: Operation) {
    program.operations.append(operation)
  }

  /// Checks the value operands against `types` and returns them as register indices.
  private func operands(
    _ i: Int, _ instruction: Instruction, _ types: [IRType]
  ) throws(InterpreterError) -> [Int32] {
    guard instruction.args.count == types.count else {
      throw .operandCount(
        instruction: i, op: instruction.op, expected: types.count, found: instruction.args.count)
    }
    var registers: [Int32] = []
    for (arg, type) in zip(instruction.args, types) {
      registers.append(try value(i, arg, type, instruction.op))
    }
    return registers
  }

  /// Checks that `id` is an earlier value of `type` and returns its register.
  private func value(
    _ i: Int, _ id: ValueID, _ type: IRType, _ op: Opcode
  ) throws(InterpreterError) -> Int32 {
    guard id >= 0, id < i, let found = module.step[id].type, !module.step[id].op.isEffect else {
      throw .badOperand(instruction: i, operand: id)
    }
    try expect(i, op, type, found)
    return Int32(id)
  }

  private func predicate(_ i: Int, _ instruction: Instruction) throws(InterpreterError) -> Int32 {
    guard let id = instruction.predicate else { return program.alwaysTrue }
    return try value(i, id, .bool, instruction.op)
  }

  private func expect(
    _ i: Int, _ op: Opcode, _ expected: IRType, _ found: IRType
  ) throws(InterpreterError) {
    guard expected == found else {
      throw .typeMismatch(instruction: i, op: op, expected: expected, found: found)
    }
  }

  private func checkInstrument(_ i: Int, _ instrument: Int) throws(InterpreterError) {
    guard module.instruments.indices.contains(instrument) else {
      throw .badInstrument(instruction: i, instrument: instrument)
    }
  }

  /// The slot named by a `.slot` immediate, if it exists and `accepts` its kind.
  private func slot(
    _ i: Int, _ instruction: Instruction, where accepts: (SlotKind) -> Bool
  ) throws(InterpreterError) -> (Int, SlotKind) {
    guard case .slot(let index) = instruction.imm else {
      throw .badImmediate(instruction: i, op: instruction.op)
    }
    return try slot(i, index, instruction.op, where: accepts)
  }

  private func slot(
    _ i: Int, _ index: Int, _ op: Opcode, where accepts: (SlotKind) -> Bool
  ) throws(InterpreterError) -> (Int, SlotKind) {
    guard module.slots.indices.contains(index), accepts(module.slots[index].kind) else {
      throw .badSlot(instruction: i, op: op, slot: index)
    }
    return (index, module.slots[index].kind)
  }
}
