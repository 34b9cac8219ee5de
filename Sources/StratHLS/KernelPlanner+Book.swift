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
    let taint = undefinedInputs()
    for (index, ins) in module.step.enumerated() where ins.op.isEffect {
      var needed = ins.args.reduce(into: Set<Int>()) { $0.formUnion(taint[$1]) }
      if let p = ins.predicate { needed.formUnion(taint[p]) }
      let guarded = ins.predicate.map(validBits) ?? []
      guard let missing = needed.subtracting(guarded).min() else { continue }
      let name = module.step[missing].name
      problems.append(refusal(
        "undefined-value", ins.args.first ?? index,
        "this effect may see `\(name)` while it is undefined (an empty side of the book), and the kernel has no NaN",
        note: "guard the rule on the field being defined, as the compiler does for a rule that reads it"))
    }
  }

  /// For each instruction, the book fields (by their `field` instruction) its value depends on
  /// without a valid-bit test in between. Reads of state depend on none: only effects write
  /// state, and each is checked.
  func undefinedInputs() -> [Set<Int>] {
    var taint = [Set<Int>](repeating: [], count: module.step.count)
    for (index, ins) in module.step.enumerated() where !ins.op.isEffect {
      if case .field(_, let f) = ins.imm, Self.bookInputs.contains(f) {
        taint[index] = [index]
      } else if validityTest(index) == nil {
        taint[index] = ins.args.reduce(into: Set<Int>()) { $0.formUnion(taint[$1]) }
      }
    }
    return taint
  }

  /// The book fields (their `field` instructions) whose valid bits are leaves of `v`'s tree of
  /// `and`s: when `v` is true, each of them is defined.
  func validBits(_ v: ValueID) -> Set<Int> {
    let ins = module.step[v]
    if ins.op == .and { return validBits(ins.args[0]).union(validBits(ins.args[1])) }
    return validityTest(v) == nil ? [] : [ins.args[0]]
  }
}
