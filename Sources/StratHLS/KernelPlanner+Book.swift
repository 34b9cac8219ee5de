import StratABI
import StratDiagnostics
import StratIR

// Book kernels: a strategy that reads the top of book (bid, ask and their sizes, from the ITCH
// front end or a tick file) instead of bars. A book field may be undefined (an empty side),
// which the double interpreter represents as NaN and the kernel, having no NaN, as a valid bit
// beside a value of 0. The two agree only where every effect that reads a field is guarded by
// that field's valid bit (`feq x, x`, which the compiler writes for each book field it reads):
// the planner checks that, and refuses an effect that could see an undefined value.

extension KernelPlanner {
  /// The book fields a kernel takes: level 1 of each side, price and size.
  static let bookInputs: Set<InputField> = [.bidPrice(1), .bidSize(1), .askPrice(1), .askSize(1)]

  /// True when the strategy reads book fields (and so steps once per book event).
  var readsBook: Bool {
    module.step.contains { if case .field(_, let f) = $0.imm { Self.bookInputs.contains(f) } else { false } }
  }

  /// The field a `feq x, x` of a book field tests (its valid bit), if `index` is one.
  func validityTest(_ index: Int) -> (instrument: Int, field: InputField)? {
    let ins = module.step[index]
    guard ins.op == .feq, ins.args.count == 2, ins.args[0] == ins.args[1],
      case .field(let i, let f) = module.step[ins.args[0]].imm, Self.bookInputs.contains(f)
    else { return nil }
    return (i, f)
  }

  /// The refusal for a field the kernel has no input for, or nil when it has one.
  func fieldRefusal(_ index: Int, _ field: InputField) -> Diagnostic? {
    if field.rawValue <= InputField.volume.rawValue || Self.bookInputs.contains(field) { return nil }
    let note: String
    if let (level, _) = field.bookLevel, level > 1 {
      note = "the ITCH front end keeps the top of book: level 1 of each side (bid, ask, bid_size, ask_size)"
    } else if field == .last || field == .lastSize || field == .traded {
      note = "the front end does not publish trades yet: the kernel reads the top of book"
    } else {
      note = "position and order fields come from the OMS, which the kernel does not see"
    }
    return refusal(
      "unsupported-field", index,
      "the kernel reads bar fields (open, high, low, close, volume) or the top of book; `\(field.name)` is not in its input",
      note: note)
  }

  /// Refuses a strategy that mixes bars and book fields, a risk block on book data, and every
  /// effect that could see an undefined book field.
  mutating func refuseUndefinedBookValues() {
    guard readsBook else { return }
    let barField = module.step.firstIndex { ins in
      if case .field(_, let f) = ins.imm { f.rawValue <= InputField.volume.rawValue } else { false }
    }
    if let barField {
      problems.append(refusal(
        "mixed-inputs", barField,
        "the strategy reads both bar fields and the top of book; a kernel steps on one or the other",
        note: "the backtester refuses the mix too: bars have no book, book events have no bars"))
    }
    if !module.risk.isEmpty {
      problems.append(riskRefusal(
        "a risk block on book data needs the venue's fills (what is held, and the reference mark), which the kernel does not see",
        note: "the kernel checks risk on bar strategies, whose orders fill at the close", locator?.span(of: "risk")))
    }
    var needs: [Set<Defined>?] = Array(repeating: nil, count: module.step.count)
    for (index, ins) in module.step.enumerated() where ins.op.isEffect {
      let have = ins.predicate.map(conjuncts) ?? []
      var required = ins.args.reduce(into: Set<Defined>()) { $0.formUnion(need($1, &needs)) }
      for c in have { required.formUnion(need(of: c, &needs)) }
      let missing = required.filter { !Defined.holds($0, given: have) }
      guard !missing.isEmpty else { continue }
      let name = missing.compactMap { $0.fieldName(module) }.sorted().first ?? "a book field"
      problems.append(refusal(
        "undefined-value", ins.args.first ?? index,
        "this effect may see \(name) while it is undefined (an empty side of the book), and the kernel has no NaN",
        note: "guard the rule on the field being defined, as the compiler does for a rule that reads it"))
    }
  }

