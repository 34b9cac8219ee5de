import StratDiagnostics

/// A name as written, with its place.
public struct Identifier: Sendable {
  public let name: String
  public let span: SourceSpan

  public init(name: String, span: SourceSpan) {
    self.name = name
    self.span = span
  }
}

/// A parsed .strat file.
public struct Program: Sendable {
  public let name: Identifier?
  public let declarations: [Declaration]
  public let file: SourceFile
}

/// One top-level declaration.
public enum Declaration: Sendable {
  case instrument(InstrumentDecl)
  case param(ParamDecl)
  case `let`(LetDecl)
  case state(StateDecl)
  case function(FunctionDecl)
  case model(ModelDecl)
  case rule(RuleDecl)
  case risk(RiskDecl)
  case schedule(ScheduleDecl)
}

/// `instrument a = "GLD"`
public struct InstrumentDecl: Sendable {
  public let name: Identifier
  public let symbol: String?
}

/// A type name as written (`Price`).
public struct TypeName: Sendable {
  public let name: String
  public let span: SourceSpan
}

/// `param entry: Float = 2.0 in 0.5..4 step 0.5`
public struct ParamDecl: Sendable {
  public let name: Identifier
  public let type: TypeName
  public let defaultValue: Expr
  public let range: (low: Expr, high: Expr, step: Expr?)?
}

/// `let z = zscore(spread, lookback)`
public struct LetDecl: Sendable {
  public let name: Identifier
  public let type: TypeName?
  public let value: Expr
}

/// `state side: Int = 0`
public struct StateDecl: Sendable {
  public let name: Identifier
  public let type: TypeName
  public let initial: Expr
}

/// `fn spread(x: Price, y: Price) -> Float = log(x) - log(y)`
public struct FunctionDecl: Sendable {
  public let name: Identifier
  public let parameters: [(name: Identifier, type: TypeName)]
  public let result: TypeName?
  public let body: Expr
}

/// `model up = logistic(r1, r5) weights [-20, -5] bias 0.1`
public struct ModelDecl: Sendable {
  public enum Kind: String, Sendable {
    case linear, logistic, xgboost, lightgbm, mlp

    /// True for the kinds read from a trained model's file.
    public var readsFile: Bool { self == .xgboost || self == .lightgbm || self == .mlp }
  }
  /// The model file of `xgboost("m.json", …)`, as written (relative to the strategy's folder).
  public struct File: Sendable {
    public let path: String
    public let span: SourceSpan
  }
  public let name: Identifier
  public let kind: Kind
  public let kindSpan: SourceSpan
  public let features: [Expr]
  public let weights: [Expr]
  public let weightsSpan: SourceSpan
  public let bias: Expr?
  public var file: File? = nil
  /// `… margin`: the summed trees before the objective's transform.
  public var margin: Bool = false
}

/// `when z > entry { … }`
public struct RuleDecl: Sendable {
  public let keyword: SourceSpan
  public let condition: Expr
  public let actions: [Action]
}

/// What a rule does when its condition holds.
public enum Action: Sendable {
  case target(instrument: Identifier, quantity: Expr)
  /// `flat a`, or `flat` alone for every instrument.
  case flat(instrument: Identifier?, span: SourceSpan)
  /// `buy a 100`, `sell a 100 limit a.ask`, `buy a 100 limit p ioc`, `buy a 100 limit p replace`.
  case order(
    isBuy: Bool, instrument: Identifier, quantity: Expr, limit: Expr?, style: LimitStyle,
    span: SourceSpan)
  /// `cancel a`, `cancel a buy`, `cancel a sell`: withdraw open orders (nil side = both).
  case cancel(instrument: Identifier, isBuy: Bool?, span: SourceSpan)
  case assign(state: Identifier, value: Expr)
}

/// What happens to the part of a limit order that does not fill at once.
public enum LimitStyle: String, Sendable {
  /// It rests in the book until filled or cancelled.
  case rest
  /// It is cancelled (`ioc`, immediate or cancel).
  case ioc
  /// It replaces the open orders on its side (`replace`): one quote that follows a price.
  case replace
}

/// `risk { max_position a = 500 … }`
public struct RiskDecl: Sendable {
  public let items: [RiskItem]
}

/// One limit of a risk block.
public struct RiskItem: Sendable {
  public let name: Identifier
  public let instrument: Identifier?
  public let value: Expr
  public let per: Expr?
}

/// `schedule { hours 09:30 to 16:00 … }`
public struct ScheduleDecl: Sendable {
  public let span: SourceSpan
  public let items: [ScheduleItem]
}

/// One item of a schedule block.
public enum ScheduleItem: Sendable {
  case hours(open: Token, close: Token)
  case timezone(Token)
  case flattenBefore(Expr, span: SourceSpan)
}

/// An expression with its span.
public indirect enum Expr: Sendable {
  case number(Double, integer: Int64?, SourceSpan)
  case duration(nanoseconds: Int64, SourceSpan)
  case bool(Bool, SourceSpan)
  case name(Identifier)
  case member(Expr, Identifier)
  case call(Identifier, [Expr], SourceSpan)
  case lag(Expr, Expr, SourceSpan)
  case unary(UnaryOperator, Expr, SourceSpan)
  case binary(BinaryOperator, Expr, Expr, operatorSpan: SourceSpan)
  case ifElse(Expr, Expr, Expr, SourceSpan)
  /// Stands where parsing failed (already reported); checking skips it silently.
  case error(SourceSpan)

  /// The span of the whole expression.
  public var span: SourceSpan {
    switch self {
    case .number(_, _, let s), .duration(_, let s), .bool(_, let s), .call(_, _, let s),
      .lag(_, _, let s), .unary(_, _, let s), .ifElse(_, _, _, let s), .error(let s):
      s
    case .name(let id): id.span
    case .member(let base, let id): base.span.merged(with: id.span)
    case .binary(_, let l, let r, _): l.span.merged(with: r.span)
    }
  }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable { case negate = "-", plus = "+", not = "not" }

/// Infix operators.
public enum BinaryOperator: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
  case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==",
    notEqual = "!="
  case and, or

  /// True for the six comparisons.
  public var isComparison: Bool {
    switch self {
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
    default: false
    }
  }
}
