import StratABI
import StratIR
import StratInterpreter
import Testing

// Malformed modules are refused at init with a typed error (never a trap), and the interface
// describes the module to the host.

private struct BadModule: Sendable, CustomTestStringConvertible {
  let name: String
  let module: IRModule
  let error: InterpreterError
  var testDescription: String { name }
}

private func bad(
  _ name: String, _ error: InterpreterError, slots: [Slot] = [], params: [IRParam] = [],
  _ step: [Instruction]
) -> BadModule {
  BadModule(
    name: name,
    module: IRModule(
      name: "bad", instruments: [IRInstrument(name: "A", symbol: "A")], params: params,
      slots: slots, step: step),
    error: error)
}

private let f64Slot = Slot(name: "x", kind: .scalar(.f64, initial: .f64(0)))
private let one = Instruction(name: "one", op: .const, type: .f64, imm: .constant(.f64(1)))

private let badModules: [BadModule] = [
  bad(
    "forward operand", .badOperand(instruction: 0, operand: 1),
    [Instruction(name: "n", op: .fneg, type: .f64, args: [1]), one]),
  bad(
    "self operand", .badOperand(instruction: 1, operand: 1),
    [one, Instruction(name: "n", op: .fneg, type: .f64, args: [1])]),
  bad(
    "negative operand", .badOperand(instruction: 1, operand: -1),
    [one, Instruction(name: "n", op: .fneg, type: .f64, args: [-1])]),
  bad(
    "effect used as a value", .badOperand(instruction: 2, operand: 1), slots: [f64Slot],
    [
      one, Instruction(op: .store, type: nil, args: [0], imm: .slot(0)),
      Instruction(name: "n", op: .fneg, type: .f64, args: [1]),
    ]),
  bad(
    "missing operand", .operandCount(instruction: 1, op: .fadd, expected: 2, found: 1),
    [one, Instruction(name: "s", op: .fadd, type: .f64, args: [0])]),
  bad(
    "operand type", .typeMismatch(instruction: 1, op: .iadd, expected: .i64, found: .f64),
    [one, Instruction(name: "s", op: .iadd, type: .i64, args: [0, 0])]),
  bad(
    "result type", .typeMismatch(instruction: 1, op: .fadd, expected: .f64, found: .i64),
    [one, Instruction(name: "s", op: .fadd, type: .i64, args: [0, 0])]),
  bad(
    "select arms differ",
    .typeMismatch(instruction: 3, op: .select, expected: .f64, found: .i64),
    [
      one, Instruction(name: "c", op: .const, type: .bool, imm: .constant(.bool(true))),
      Instruction(name: "i", op: .const, type: .i64, imm: .constant(.i64(1))),
      Instruction(name: "s", op: .select, type: .f64, args: [1, 0, 2]),
    ]),
  bad(
    "const of another type",
    .typeMismatch(instruction: 0, op: .const, expected: .i64, found: .f64),
    [Instruction(name: "c", op: .const, type: .i64, imm: .constant(.f64(1)))]),
  bad(
    "typed effect", .typeMismatch(instruction: 0, op: .target, expected: nil, found: .f64),
    [Instruction(op: .target, type: .f64, args: [], imm: .instrument(0))]),
  bad(
    "predicate not bool", .typeMismatch(instruction: 1, op: .target, expected: .bool, found: .f64),
    [one, Instruction(op: .target, type: nil, args: [0], imm: .instrument(0), predicate: 0)]),
  bad(
    "missing slot", .badSlot(instruction: 0, op: .load, slot: 3),
    [Instruction(name: "l", op: .load, type: .f64, imm: .slot(3))]),
  bad(
    "load from a window",
    .badSlot(instruction: 0, op: .load, slot: 0),
    slots: [Slot(name: "w", kind: .window(capacity: 3))],
    [Instruction(name: "l", op: .load, type: .f64, imm: .slot(0))]),
  bad(
    "mean of a ring", .badSlot(instruction: 0, op: .mean, slot: 0),
    slots: [Slot(name: "r", kind: .ring(capacity: 3))],
    [Instruction(name: "m", op: .mean, type: .f64, imm: .slot(0))]),
  bad(
    "lag of a pair window", .badSlot(instruction: 0, op: .lag, slot: 0),
    slots: [Slot(name: "p", kind: .pairWindow(capacity: 3))],
    [Instruction(name: "l", op: .lag, type: .f64, imm: .lag(slot: 0, k: 0))]),
  bad(
    "lag too far", .lagOutOfRange(instruction: 0, k: 3, capacity: 3),
    slots: [Slot(name: "r", kind: .ring(capacity: 3))],
    [Instruction(name: "l", op: .lag, type: .f64, imm: .lag(slot: 0, k: 3))]),
  bad(
    "negative lag", .lagOutOfRange(instruction: 0, k: -1, capacity: 3),
    slots: [Slot(name: "r", kind: .ring(capacity: 3))],
    [Instruction(name: "l", op: .lag, type: .f64, imm: .lag(slot: 0, k: -1))]),
  bad(
    "one value into a pair window",
    .operandCount(instruction: 1, op: .push, expected: 2, found: 1),
    slots: [Slot(name: "p", kind: .pairWindow(capacity: 3))],
    [one, Instruction(op: .push, type: nil, args: [0], imm: .slot(0))]),
  bad(
    "push to a scalar", .badSlot(instruction: 1, op: .push, slot: 0), slots: [f64Slot],
    [one, Instruction(op: .push, type: nil, args: [0], imm: .slot(0))]),
  bad(
    "missing instrument", .badInstrument(instruction: 0, instrument: 1),
    [Instruction(name: "c", op: .field, type: .f64, imm: .field(instrument: 1, .close))]),
  bad(
    "missing parameter", .badParameter(instruction: 0, param: 0),
    [Instruction(name: "p", op: .param, type: .f64, imm: .param(0))]),
  bad(
    "wrong immediate", .badImmediate(instruction: 0, op: .seen),
    [Instruction(name: "s", op: .seen, type: .bool, imm: .slot(0))]),
  bad(
    "zero capacity", .invalidCapacity(slot: 0, capacity: 0),
    slots: [Slot(name: "r", kind: .ring(capacity: 0))], []),
  bad(
    "initial of another type", .initialValueMismatch(slot: 0, expected: .f64, found: .bool),
    slots: [Slot(name: "x", kind: .scalar(.f64, initial: .bool(true)))], []),
]

