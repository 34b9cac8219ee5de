import StratABI
import StratDiagnostics
import StratFixed
import StratIR

/// Chooses the kernel's types: a range analysis over the step (iterated until the state's
/// ranges settle) gives every f64 value an interval and an error bound, and from it a format;
/// constructs the kernel cannot compute are refused with a diagnostic naming the value.
public struct KernelPlanner {
  let module: IRModule
  let options: KernelOptions
  let path: String
  let locator: SourceLocator?
  var ranges: [Interval?]
  var slotRanges: [Interval?]
  var problems: [Diagnostic] = []

  /// Largest window the kernel accepts: a shift register of registers, and a 1 ÷ n table.
  public static let largestWindow = 4096

  /// Plans `module` (compiled from `path`), or returns the refusals.
  public static func plan(
    _ module: IRModule, options: KernelOptions = KernelOptions(), path: String, source: SourceFile? = nil
  ) -> Result<KernelPlan, KernelRefusal> {
    var planner = KernelPlanner(module: Self.widened(module), options: options, path: path, source: source)
    planner.refuseUnsupported()
    planner.refuseUnsupportedRisk()
    guard planner.problems.isEmpty else { return .failure(KernelRefusal(diagnostics: planner.problems)) }
    planner.analyse()
    var plan = planner.build()
    plan.reference = module
    return .success(plan)
  }

  /// The module the kernel computes: float32 rounding (`f32`, an XGBoost model's) is finer than
  /// the kernel's fixed point, so it is dropped and `expf` becomes the kernel's `exp`. What that
  /// and the fixed point change, `hls-sim --compare` counts against the module as compiled.
  static func widened(_ module: IRModule) -> IRModule {
    var module = module
    var dropped: [ValueID: ValueID] = [:]
    for (i, instruction) in module.step.enumerated() {
      switch instruction.op {
      case .f32:
        let operand = instruction.args[0]
        dropped[i] = operand
        if module.step[operand].name.isEmpty { module.step[operand].name = instruction.name }
      case .expf: module.step[i].op = .exp
      default: break
      }
    }
    return module.removingInstructions(Set(dropped.keys), replacing: dropped)
  }

  init(module: IRModule, options: KernelOptions, path: String, source: SourceFile?) {
    self.module = module
    self.options = options
    self.path = path
    locator = source.map(SourceLocator.init)
    ranges = Array(repeating: nil, count: module.step.count)
    slotRanges = module.slots.map {
      if case .scalar(_, let initial) = $0.kind { return Interval.point(initial.plainValue) }
      return nil
    }
  }

  /// Runs the step's analysis until no slot's range changes; a slot still growing after a few
  /// passes (an accumulator) is unbounded.
  mutating func analyse() {
    for pass in 0..<8 {
      let before = slotRanges
      for index in module.step.indices { visit(index) }
      if slotRanges == before { return }
      if pass >= 3 {
        for s in slotRanges.indices where slotRanges[s] != before[s] { slotRanges[s] = .unbounded }
      }
    }
  }

  /// A located refusal: the strategy file, and the IR value the construct computes.
  func refusal(_ id: String, _ index: Int?, slot: Int? = nil, _ message: String, note: String? = nil) -> Diagnostic {
    let irName = index.map { module.step[$0].name } ?? slot.map { module.slots[$0].name } ?? ""
    let name = index.map { _ in irName.isEmpty ? "" : " (`%\(irName)`)" } ?? ""
    let notes = (note.map { [$0] } ?? []) + ["`stratc ir \(path)` shows the value in the step"]
    if let span = locator?.span(of: irName) {
      return Diagnostic(
        id: "hls.\(id)", message: message + name, primary: Label(span, "the kernel cannot compute this"), notes: notes)
    }
    return Diagnostic(id: "hls.\(id)", message: message + name, at: DataLocation(path: path), notes: notes)
  }

  /// Refuses what no kernel can compute: fields the FPGA does not see, pair windows, huge windows,
  /// book values that may be undefined where an effect reads them.
  mutating func refuseUnsupported() {
    for (s, slot) in module.slots.enumerated() {
      switch slot.kind {
      case .pairWindow:
        problems.append(refusal(
          "unsupported-window", nil, slot: s,
          "the kernel does not compute pair windows (cov, corr, slope, intercept) yet: slot `$\(slot.name)`",
          note: "one-variable windows, lags and EMAs are supported"))
      case .ring(let n) where n > Self.largestWindow, .window(let n) where n > Self.largestWindow,
        .ema(let n) where n > Self.largestWindow:
        problems.append(refusal(
          "window-too-long", nil, slot: s,
          "slot `$\(slot.name)` holds \(n) values; a kernel window holds at most \(Self.largestWindow)",
          note: "a longer window needs a BRAM circular buffer, which this backend does not emit yet"))
      default: break
      }
    }
    for (index, instruction) in module.step.enumerated() {
      if case .field(_, let field) = instruction.imm, let refusal = fieldRefusal(index, field) {
        problems.append(refusal)
      }
    }
    for (index, instruction) in module.step.enumerated() where Self.unsupportedOps.contains(instruction.op) {
      problems.append(refusal(
        "unsupported-operation", index, "the kernel does not compute `\(instruction.op.rawValue)` yet",
        note: "floor, ceil, pow and % need fixed-point units the kernel does not build"))
    }
    refuseUndefinedBookValues()
  }

  /// Operations with no fixed-point unit yet.
  static let unsupportedOps: Set<Opcode> = [.floor, .ceil, .pow, .fmod]
}

/// Why a strategy cannot become a kernel: one located diagnostic per construct.
public struct KernelRefusal: Error, Sendable {
  public var diagnostics: [Diagnostic]
}

extension IRConstant {
  /// The constant as a real number (bools as 0/1), for the range analysis.
  var plainValue: Double {
    switch self {
    case .f64(let v): v
    case .i64(let v): Double(v)
    case .bool(let b): b ? 1 : 0
    }
  }
}
