import StratDiagnostics
import StratSyntax

extension Checker {
  /// Checks every parameter after the parameters its default and range read, so that a
  /// parameter may use one declared later; reports each cycle once, and checks nothing that
  /// depends on a cycle (its value would be a placeholder).
  mutating func checkParamsInDependencyOrder() {
    var paramIndex: [String: Int] = [:]
    for (name, (entity, _)) in entities {
      if case .param(let i) = entity { paramIndex[name] = i }
    }
    let graph = paramDecls.map { decl -> [Int] in
      var names: [String] = []
      NameCollector.names(in: decl.defaultValue, into: &names)
      if let range = decl.range {
        NameCollector.names(in: range.low, into: &names)
        NameCollector.names(in: range.high, into: &names)
        if let step = range.step { NameCollector.names(in: step, into: &names) }
      }
      return Set(names.compactMap { paramIndex[$0] }).sorted()
    }
    let order = LetOrder(reads: graph)
    var broken = Set<Int>()
    for cycle in order.cycles {
      report(SemaDiagnostics.paramCycle(cycle.map { paramDecls[$0].name }))
      for i in cycle {
        broken.insert(i)
        used.insert(paramDecls[i].name.name)  // reported once, as the cycle
      }
    }
    for i in order.order {
      guard !broken.contains(i) else { continue }
      guard graph[i].allSatisfy({ !broken.contains($0) }) else {
        broken.insert(i)
        continue
      }
      checked.params[i] = checkParam(paramDecls[i])
    }
  }
}
