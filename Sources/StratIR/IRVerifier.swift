import StratDiagnostics

/// Checks that a module is well formed: what every backend may assume without checking again.
///
/// A finding is a compiler bug (exit 3), so messages name the IR location: `step[4] %z (fdiv)`
/// for an instruction, `slot $w` for a declaration.
public struct IRVerifier {
  /// Returns every rule the module breaks, in declaration then step order; empty when valid.
  public static func verify(_ module: IRModule) -> [Diagnostic] {
    var verifier = IRVerifier(module: module)
    verifier.checkDeclarations()
    for index in module.step.indices { verifier.checkInstruction(index) }
    return verifier.found
  }

  let module: IRModule
  /// The first value-producing instruction of each name.
  let firstDefinition: [String: ValueID]
  var found: [Diagnostic] = []

  private init(module: IRModule) {
    self.module = module
    var first: [String: ValueID] = [:]
    for (index, instruction) in module.step.enumerated() where !instruction.op.isEffect {
      if first[instruction.name] == nil { first[instruction.name] = index }
    }
    firstDefinition = first
  }

  mutating func report(_ rule: IRVerifyRule, _ place: String, _ message: String) {
    found.append(Diagnostic(id: rule.rawValue, message: "\(place): \(message)"))
  }

  // MARK: - Declarations

  private mutating func checkDeclarations() {
    if module.name.isEmpty { report(.emptyName, "strategy", "the strategy has an empty name") }
    if module.warmupSteps < 0 {
      report(.warmup, "strategy", "warm-up is \(module.warmupSteps) steps; expected 0 or more")
    }
    checkNames(module.instruments.map(\.name), sigil: "@", what: "instrument")
    checkNames(module.params.map(\.name), sigil: "%", what: "parameter")
    checkNames(module.slots.map(\.name), sigil: "$", what: "slot")
    for slot in module.slots { checkSlot(slot) }
    for limit in module.risk { checkRisk(limit) }
  }

  private mutating func checkNames(_ names: [String], sigil: String, what: String) {
    var seen: Set<String> = []
    for (index, name) in names.enumerated() {
      let place = "\(what) \(index) \(sigil)\(IRPrinter.name(name))"
      if name.isEmpty {
        report(.emptyName, place, "the \(what) has an empty name")
      } else if !seen.insert(name).inserted {
        report(.duplicateName, place, "the name is declared twice; expected unique names")
      }
    }
  }

  private mutating func checkSlot(_ slot: Slot) {
    let place = "slot $\(IRPrinter.name(slot.name))"
    switch slot.kind {
    case .scalar(let type, let initial):
      if initial.type != type {
        report(
          .slotInitial,
          place,
          "initial value \(IRPrinter.literal(initial)) is \(initial.type.rawValue); "
            + "expected \(type.rawValue)"
        )
      }
    case .ring(let n), .window(let n), .pairWindow(let n), .ema(let n):
      if n < 1 {
        report(.capacity, place, "capacity is \(n); expected at least 1")
      }
    }
  }

  private mutating func checkRisk(_ limit: RiskLimit) {
    let place = "risk \(IRPrinter.riskText(limit, module))"
    switch limit {
    case .maxPosition(let instrument, let amount):
      if let instrument, !module.instruments.indices.contains(instrument) {
        report(.instrumentIndex, place, "instrument \(instrument) does not exist")
      }
      checkAmount(amount, place)
    case .maxOrderQuantity(let amount), .maxOrderNotional(let amount), .maxDailyLoss(let amount),
      .priceBand(let amount):
      checkAmount(amount, place)
    case .orderRate(let count, let nanos):
      if count < 1 || nanos < 1 {
        report(.riskLimit, place, "expected at least 1 order in a window of at least 1 ns")
      }
    }
  }

  private mutating func checkAmount(_ amount: Double, _ place: String) {
    if amount.isNaN || amount < 0 {
      report(.riskLimit, place, "the amount is \(IRPrinter.float(amount)); expected 0 or more")
    }
  }

  // MARK: - Helpers for instruction checks

  /// `step[4] %z (fdiv)` or `step[7] (push)`.
  func place(_ index: ValueID) -> String {
    let instruction = module.step[index]
    let name = instruction.name.isEmpty ? "" : " %\(IRPrinter.name(instruction.name))"
    return "step[\(index)]\(name) (\(instruction.op.rawValue))"
  }

  /// The slot named by an instruction's immediate when it exists.
  func slot(of instruction: Instruction) -> Slot? {
    guard let index = instruction.imm.slotIndex, module.slots.indices.contains(index) else {
      return nil
    }
    return module.slots[index]
  }

  /// The type of a value operand when it names a value defined before `user`.
  func operandType(_ value: ValueID, before user: ValueID) -> IRType? {
    guard value >= 0, value < user else { return nil }
    return module.step[value].type
  }
}
