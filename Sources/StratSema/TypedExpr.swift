import StratABI
import StratDiagnostics
import StratIR

/// A checked expression: names resolved, types and units known, calls to user functions inlined.
struct TypedExpr {
  var kind: Kind
  var type: StratType
  var span: SourceSpan
  /// Made only of number literals, so it takes the unit its context asks for (`a.close > 100`).
  var isLiteral = false

  indirect enum Kind {
    case constant(IRConstant)
    case field(instrument: Int, InputField)
    case param(Int)
    case letValue(Int)
    case stateValue(Int)
    case modelValue(Int)
    case time
    /// A function parameter inside a function body; replaced at each call site.
    case argument(Int)
    case negate(TypedExpr)
    case not(TypedExpr)
    case toFloat(TypedExpr)
    case binary(BinaryOp, TypedExpr, TypedExpr)
    case builtin(Builtin, [TypedExpr], window: Int)
    case lag(TypedExpr, Int)
    case ifElse(TypedExpr, TypedExpr, TypedExpr)
  }

  enum BinaryOp {
    case add, subtract, multiply, divide, remainder
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case and, or
  }

  /// The parameters the expression reads, by index.
  var paramsRead: Set<Int> {
    var found = Set<Int>()
    var pending = [self]
    while let e = pending.popLast() {
      switch e.kind {
      case .param(let i): found.insert(i)
      case .constant, .field, .letValue, .stateValue, .modelValue, .time, .argument: break
      case .negate(let x), .not(let x), .toFloat(let x), .lag(let x, _): pending.append(x)
      case .binary(_, let l, let r): pending += [l, r]
      case .builtin(_, let args, _): pending += args
      case .ifElse(let c, let t, let f): pending += [c, t, f]
      }
    }
    return found
  }

  /// Replaces `argument(i)` with `arguments[i]` (the inlining of a user function).
  func substituting(_ arguments: [TypedExpr]) -> TypedExpr {
    var copy = self
    switch kind {
    case .argument(let i): return arguments[i]
    case .constant, .field, .param, .letValue, .stateValue, .modelValue, .time: return self
    case .negate(let e): copy.kind = .negate(e.substituting(arguments))
    case .not(let e): copy.kind = .not(e.substituting(arguments))
    case .toFloat(let e): copy.kind = .toFloat(e.substituting(arguments))
    case .binary(let op, let l, let r):
      copy.kind = .binary(op, l.substituting(arguments), r.substituting(arguments))
    case .builtin(let b, let args, let window):
      copy.kind = .builtin(b, args.map { $0.substituting(arguments) }, window: window)
    case .lag(let e, let k): copy.kind = .lag(e.substituting(arguments), k)
    case .ifElse(let c, let t, let f):
      copy.kind = .ifElse(
        c.substituting(arguments), t.substituting(arguments), f.substituting(arguments))
    }
    return copy
  }
}

/// The built-in functions: math, windowed statistics and signals.
enum Builtin: String, CaseIterable {
  // math
  case log, exp, sqrt, abs, round, sign, min, max, clamp, floor, ceil, pow
  // definedness (Pine's na and nz)
  case na, nz
  // windowed (last argument is a constant window)
  case sma, ema, sum, `var`, var_pop, stdev, stdev_pop, zscore, zscore_pop, lowest, highest
  case corr, cov, slope, intercept
  // signals
  case ret, logret, crosses_above, crosses_below
  // indicators (TA-Lib's arithmetic): Wilder's average, RSI, true range, ATR, change, momentum,
  // rate of change, running sum, on-balance volume
  case rma, rsi, tr, atr, change, mom, roc, cum, obv, vwma
  // events (Pine's ta.barssince and ta.valuewhen)
  case barssince, valuewhen
  // the calendar, in the schedule's zone: fields of a Time, period clocks, the step count
  case year, month, day, weekday, hour, minute, new_day, new_week, new_month, bar_index

  /// The calendar fields of a Time argument.
  var isCalendarField: Bool { [.year, .month, .day, .weekday, .hour, .minute].contains(self) }
  /// The built-ins of no argument.
  var isClock: Bool { [.new_day, .new_week, .new_month, .bar_index].contains(self) }

  /// True when the last argument is a window length that must be a constant.
  var hasWindow: Bool {
    switch self {
    case .sma, .ema, .sum, .var, .var_pop, .stdev, .stdev_pop, .zscore, .zscore_pop, .lowest,
      .highest, .corr, .cov, .slope, .intercept, .rma, .rsi, .atr, .vwma:
      true
    default: false
    }
  }

  /// The smallest window that gives a meaningful value.
  var minimumWindow: Int {
    switch self {
    case .var, .stdev, .zscore, .corr, .cov, .slope, .intercept, .rsi: 2
    default: 1
    }
  }

  /// Accepted argument counts, window included.
  var arity: ClosedRange<Int> {
    switch self {
    case .log, .exp, .sqrt, .abs, .round, .sign, .floor, .ceil, .na: 1...1
    case .min, .max, .pow, .nz: 2...2
    case .clamp: 3...3
    case .corr, .cov, .slope, .intercept: 3...3
    case .ret, .logret, .change: 1...2
    case .crosses_above, .crosses_below, .mom, .roc, .obv: 2...2
    case .tr: 3...3
    case .atr: 4...4
    case .cum, .barssince: 1...1
    case .valuewhen: 2...2
    case .vwma: 3...3
    case .year, .month, .day, .weekday, .hour, .minute: 1...1
    case .new_day, .new_week, .new_month, .bar_index: 0...0
    default: 2...2
    }
  }

  /// How the function is written, for messages.
  var signature: String {
    switch self {
    case .log, .exp, .sqrt, .abs, .round, .sign, .floor, .ceil, .na: "\(rawValue)(x)"
    case .min, .max, .nz: "\(rawValue)(x, y)"
    case .pow: "pow(x, y)"
    case .clamp: "clamp(x, low, high)"
    case .corr, .cov: "\(rawValue)(x, y, window)"
    case .slope, .intercept: "\(rawValue)(y, x, window)"
    case .ret, .logret: "\(rawValue)(x) or \(rawValue)(x, k)"
    case .crosses_above, .crosses_below: "\(rawValue)(x, y)"
    case .change: "change(x) or change(x, k)"
    case .mom, .roc: "\(rawValue)(x, k)"
    case .tr: "tr(high, low, close)"
    case .atr: "atr(high, low, close, window)"
    case .cum: "cum(x)"
    case .barssince: "barssince(condition)"
    case .valuewhen: "valuewhen(condition, x)"
    case .vwma: "vwma(x, volume, window)"
    case .year, .month, .day, .weekday, .hour, .minute: "\(rawValue)(time)"
    case .new_day, .new_week, .new_month, .bar_index: "\(rawValue)()"
    case .obv: "obv(close, volume)"
    default: "\(rawValue)(x, window)"
    }
  }
}
