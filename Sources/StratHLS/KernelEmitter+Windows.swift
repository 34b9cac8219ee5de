import StratFixed
import StratIR

// Stores, pushes, reads of state and decisions, as `FixedExecutor+Windows` computes them.

extension KernelEmitter {
  func effect(_ index: Int, _ ins: Instruction) -> [String] {
    let a = ins.args.first.map(val) ?? ""
    switch ins.op {
    case .store:
      guard case .slot(let s) = ins.imm else { return [] }
      return ["l\(s) = \(a);"]
    case .push:
      guard case .slot(let s) = ins.imm else { return [] }
      return push(s, a)
    default:
      guard let k = plan.outputs.firstIndex(where: { $0.instruction == index }) else { return [] }
      var lines = ["o.valid_\(k) = true;", "o.qty_\(k) = \(a);"]
      if plan.outputs[k].price != nil { lines.append("o.price_\(k) = \(val(ins.args[1]));") }
      return lines
    }
  }

  func push(_ s: Int, _ a: String) -> [String] {
    switch plan.slots[s] {
    case .ring(let f, let n):
      return ["\(f) p\(s) = \(a);"] + shift(s, n)
    case .window(let w):
      let n = w.capacity
      return [
        "\(w.values) p\(s) = \(a);",
        "\(w.sum) p\(s)_s = p\(s);",
        "\(w.sumsq) p\(s)_q = p\(s) * p\(s);",
        "l\(s)_sum = l\(s)_sum + p\(s)_s;",
        "l\(s)_sq = l\(s)_sq + p\(s)_q;",
        "if (l\(s)_n == \(n)) {",
        "  \(w.sum) o\(s)_s = l\(s)_v[\(n - 1)];",
        "  \(w.sumsq) o\(s)_q = l\(s)_v[\(n - 1)] * l\(s)_v[\(n - 1)];",
        "  l\(s)_sum = l\(s)_sum - o\(s)_s;",
        "  l\(s)_sq = l\(s)_sq - o\(s)_q;",
        "}",
      ] + shift(s, n)
    case .ema(let f, let alpha, let n):
      let step = SlotPlan.emaStep(f)
      return [
        "\(f) p\(s) = \(a);",
        "if (l\(s)_n == 0) {",
        "  l\(s) = p\(s);",
        "} else {",
        "  \(step) d\(s) = p\(s) - l\(s);",
        "  \(step) m\(s) = d\(s) * \(Self.constant(alpha, SlotPlan.alphaFormat));",
        "  l\(s) = l\(s) + m\(s);",
        "}",
        "if (l\(s)_n < \(n)) l\(s)_n = l\(s)_n + 1;",
      ]
    case .scalar: return []
    }
  }

  func shift(_ s: Int, _ n: Int) -> [String] {
    [
      "for (int i = \(n - 1); i > 0; --i) l\(s)_v[i] = l\(s)_v[i - 1];",
      "l\(s)_v[0] = p\(s);",
      "if (l\(s)_n < \(n)) l\(s)_n = l\(s)_n + 1;",
    ]
  }

  func read(_ index: Int, _ ins: Instruction, _ decl: String, _ comment: String) -> [String] {
    let v = val(index)
    switch ins.imm {
    case .lag(let s, let k): return ["\(decl) = l\(s)_v[\(k)];\(comment)"]
    case .slot(let s):
      switch (ins.op, plan.slots[s]) {
      case (.load, _), (.ema, _): return ["\(decl) = l\(s);\(comment)"]
      case (.count, _): return ["\(decl) = l\(s)_n;\(comment)"]
      case (.sum, _): return ["\(decl) = l\(s)_sum;\(comment)"]
      case (.mean, .window(let w)):
        return [recip(s, v), "\(w.mean) \(v)_m = l\(s)_sum * \(v)_r;", "\(decl) = \(v)_m;\(comment)"]
      case (.varp, .window(let w)): return variance(s, v, w) + ["\(decl) = \(v)_var;\(comment)"]
      case (.vars, .window(let w)):
        let b = KernelTables.besselFormat
        return variance(s, v, w) + [
          "\(b) \(v)_b = strat_from_raw<\(b), \(b.width)>((unsigned long long)k_bessel[l\(s)_n.to_int()]);",
          "\(decl) = \(v)_var * \(v)_b;\(comment)",
        ]
      case (.min, .window(let w)), (.max, .window(let w)):
        let cmp = ins.op == .min ? "<" : ">", n = w.capacity
        return [
          "\(w.values) \(v)_a = 0;",
          "if (l\(s)_n > 0) \(v)_a = l\(s)_v[(l\(s)_n - 1).to_int()];",
          "for (int i = \(n - 2); i >= 0; --i) {",
          "  if (i < l\(s)_n - 1) \(v)_a = (\(v)_a \(cmp) l\(s)_v[i]) ? \(v)_a : l\(s)_v[i];",
          "}",
          "\(decl) = \(v)_a;\(comment)",
        ]
      default: return ["#error \"stratc: no kernel code for \(ins.op)\""]
      }
    default: return ["#error \"stratc: no kernel code for \(ins.op)\""]
    }
  }

  func recip(_ s: Int, _ v: String) -> String {
    let r = KernelPlan.reciprocalFormat
    return "\(r) \(v)_r = strat_from_raw<\(r), \(r.width)>((unsigned long long)k_recip[l\(s)_n.to_int()]);"
  }

  /// varp = max(0, E[v²] − E[v]²), in the window's variance format.
  func variance(_ s: Int, _ v: String, _ w: WindowPlan) -> [String] {
    [
      recip(s, v),
      "\(w.mean) \(v)_m = l\(s)_sum * \(v)_r;",
      "\(w.meanSquare) \(v)_e = l\(s)_sq * \(v)_r;",
      "\(w.variance) \(v)_mm = \(v)_m * \(v)_m;",
      "\(w.variance) \(v)_var = \(v)_e - \(v)_mm;",
      "if (\(v)_var < 0) \(v)_var = 0;",
    ]
  }
}