  /// What must hold for a value to be defined (not NaN from an empty side), as a set of
  /// conjuncts: a field's valid bit, or a `select` of two such sets on an IR condition (the
  /// compiler's form of `if c then a else b`). Values read from state, constants and valid-bit
  /// tests need nothing: only effects write state, and each is checked.
  func need(_ v: ValueID, _ memo: inout [Set<Defined>?]) -> Set<Defined> {
    if let known = memo[v] { return known }
    let ins = module.step[v]
    var result: Set<Defined> = []
    if case .field(_, let f) = ins.imm, Self.bookInputs.contains(f) {
      result = [.valid(v)]
    } else if validityTest(v) != nil {
      result = []
    } else if ins.op == .select {
      let (a, b) = (need(ins.args[1], &memo), need(ins.args[2], &memo))
      result = need(ins.args[0], &memo)
      if a == b { result.formUnion(a) } else { result.insert(.select(ins.args[0], a, b)) }
    } else {
      for arg in ins.args { result.formUnion(need(arg, &memo)) }
    }
    memo[v] = result
    return result
  }

  /// What a conjunct of a predicate needs to be computed exactly.
  func need(of conjunct: Defined, _ memo: inout [Set<Defined>?]) -> Set<Defined> {
    switch conjunct {
    case .valid: return []
    case .value(let v): return need(v, &memo)
    case .select(let c, let a, let b):
      return a.union(b).reduce(into: need(c, &memo)) { $0.formUnion(need(of: $1, &memo)) }
    }
  }

  /// The conjuncts of a bool: its tree of `and`s, with valid-bit tests and selects of bools
  /// (`select c, true, x.ok`) read as what they guarantee when true.
  func conjuncts(_ v: ValueID) -> Set<Defined> {
    let ins = module.step[v]
    if ins.op == .and { return conjuncts(ins.args[0]).union(conjuncts(ins.args[1])) }
    if validityTest(v) != nil { return [.valid(ins.args[0])] }
    if ins.op == .const, case .constant(.bool(true)) = ins.imm { return [] }
    if ins.op == .select, ins.type == .bool {
      let (a, b) = (conjuncts(ins.args[1]), conjuncts(ins.args[2]))
      return a.isEmpty && b.isEmpty ? [] : [.select(ins.args[0], a, b)]
    }
    return [.value(v)]
  }
}

/// A conjunct of "this value is defined" (`KernelPlanner.need`).
indirect enum Defined: Hashable {
  /// The valid bit of the book field read by this `field` instruction.
  case valid(ValueID)
  /// When the condition is true the first set must hold, else the second.
  case select(ValueID, Set<Defined>, Set<Defined>)
  /// An IR bool that must itself be true.
  case value(ValueID)

  /// True when the conjuncts `have` imply `wanted`: it is one of them; or a select on the same
  /// condition whose branches each guarantee at least the wanted branch; or a select whose
  /// branches both hold unconditionally.
  static func holds(_ wanted: Defined, given have: Set<Defined>) -> Bool {
    if have.contains(wanted) { return true }
    guard case .select(let c, let a, let b) = wanted else { return false }
    if a.union(b).allSatisfy({ holds($0, given: have) }) { return true }
    return have.contains { conjunct in
      guard case .select(c, let a2, let b2) = conjunct else { return false }
      return a.allSatisfy { holds($0, given: have.union(a2)) } && b.allSatisfy { holds($0, given: have.union(b2)) }
    }
  }

  func fieldName(_ module: IRModule) -> String? {
    switch self {
    case .valid(let v): "`\(module.step[v].name)`"
    case .select(_, let a, let b): a.union(b).lazy.compactMap { $0.fieldName(module) }.first
    case .value: nil
    }
  }
}
