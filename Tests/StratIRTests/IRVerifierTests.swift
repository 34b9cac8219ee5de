import StratDiagnostics
import StratIR
import Testing

/// One broken module: the pairs fixture with one change, and the one rule it must break.
struct VerifierCase: Sendable, CustomTestStringConvertible {
  var rule: IRVerifyRule
  var label: String
  var breakIt: @Sendable (inout IRModule) -> Void

  init(
    _ rule: IRVerifyRule,
    _ label: String,
    _ breakIt: @escaping @Sendable (inout IRModule) -> Void
  ) {
    self.rule = rule
    self.label = label
    self.breakIt = breakIt
  }

  var testDescription: String { "\(rule.rawValue): \(label)" }
}

@Suite struct IRVerifierTests {
  // The pairs fixture's step: 0 a.close, 1 b.close, 2 spread, 3 push, 4 m, 5 v, 6 sd, 7 d, 8 z,
  // 9 entry, 10 go, 11 q, 12 target, 13 one, 14 store.
  static let cases: [VerifierCase] = [
    VerifierCase(.emptyName, "value without a name") { $0.step[4].name = "" },
    VerifierCase(.emptyName, "slot without a name") { $0.slots[1].name = "" },
    VerifierCase(.duplicateName, "two values named alike") { $0.step[1].name = "a.close" },
    VerifierCase(.duplicateName, "two instruments named alike") { $0.instruments[1].name = "a" },
    VerifierCase(.effectName, "named push") { $0.step[3].name = "p" },
    VerifierCase(.capacity, "empty window") { $0.slots[0].kind = .window(capacity: 0) },
    VerifierCase(.slotInitial, "i64 slot starting at a float") {
      $0.slots[1].kind = .scalar(.i64, initial: .f64(0))
    },
    VerifierCase(.riskLimit, "negative price band") { $0.risk.append(.priceBand(-1)) },
    VerifierCase(.riskLimit, "order rate of zero") {
      $0.risk.append(.orderRate(count: 0, windowNanos: 1))
    },
    VerifierCase(.warmup, "negative warm-up") { $0.warmupSteps = -1 },
    VerifierCase(.useBeforeDefinition, "operand defined later") { $0.step[2].args = [0, 5] },
    VerifierCase(.useBeforeDefinition, "predicate outside the step") { $0.step[12].predicate = 99 },
    VerifierCase(.effectOperand, "operand naming a push") { $0.step[7].args = [2, 3] },
    VerifierCase(.operandCount, "fsub with one operand") { $0.step[2].args = [0] },
    VerifierCase(.operandCount, "two values pushed to a window") { $0.step[3].args = [2, 2] },
    VerifierCase(.operandType, "target of a bool") { $0.step[12].args = [10] },
    VerifierCase(.resultType, "push with a type") { $0.step[3].type = .f64 },
    VerifierCase(.resultType, "value without a type") {
      $0.step.append(Instruction(name: "t", op: .time, type: nil))
    },
    VerifierCase(.resultType, "f64 param read as i64") {
      $0.step.append(Instruction(name: "p", op: .param, type: .i64, imm: .param(1)))
    },
    VerifierCase(.resultType, "i64 slot loaded as f64") {
      $0.step.append(Instruction(name: "s", op: .load, type: .f64, imm: .slot(1)))
    },
    VerifierCase(.immediateKind, "mean without a slot") { $0.step[4].imm = .none },
    VerifierCase(.slotIndex, "mean of a missing slot") { $0.step[4].imm = .slot(9) },
    VerifierCase(.slotKind, "mean of a scalar") { $0.step[4].imm = .slot(1) },
    VerifierCase(.slotKind, "store into a window") { $0.step[14].imm = .slot(0) },
    VerifierCase(.lagRange, "lag as long as the window") {
      $0.step.append(Instruction(name: "l", op: .lag, type: .f64, imm: .lag(slot: 0, k: 20)))
    },
    VerifierCase(.storeType, "f64 stored in an i64 slot") { $0.step[14].args = [11] },
    VerifierCase(.constType, "i64 constant typed f64") { $0.step[11].imm = .constant(.i64(-100)) },
    VerifierCase(.predicateType, "f64 predicate") { $0.step[12].predicate = 11 },
    VerifierCase(.predicateOnValue, "predicated fsub") { $0.step[2].predicate = 0 },
    VerifierCase(.instrumentIndex, "field of a missing instrument") {
      $0.step[0].imm = .field(instrument: 5, .close)
    },
    VerifierCase(.instrumentIndex, "position limit of a missing instrument") {
      $0.risk[0] = .maxPosition(instrument: 2, 1)
    },
    VerifierCase(.paramIndex, "missing parameter") { $0.step[9].imm = .param(7) },
  ]

  @Test func acceptsTheFixtures() {
    #expect(IRVerifier.verify(IRFixtures.pairs).map(\.message) == [])
    #expect(IRVerifier.verify(IRFixtures.everything).map(\.message) == [])
  }

  @Test(arguments: cases)
  func reportsExactlyTheBrokenRule(_ verifierCase: VerifierCase) {
    var module = IRFixtures.pairs
    verifierCase.breakIt(&module)
    let found = IRVerifier.verify(module)
    #expect(found.map(\.id) == [verifierCase.rule.rawValue], "\(found.map(\.message))")
  }

  @Test func everyRuleIsCovered() {
    let covered = Set(Self.cases.map(\.rule))
    #expect(Set(IRVerifyRule.allCases).subtracting(covered) == [])
  }

  @Test func namesTheInstructionInTheMessage() {
    var module = IRFixtures.pairs
    module.step[12].args = [10]
    let message = IRVerifier.verify(module).first?.message
    #expect(message == "step[12] (target): operand 1 (%go) is bool; target expects f64 there")
    module = IRFixtures.pairs
    module.step[4].imm = .slot(1)
    #expect(
      IRVerifier.verify(module).first?.message
        == "step[4] %m (mean): $side is i64 = 0; mean takes window"
    )
  }
}
