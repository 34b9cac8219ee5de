import StratDiagnostics
import StratSyntax
import Testing

@Suite struct ParserTests {
  /// Parses `let x = <expression>` and returns the expression as an S-expression.
  static func tree(_ expression: String) -> (String, [String]) {
    let (program, diagnostics) = Parser.parse(
      SourceFile(path: "p.strat", text: "strategy s\nlet x = \(expression)\n")
    )
    guard case .let(let decl)? = program.declarations.first else {
      return ("<none>", diagnostics.map(\.id))
    }
    return (sexpr(decl.value), diagnostics.map(\.id))
  }

  static func sexpr(_ e: Expr) -> String {
    switch e {
    case .number(_, _, let span), .duration(_, let span): span.text
    case .bool(let b, _): b ? "true" : "false"
    case .name(let id): id.name
    case .member(let base, let field): "\(sexpr(base)).\(field.name)"
    case .call(let name, let args, _): "(\(name.name)\(args.map { " " + sexpr($0) }.joined()))"
    case .lag(let base, let k, _): "(lag \(sexpr(base)) \(sexpr(k)))"
    case .unary(let op, let x, _): "(\(op == .not ? "not" : op.rawValue) \(sexpr(x)))"
    case .binary(let op, let l, let r, _): "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
    case .ifElse(let c, let t, let f, _): "(if \(sexpr(c)) \(sexpr(t)) \(sexpr(f)))"
    case .error: "<error>"
    }
  }

  @Test(arguments: [
    ("a + b * c", "(+ a (* b c))"),
    ("a * b + c", "(+ (* a b) c)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b / c", "(/ (/ a b) c)"),
    ("-a * b", "(* (- a) b)"),
    ("-a[1]", "(- (lag a 1))"),
    ("a.close[1][2]", "(lag (lag a.close 1) 2)"),
    ("p or q and r", "(or p (and q r))"),
    ("p and q or r", "(or (and p q) r)"),
    ("not a > b", "(not (> a b))"),
    ("not p and q", "(and (not p) q)"),
    ("a + 1 < b * 2", "(< (+ a 1) (* b 2))"),
    ("a < b == true", "(== (< a b) true)"),
    ("if p then a else b + 1", "(if p a (+ b 1))"),
    ("if p then if q then 1 else 2 else 3", "(if p (if q 1 2) 3)"),
    ("(a + b) * c", "(* (+ a b) c)"),
    ("f(a, b + c)[2]", "(lag (f a (+ b c)) 2)"),
    ("- - a", "(- (- a))"),
    ("5m + 30s", "(+ 5m 30s)"),
  ])
  func precedenceAndAssociativity(expression: String, expected: String) {
    let (tree, ids) = Self.tree(expression)
    if expression == "a < b == true" {
      // Comparisons do not associate: the second one is an error, though the tree is built.
      #expect(ids == ["parse.chained-comparison"])
    } else {
      #expect(ids.isEmpty)
    }
    #expect(tree == expected)
  }

  @Test func recoveryReportsEveryBrokenDeclarationAndKeepsTheRest() {
    let text = """
      strategy s
      instrument
      param n: Int
      let x
      let good = 1
      state
      when good > 0 { flat }

      """
    let (program, diagnostics) = Parser.parse(SourceFile(path: "r.strat", text: text))
    #expect(
      diagnostics.map(\.id) == [
        "parse.expected-name", "parse.expected-symbol", "parse.expected-symbol",
        "parse.expected-name",
      ]
    )
    #expect(diagnostics.compactMap { $0.lineAndColumn?.line } == [3, 4, 5, 7])
    #expect(program.declarations.count == 2)
  }

  @Test func newlinesCarryNoMeaning() {
    let oneLine = Parser.parse(
      SourceFile(path: "a.strat", text: "strategy s when x > 1 { target a = 1 flat b }")
    )
    let spread = Parser.parse(
      SourceFile(path: "b.strat", text: "strategy s\nwhen x\n>\n1\n{\ntarget a\n=\n1\nflat\nb\n}\n")
    )
    #expect(oneLine.diagnostics.isEmpty && spread.diagnostics.isEmpty)
    guard case .rule(let a)? = oneLine.program.declarations.first,
      case .rule(let b)? = spread.program.declarations.first
    else {
      Issue.record("no rule parsed")
      return
    }
    #expect(a.actions.count == 2 && b.actions.count == 2)
  }

  @Test func flatAloneIsFollowedByAnAssignment() {
    let (program, diagnostics) = Parser.parse(
      SourceFile(path: "f.strat", text: "strategy s when p { flat side = 0 }")
    )
    #expect(diagnostics.isEmpty)
    guard case .rule(let rule)? = program.declarations.first else {
      Issue.record("no rule parsed")
      return
    }
    guard case .flat(nil, _) = rule.actions.first, case .assign(let state, _)? = rule.actions.last
    else {
      Issue.record("expected `flat` then an assignment")
      return
    }
    #expect(state.name == "side")
  }

  @Test func nestingIsLimited() {
    let deep =
      String(repeating: "(", count: Parser.maximumNesting + 1) + "1"
      + String(repeating: ")", count: Parser.maximumNesting + 1)
    #expect(Self.tree(deep).1.contains("parse.too-deep"))
    let fine = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
    #expect(Self.tree(fine) == ("1", []))
  }
}
