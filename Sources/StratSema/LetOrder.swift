import StratDiagnostics
import StratSyntax

/// Orders lets so that each comes after every let it reads, without recursion: a chain of
/// thousands of lets must not exhaust the stack. Cycles are returned for reporting.
struct LetOrder {
  /// Let indices, dependencies first.
  var order: [Int] = []
  /// Each cycle found, as the let indices along it (first repeated at the end).
  var cycles: [[Int]] = []

  /// `reads[i]` lists the lets that let `i` reads directly or through the functions it calls.
  init(reads: [[Int]]) {
    enum Mark { case unvisited, active, done }
    var marks = [Mark](repeating: .unvisited, count: reads.count)
    for root in reads.indices where marks[root] == .unvisited {
      var stack: [(node: Int, next: Int)] = [(root, 0)]
      marks[root] = .active
      while let top = stack.last {
        if top.next < reads[top.node].count {
          stack[stack.count - 1].next += 1
          let child = reads[top.node][top.next]
          switch marks[child] {
          case .unvisited:
            marks[child] = .active
            stack.append((child, 0))
          case .active:
            let start = stack.firstIndex { $0.node == child }!
            cycles.append(stack[start...].map(\.node) + [child])
          case .done:
            break
          }
        } else {
          marks[top.node] = .done
          order.append(top.node)
          stack.removeLast()
        }
      }
    }
  }
}

/// The names an expression mentions (depth is bounded by the parser's nesting limit).
enum NameCollector {
  static func names(in expr: Expr, into names: inout [String]) {
    switch expr {
    case .number, .duration, .bool, .error: break
    case .name(let id): names.append(id.name)
    case .member(let base, _): Self.names(in: base, into: &names)
    case .call(let id, let args, _):
      names.append(id.name)
      for arg in args { Self.names(in: arg, into: &names) }
    case .lag(let base, let k, _):
      Self.names(in: base, into: &names)
      Self.names(in: k, into: &names)
    case .unary(_, let operand, _): Self.names(in: operand, into: &names)
    case .binary(_, let l, let r, _):
      Self.names(in: l, into: &names)
      Self.names(in: r, into: &names)
    case .ifElse(let c, let t, let f, _):
      Self.names(in: c, into: &names)
      Self.names(in: t, into: &names)
      Self.names(in: f, into: &names)
    }
  }
}
