import StratDiagnostics

/// The size of a checked expression tree, counted without building anything.
struct ExpansionShape {
  var nodes = 0
  var height = 0
  /// For each function argument: how often it occurs, and the depth of its deepest occurrence
  /// (the root is at depth 1).
  var occurrences: [Int]
  var deepest: [Int]

  /// Walks `expr` iteratively.
  init(of expr: TypedExpr, arguments: Int = 0) {
    occurrences = Array(repeating: 0, count: arguments)
    deepest = Array(repeating: 0, count: arguments)
    var pending: [(TypedExpr, Int)] = [(expr, 1)]
    while let (e, depth) = pending.popLast() {
      nodes += 1
      height = max(height, depth)
      switch e.kind {
      case .argument(let i) where i < arguments:
        occurrences[i] += 1
        deepest[i] = max(deepest[i], depth)
      case .constant, .field, .param, .letValue, .stateValue, .modelValue, .time, .argument: break
      case .negate(let x), .not(let x), .toFloat(let x), .lag(let x, _): pending.append((x, depth + 1))
      case .binary(_, let l, let r): pending += [(l, depth + 1), (r, depth + 1)]
      case .builtin(_, let args, _): pending += args.map { ($0, depth + 1) }
      case .ifElse(let c, let t, let f): pending += [(c, depth + 1), (t, depth + 1), (f, depth + 1)]
      }
    }
  }
}

extension Checker {
  /// Counts the nodes that inlining function `index` with `arguments` adds to the program, and
  /// refuses (reporting at the call) when the total would pass `Limits.maximumExpansion` or the
  /// tree would be taller than `Limits.maximumHeight`: doubling a function 24 times must not
  /// build 2²⁴ nodes.
  mutating func admitExpansion(
    of index: Int, body: TypedExpr, arguments: [TypedExpr], span: SourceSpan
  ) -> Bool {
    if functionShapes[index] == nil {
      functionShapes[index] = ExpansionShape(of: body, arguments: arguments.count)
    }
    let shape = functionShapes[index]!
    var nodes = shape.nodes
    var height = shape.height
    for (i, argument) in arguments.enumerated() where shape.occurrences[i] > 0 {
      let inner = ExpansionShape(of: argument)
      nodes += shape.occurrences[i] * (inner.nodes - 1)
      height = max(height, shape.deepest[i] + inner.height - 1)
    }
    let name = functionDecls[index].name.name
    guard height <= Limits.maximumHeight else {
      report(SemaDiagnostics.inlinedTooDeep(name, height: height, span: span))
      return false
    }
    expandedNodes += nodes
    guard expandedNodes <= Limits.maximumExpansion else {
      if !hasReportedExpansion {
        hasReportedExpansion = true
        report(SemaDiagnostics.expansionTooLarge(name, nodes: nodes, span: span))
      }
      return false
    }
    return true
  }
}
