extension Checker {
  /// Steps before a rule can fire: the longest warm-up of what its condition and actions read.
  static func warmup(of rule: CheckedProgram.Rule, in program: CheckedProgram) -> Int {
    let warmup = Warmup(program: program)
    return rule.actions.reduce(warmup.steps(rule.condition)) { max($0, warmup.steps(of: $1)) }
  }
}

/// Exact warm-up inference: how many steps, after every instrument has delivered a bar, until a
/// value is defined. The first step at which a rule can fire is the largest over what it reads.
struct Warmup {
  let program: CheckedProgram

  func steps(_ e: TypedExpr) -> Int {
    switch e.kind {
    case .constant, .field, .param, .stateValue, .time, .argument: return 0
    case .letValue(let i): return program.lets[i].warmup  // computed in dependency order
    case .modelValue(let i): return program.models[i].features.map(steps).max() ?? 0
    case .negate(let x), .not(let x), .toFloat(let x): return steps(x)
    case .binary(_, let l, let r): return max(steps(l), steps(r))
    case .ifElse(let c, let t, let f): return max(steps(c), steps(t), steps(f))
    case .lag(let x, let k): return steps(x) + k
    case .builtin(let b, let args, let n):
      let inner = args.map(steps).max() ?? 0
      if b == .rsi || b == .atr { return inner + n }  // n changes (true ranges) need n + 1 values
      if b.hasWindow { return inner + n - 1 }
      switch b {
      case .ret, .logret, .change, .mom, .roc: return inner + n
      case .tr: return inner + 1
      case .crosses_above, .crosses_below: return inner + 1
      case .na, .barssince, .valuewhen: return 0  // defined from the first step (na), or when an event is seen
      case .nz: return args.map(steps).min() ?? 0  // defined when either is
      default: return inner
      }
    }
  }

  func steps(of action: CheckedProgram.Action) -> Int {
    switch action {
    case .target(_, let q), .market(_, let q): steps(q)
    case .limit(_, let q, let p, _): max(steps(q), steps(p))
    case .cancel: 0
    case .assign(_, let v): steps(v)
    }
  }
}
