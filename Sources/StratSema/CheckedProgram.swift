import StratABI
import StratDiagnostics
import StratIR
import StratSyntax

/// A program that passed checking: everything lowering needs, with names resolved.
struct CheckedProgram {
  struct Param {
    var name: String
    var type: StratType
    var value: IRConstant
    /// The declared type as written.
    var typeName = ""
    /// `in LOW..HIGH step STEP`, when declared and constant.
    var range: ParameterRange?
  }
  struct Let {
    var name: String
    var value: TypedExpr
    /// Steps after every instrument is seen before the let is defined.
    var warmup = 0
  }
  struct State {
    var name: String
    var type: StratType
    var initial: IRConstant
  }
  struct Model {
    var name: String
    var isLogistic: Bool
    var features: [TypedExpr]
    var weights: [Double]
    var bias: Double
    /// The trained ensemble of `xgboost(...)` and `lightgbm(...)` (weights and bias unused).
    var file: LoadedModel?
  }
  enum Action {
    case target(instrument: Int, quantity: TypedExpr)
    case market(instrument: Int, quantity: TypedExpr)
    case limit(instrument: Int, quantity: TypedExpr, price: TypedExpr, style: LimitStyle)
    /// side: +1 buys, −1 sells, 0 both.
    case cancel(instrument: Int, side: Double)
    case assign(state: Int, value: TypedExpr)
  }
  struct Rule {
    var condition: TypedExpr
    var actions: [Action]
  }
  struct Schedule {
    /// Minutes after midnight in the schedule's zone.
    var open: Int64
    var close: Int64
    var offsetNanos: Int64
    var flattenBeforeNanos: Int64
    /// A named zone whose offset changes (daylight saving); nil: `offsetNanos` always.
    var zone: ZoneOffsetPlan? = nil
  }

  var name: String
  var instruments: [IRInstrument]
  var params: [Param]
  var lets: [Let]
  /// Let indices, each after the lets it reads: the order to check and lower them in.
  var letOrder: [Int] = []
  var states: [State]
  var models: [Model]
  var rules: [Rule]
  var risk: [RiskLimit]
  var schedule: Schedule?
  /// Every model file read, in declaration order: inputs of the run id.
  var modelFiles: [ModelFileDigest] = []
  /// Parameters whose value sizes a window, lag or average (a new value is a new layout).
  var stateSizingParams: Set<Int> = []
  /// Parameters whose value the checker folded into a constant of the build (a risk limit, a
  /// model weight, a book level, another parameter's default): a new value needs a new build.
  var foldedParams: Set<Int> = []
}
