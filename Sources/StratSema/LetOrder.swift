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

/// The names an expression mentions (depth is bounded by the parser's nesting limit), leaving
/// out the plain names in `hidden` (a function's parameters shadow declarations).
enum NameCollector {
  static func names(in expr: Expr, hiding hidden: Set<String> = [], into names: inout [String]) {
    var pending = [expr]
    while let expr = pending.popLast() {
      switch expr {
      case .number, .duration, .bool, .error: break
      case .name(let id): if !hidden.contains(id.name) { names.append(id.name) }
      case .member(let base, _): pending.append(base)
      case .call(let id, let args, _):
        names.append(id.name)
        pending += args
      case .lag(let base, let k, _): pending += [base, k]
      case .unary(_, let operand, _): pending.append(operand)
      case .binary(_, let l, let r, _): pending += [l, r]
      case .ifElse(let c, let t, let f, _): pending += [c, t, f]
      }
    }
  }
}
