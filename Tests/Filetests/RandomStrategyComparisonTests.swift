import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratSema
import StratSyntax
import StratTestSupport
import Testing

/// The random differential test can fail: its comparison reports a flipped bit, a perturbed
/// input reaches it through the same path the backends take, and the generator keeps drawing
/// every construct it claims to.
@Suite struct RandomStrategyComparisonTests {
  typealias Tests = RandomStrategyDifferentialTests
  typealias Observation = Tests.Observation

  static let sample = Observation(
    count: 2,
    decisions: [
      Decision(kind: .target, instrument: 0, quantity: 100),
      Decision(kind: .limit, instrument: 1, quantity: -5, price: .nan),
    ],
    state: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  )

  @Test func equalObservationsShowNoDifference() {
    #expect(Tests.difference(expected: Self.sample, found: Self.sample) == nil)
  }

  @Test(arguments: 0..<7)
  func everyFlippedFieldIsReported(mutation: Int) {
    var found = Self.sample
    switch mutation {
    case 0: found.count = 1
    case 1: found.decisions[1].kind = .immediateOrCancel
    case 2: found.decisions[1].instrument = 0
    case 3:
      found.decisions[0].quantity = Double(bitPattern: found.decisions[0].quantity.bitPattern ^ 1)
    // -NaN against NaN: equal for `==` on neither, and different bits; only bits can tell.
    case 4: found.decisions[1].price = -found.decisions[1].price
    case 5: found.state[9] ^= 0x80
    default: found.state.append(0)
    }
    let message = Tests.difference(expected: Self.sample, found: found)
    #expect(message != nil, "mutation \(mutation) went unnoticed")
  }

  /// Two interpreters of one strategy, the second fed one close price a ulp higher at the first
  /// step from 5 on that has a bar: the comparison must name that step.
  @Test func aPerturbedInputIsReportedAtItsStep() throws {
    let text = "strategy perturbed instrument a when true { buy a 1 limit a.close }"
    let result = Compiler.compile(SourceFile(path: "perturbed.strat", bytes: Array(text.utf8)))
    let module = try #require(result.module)
    let stream = RandomEventStream(seed: 1, instruments: 1, readsBook: false, count: 50)
    func bars(_ step: RandomEventStream.Step) -> Int {
      step.events.filter {
        if case .bar = $0 { return true }
        return false
      }.count
    }
    let target = try #require((5..<50).first { bars(stream.steps[$0]) > 0 })
    let barsBefore = stream.steps.prefix(target).map(bars).reduce(0, +)
    let oracle = try Interpreter(module: module)
    let perturbed = PerturbingExecutor(try Interpreter(module: module), barToPerturb: barsBefore)
    let message = Tests.firstDifference(
      [
        ("interpreter", oracle, oracle.stateSnapshot),
        ("perturbed", perturbed, perturbed.inner.stateSnapshot),
      ],
      stream
    )
    #expect(message?.hasPrefix("step \(target) ") == true, "\(message ?? "no difference")")
  }

  @Test func identicalBackendsShowNoDifference() throws {
    let source = RandomStrategySource(seed: Tests.kept[0])
    let module = try #require(
      Compiler.compile(SourceFile(path: "r.strat", bytes: Array(source.text.utf8))).module
    )
    let (a, b) = (try Interpreter(module: module), try Interpreter(module: module))
    let stream = RandomEventStream(
      seed: 3,
      instruments: module.instruments.count,
      readsBook: true,
      count: 200
    )
    #expect(
      Tests.firstDifference([("a", a, a.stateSnapshot), ("b", b, b.stateSnapshot)], stream) == nil
    )
  }

  @Test func generationIsDeterministic() {
    #expect(RandomStrategySource(seed: 42).text == RandomStrategySource(seed: 42).text)
    #expect(RandomStrategySource(seed: 42).text != RandomStrategySource(seed: 43).text)
  }

  /// Every construct the generator claims appears in the strategies the differential test runs.
  @Test func generatedStrategiesUseEveryConstruct() {
    let texts = (0..<Tests.seedCount).map { RandomStrategySource(seed: UInt64($0)).text }
    let constructs = [
      "param ", " step ", "state ", "let ", "fn ", "model ", "linear(", "logistic(", " bias ",
      "when ", "target ", "flat", "buy ", "sell ", " limit ", " ioc", " replace", "cancel ",
      "risk {", "max_orders", "schedule {", "timezone", "flatten_before", "if ", " and ", " or ",
      "not ", "log(", "exp(", "sqrt(", "abs(", "round(", "sign(", "min(", "max(", "clamp(",
      "sma(", "ema(", "sum(", "var(", "var_pop(", "stdev(", "stdev_pop(", "zscore(",
      "zscore_pop(", "lowest(", "highest(", "corr(", "cov(", "slope(", "intercept(", "ret(",
      "logret(", "crosses_above(", "crosses_below(", ")[", ".close", ".volume", ".bid",
      ".ask_size", ".mid", ".spread", ".microprice", ".imbalance", ".last", ".traded",
      ".position", ".avg_price", ".open_orders", ".open_buy", ".open_sell", ".fills",
      "bid_price(", "ask_size(", "time", ": Duration", ": Time", "(0.0 / 0.0)", "1e300",
    ]
    for construct in constructs {
      #expect(
        texts.contains { $0.contains(construct) },
        "no generated strategy uses `\(construct)`"
      )
    }
  }
}