@Test(arguments: badModules)
private func malformedModulesAreRefused(_ bad: BadModule) {
  #expect(throws: bad.error) { try Interpreter(module: bad.module) }
}

@Test func aStateRecordOverOneGibibyteIsRefused() {
  let huge = Slot(name: "p", kind: .pairWindow(capacity: 1 << 24))
  let module = IRModule(name: "huge", slots: Array(repeating: huge, count: 5))
  #expect(
    throws: InterpreterError.tooLarge(
      what: "state bytes", count: 5 * huge.kind.byteSize, limit: 1 << 30)
  ) { try Interpreter(module: module) }
}

@Test func errorsDescribeTheProblem() {
  let error = InterpreterError.lagOutOfRange(instruction: 4, k: 9, capacity: 3)
  #expect(error.description.contains("lag 9"))
  #expect(error.description.contains("0..<3"))
}

@Test func riskLimitOnAMissingInstrumentIsRefused() {
  let module = makeModule(risk: [.maxPosition(instrument: 2, 10)]) { _ in }
  #expect(throws: InterpreterError.badRiskInstrument(instrument: 2)) {
    try Interpreter(module: module)
  }
}

// MARK: - Interface

@Test func interfaceDescribesTheModule() throws {
  let module = makeModule(
    instruments: 3,
    params: [
      IRParam(name: "entry", value: .f64(2)), IRParam(name: "window", value: .i64(60)),
      IRParam(name: "enabled", value: .bool(true)),
    ],
    risk: [
      .maxPosition(instrument: nil, 500), .maxPosition(instrument: 1, 200),
      .maxPosition(instrument: 2, 900), .maxOrderQuantity(100), .maxOrderQuantity(50),
      .maxOrderNotional(1e6), .maxDailyLoss(5000), .priceBand(0.05),
      .orderRate(count: 10, windowNanos: 1_000_000_000),
      .orderRate(count: 100, windowNanos: 60_000_000_000),
    ]
  ) { b in
    _ = b.addSlot(Slot(name: "w", kind: .window(capacity: 60)))
    _ = b.scalar("side", .i64)
  }
  let interface = try Interpreter(module: module).interface
  #expect(interface.name == "test")
  #expect(interface.instruments.map(\.name) == ["A", "B", "C"])
  #expect(interface.instruments.map(\.symbol) == ["SYMA", "SYMB", "SYMC"])
  #expect(
    interface.params == [
      ParameterInfo(name: "entry", kind: .float, value: 2),
      ParameterInfo(name: "window", kind: .int, value: 60),
      ParameterInfo(name: "enabled", kind: .bool, value: 1),
    ])
  #expect(interface.stateBytes == 8 * 60 + 40 + 8)
  #expect(interface.stateBytes == module.stateBytes)
  let risk = interface.risk
  #expect(risk.maxPosition == [500, 200, 500])
  #expect(risk.maxOrderQuantity == 50)
  #expect(risk.maxOrderNotional == 1e6)
  #expect(risk.maxDailyLoss == 5000)
  #expect(risk.priceBand == 0.05)
  #expect(risk.maxOrders == 100)
  #expect(risk.orderRateWindowNanos == 60_000_000_000)
}

@Test func interfaceWithoutRiskHasNoLimits() throws {
  let interface = try Interpreter(module: makeModule(instruments: 2) { _ in }).interface
  #expect(interface.risk == RiskLimits(maxPosition: [nil, nil]))
}
