import StratDiagnostics
import StratIR

/// Lowers a checked program to the IR. Every stream value comes with an "ok" bit: false until
/// every value it reads is defined (instruments seen, windows full, standard deviation non-zero).
/// A rule fires only when its condition and everything its actions read are ok.
struct Lowering {
  /// A lowered value and its definedness (nil: always defined).
  struct Lowered {
    var value: ValueID
    var ok: ValueID?
  }

  /// Identifies a buffer so that equal windows over equal values share one slot.
  struct BufferKey: Hashable {
    var kind: String
    var capacity: Int
    var values: [ValueID]
    var ok: ValueID?
  }

  let program: CheckedProgram
  var builder: IRBuilder
  var letValues: [Int: Lowered] = [:]
  var modelValues: [Int: Lowered] = [:]
  var stateLoads: [ValueID] = []
  var stateSlots: [Int] = []
  var buffers: [BufferKey: Int] = [:]
  var fields: [String: Lowered] = [:]
  /// Where each window and lag slot comes from in the source.
  var slotSpans: [Int: SourceSpan] = [:]

  init(program: CheckedProgram) {
    self.program = program
    let module = IRModule(
      name: program.name, instruments: program.instruments,
      params: program.params.map { IRParam(name: $0.name, value: $0.value) },
      risk: program.risk)
    self.builder = IRBuilder(module: module)
  }

  /// Returns the lowered module.
  mutating func lower() -> IRModule {
    for state in program.states {
      stateSlots.append(builder.addSlot(Slot(name: state.name, kind: .scalar(irType(state.type), initial: state.initial))))
    }
    // State is read once, before any rule can assign it: rules see the value at step start.
    for (i, state) in program.states.enumerated() {
      stateLoads.append(builder.emit(.load, irType(state.type), imm: .slot(stateSlots[i]), name: state.name))
    }
    for i in program.letOrder { _ = lowerLet(i) }
    let (trading, flattening) = lowerSchedule()
    for rule in program.rules { lowerRule(rule, trading: trading) }
    if let flattening {
      let zero = builder.constant(.f64(0))
      for i in program.instruments.indices {
        builder.effect(.target, [zero], imm: .instrument(i), predicate: flattening)
      }
    }
    var module = builder.module
    module.warmupSteps = program.rules.map { Checker.warmup(of: $0, in: program) }.max() ?? 0
    module.declaredParameters = Self.parameterTable(program)
    return module
  }

  func irType(_ type: StratType) -> IRType {
    switch type {
    case .bool: .bool
    case .int, .duration, .time: .i64
    case .float: .f64
    }
  }

  // MARK: - Rules

  mutating func lowerRule(_ rule: CheckedProgram.Rule, trading: ValueID?) {
    let condition = lower(rule.condition)
    var guardValue = condition.value
    var oks = [condition.ok, trading]
    var operands: [[Lowered]] = []
    for action in rule.actions {
      let values: [Lowered]
      switch action {
      case .target(_, let q), .market(_, let q): values = [lower(q)]
      case .limit(_, let q, let p, _): values = [lower(q), lower(p)]
      case .cancel(_, let side): values = [Lowered(value: builder.constant(.f64(side)), ok: nil)]
      case .assign(_, let v): values = [lower(v)]
      }
      oks += values.map(\.ok)
      operands.append(values)
    }
    if let ok = all(oks) { guardValue = builder.emit(.and, .bool, [ok, guardValue], name: "fire") }
    for (action, values) in zip(rule.actions, operands) {
      switch action {
      case .target(let i, _):
        builder.effect(.target, [values[0].value], imm: .instrument(i), predicate: guardValue)
      case .market(let i, _):
        builder.effect(.market, [values[0].value], imm: .instrument(i), predicate: guardValue)
      case .limit(let i, _, _, let style):
        let op: Opcode = style == .rest ? .limit : style == .ioc ? .ioc : .replace
        builder.effect(op, [values[0].value, values[1].value], imm: .instrument(i), predicate: guardValue)
      case .cancel(let i, _):
        builder.effect(.cancel, [values[0].value], imm: .instrument(i), predicate: guardValue)
      case .assign(let s, _):
        builder.effect(.store, [values[0].value], imm: .slot(stateSlots[s]), predicate: guardValue)
      }
    }
  }

  /// The conjunction of the given definedness bits (nil when all are always defined).
  mutating func all(_ oks: [ValueID?]) -> ValueID? {
    let present = oks.compactMap { $0 }
    guard var result = present.first else { return nil }
    for next in present.dropFirst() where next != result {
      result = builder.emit(.and, .bool, [result, next])
    }
    return result
  }

  // MARK: - Schedule

  /// Lowers the schedule to (trading now, flattening now) bits, or nils without a schedule.
  mutating func lowerSchedule() -> (ValueID?, ValueID?) {
    guard let s = program.schedule else { return (nil, nil) }
    let minute: Int64 = 60_000_000_000
    let day: Int64 = 1440 * minute
    let now = builder.emit(.time, .i64, name: "now")
    let offset = s.zone.map { zoneOffset($0, at: now) } ?? builder.constant(.i64(s.offsetNanos))
    let shifted = builder.emit(.iadd, .i64, [now, offset])
    let dayValue = builder.constant(.i64(day))
    let remainder = builder.emit(.irem, .i64, [shifted, dayValue])
    let negative = builder.emit(.ilt, .bool, [remainder, builder.constant(.i64(0))])
    let wrapped = builder.emit(.iadd, .i64, [remainder, dayValue])
    let timeOfDay = builder.emit(.select, .i64, [negative, wrapped, remainder], name: "time_of_day")
    let trading = within(timeOfDay, from: s.open * minute % day, to: s.close * minute % day, name: "trading")
    guard s.flattenBeforeNanos > 0 else { return (trading, nil) }
    let start = ((s.close * minute - s.flattenBeforeNanos) % day + day) % day
    let window = within(timeOfDay, from: start, to: s.close * minute % day, name: "closing")
    let flattening = builder.emit(.and, .bool, [trading, window], name: "flattening")
    let notFlattening = builder.emit(.not, .bool, [flattening])
    let open = builder.emit(.and, .bool, [trading, notFlattening], name: "open_for_rules")
    return (open, flattening)
  }

  /// True when `low <= t < high`, wrapping past midnight when low > high.
  mutating func within(_ t: ValueID, from low: Int64, to high: Int64, name: String) -> ValueID {
    let afterLow = builder.emit(.ige, .bool, [t, builder.constant(.i64(low))])
    let beforeHigh = builder.emit(.ilt, .bool, [t, builder.constant(.i64(high))])
    return builder.emit(low < high ? .and : .or, .bool, [afterLow, beforeHigh], name: name)
  }
}