/// An executor that forwards to an interpreter but raises the close of one bar by a ulp (or makes it 1): a
/// backend that is wrong on purpose.
final class PerturbingExecutor: StrategyExecutor {
  let inner: Interpreter
  private var barsLeft: Int

  init(_ inner: Interpreter, barToPerturb: Int) {
    self.inner = inner
    barsLeft = barToPerturb
  }

  var interface: StrategyInterface { inner.interface }
  var decisions: UnsafeBufferPointer<Decision> { inner.decisions }
  func reset() { inner.reset() }
  func setInput(instrument: Int, field: InputField, value: Double) {
    inner.setInput(instrument: instrument, field: field, value: value)
  }
  func markSeen(instrument: Int) { inner.markSeen(instrument: instrument) }
  func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) { try inner.setParameter(value) }
  func step(timeNanos: Int64) -> Int { inner.step(timeNanos: timeNanos) }

  func setBar(instrument: Int, bar: Bar) {
    var bar = bar
    if barsLeft == 0 { bar.close = bar.close.isFinite ? bar.close.nextUp : 1 }
    barsLeft -= 1
    inner.setBar(instrument: instrument, bar: bar)
  }
}

/// Valid programs (by Grammar/REFERENCE.md and strat.ebnf) that the random strategies found the
/// compiler rejecting; the generator avoids them until they are fixed. Each is a known issue:
/// when one is fixed, its test fails ("known issue was not recorded") and the generator may draw
/// it again.
@Suite struct RandomStrategyFindings {
  /// Valid programs the compiler once rejected, found by the random strategies; fixed.
  static let accepted: [(String, String)] = [
    // Literals went through a Double, so Int64.max was read as a Float (2^63 after rounding).
    ("Int64.max literal", "state n: Int = 9223372036854775807  when n > 0 { flat a }"),
    // `cancel a buy` took `buy` as the side of the cancel, then failed on `a 5`.
    ("cancel then buy", "when true { cancel a  buy a 5 }"),
    // `flat cancel` took the contextual word `cancel` as the instrument to flatten.
    ("flat then cancel", "when true { flat  cancel a }"),
  ]

  static func compile(_ body: String) -> Compiler.Result {
    let text = "strategy found instrument a " + body
    return Compiler.compile(SourceFile(path: "found.strat", bytes: Array(text.utf8)))
  }

  @Test(arguments: accepted.map(\.0))
  func compilerAcceptsValidProgram(name: String) {
    let result = Self.compile(Self.accepted.first { $0.0 == name }!.1)
    let errors = (result.diagnostics.filter { $0.severity == .error } + result.internalErrors)
    #expect(errors.isEmpty && result.module != nil, "\(errors.map(\.message))")
  }

  @Test func theIntLiteralIsExact() throws {
    let module = try #require(Self.compile("state n: Int = 9223372036854775807  when n > 0 { flat a }").module)
    #expect(module.slots.contains { $0.kind == .scalar(.i64, initial: .i64(.max)) })
  }

  /// `max_orders = 0` was accepted by the checker and then refused by the IR verifier as an
  /// internal error (exit 3); it is now the user's error, located.
  @Test func zeroOrdersIsTheUsersError() {
    let result = Self.compile("risk { max_orders = 0 per 1m }")
    #expect(result.internalErrors.isEmpty)
    #expect(result.diagnostics.contains { $0.id == "risk.zero-orders" })
  }
}
