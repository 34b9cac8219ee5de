import StratDiagnostics
import StratSyntax

extension Checker {
  /// The lets, functions and models as one graph: node `i` is let `i`, then the functions,
  /// then the models.
  struct DeclarationGraph {
    let lets: Int
    let functions: Int
    var reads: [[Int]] = []

    func function(_ node: Int) -> Int? { node >= lets && node < lets + functions ? node - lets : nil }
    func model(_ node: Int) -> Int? { node >= lets + functions ? node - lets - functions : nil }
  }

  /// Checks every let, function and model after everything it reads or calls, so that checking
  /// never recurses through a chain of declarations (thousands of lets or functions must not
  /// exhaust the stack); reports each cycle once.
  mutating func checkInDependencyOrder() {
    let graph = declarationGraph()
    let order = LetOrder(reads: graph.reads)
    for cycle in order.cycles { reportCycle(cycle, graph) }
    checked.letOrder = order.order.filter { $0 < graph.lets }
    for node in order.order {
      if let f = graph.function(node) {
        // A function of an Int (a window length, say) is checked at each call, where a constant
        // argument is bound into its body.
        if !functionDecls[f].parameters.contains(where: { $0.type.name == "Int" }) { _ = checkFunction(f) }
      } else if let m = graph.model(node) {
        checkModel(m)
      } else {
        _ = checkLet(node)
      }
    }
  }

  func declarationGraph() -> DeclarationGraph {
    var graph = DeclarationGraph(lets: letDecls.count, functions: functionDecls.count)
    var nodes: [String: Int] = [:]
    for (name, (entity, _)) in entities {
      switch entity {
      case .let(let i): nodes[name] = i
      case .function(let i): nodes[name] = graph.lets + i
      case .model(let i): nodes[name] = graph.lets + graph.functions + i
      default: break
      }
    }
    func edges(_ exprs: [Expr], hiding hidden: Set<String> = []) -> [Int] {
      var names: [String] = []
      for expr in exprs { NameCollector.names(in: expr, hiding: hidden, into: &names) }
      return Set(names.compactMap { nodes[$0] }).sorted()
    }
    graph.reads = letDecls.map { edges([$0.value]) }
    graph.reads += functionDecls.map { edges([$0.body], hiding: Set($0.parameters.map(\.name.name))) }
    graph.reads += modelDecls.map { edges($0.features) }
    return graph
  }

  /// Reports a cycle as a let cycle when lets are on it (through functions and models too), as
  /// recursion when only functions are, and as a model cycle otherwise.
  mutating func reportCycle(_ cycle: [Int], _ graph: DeclarationGraph) {
    for node in cycle {
      if let f = graph.function(node) {
        failed.insert("fn \(f)")
      } else if let m = graph.model(node) {
        failed.insert("model \(m)")
        used.insert(modelDecls[m].name.name)
      } else {
        failed.insert("let \(node)")
        used.insert(letDecls[node].name.name)  // read by the cycle; reported once, as the cycle
      }
    }
    let lets = cycle.dropLast().filter { $0 < graph.lets }
    if let first = lets.first {
      report(SemaDiagnostics.letCycle((lets + [first]).map { letDecls[$0].name }))
    } else if cycle.allSatisfy({ graph.function($0) != nil }) {
      let names = cycle.map { functionDecls[graph.function($0)!].name }
      report(SemaDiagnostics.recursion(names.map(\.name), at: names[0].span))
    } else {
      let names = cycle.map { node in
        graph.model(node).map { modelDecls[$0].name } ?? functionDecls[graph.function(node)!].name
      }
      report(SemaDiagnostics.modelCycle(names))
    }
  }
}
