import StratFixed

/// An exact intermediate on the wire: a signed `width`-bit wire read as `raw × 2^−fraction`,
/// as `ExactValue` is in `FixedExecutor`. Every arithmetic wire is wide enough that nothing
/// overflows before the quantisation, so the bits are those of the exact value.
struct VerilogSignal {
  var name: String
  var width: Int
  var fraction: Int

  init(_ name: String, width: Int, fraction: Int) {
    self.name = name
    self.width = width
    self.fraction = fraction
  }

  init(_ name: String, _ format: FixedFormat) { self.init(name, width: format.width, fraction: format.fractionBits) }

  var integerBits: Int { width - fraction }
}

/// The combinational body of the module, one named wire a line. Widths are explicit (sign
/// extension by concatenation, never by context), so Verilog's sizing rules cannot change a
/// result and verilator's width lint stays quiet.
struct VerilogNetlist {
  var lines: [String] = []
  var counter = 0

  /// A fresh wire of `width` bits driven by `expression`.
  mutating func wire(_ width: Int, _ expression: String, signed: Bool = true, name: String? = nil) -> String {
    let n = name ?? "t\(counter)"
    if name == nil { counter += 1 }
    let range = width == 1 && !signed ? "" : " [\(width - 1):0]"
    lines.append("wire\(signed ? " signed" : "")\(range) \(n) = \(expression);")
    return n
  }

  /// A `width`-bit literal of `raw` in two's complement (sign-extended past 128 bits, where
  /// the wires of a wide product's quantisation are).
  static func literal(_ raw: Int128, width: Int) -> String {
    let bits = UInt128(truncatingIfNeeded: raw)
    func bit(_ i: Int) -> UInt8 { i < 128 ? UInt8((bits >> i) & 1) : (raw < 0 ? 1 : 0) }
    var digits = ""
    for d in stride(from: (width - 1) / 4, through: 0, by: -1) {
      let value = (0..<4).reduce(0) { n, k in 4 * d + k < width ? n | (Int(bit(4 * d + k)) << k) : n }
      if !digits.isEmpty || value != 0 || d == 0 { digits += String(value, radix: 16) }
    }
    return "\(width)'h" + digits
  }

  mutating func constant(_ raw: Int128, _ format: FixedFormat) -> VerilogSignal {
    VerilogSignal(wire(format.width, Self.literal(raw, width: format.width)), format)
  }

  /// `s` sign-extended to `width` bits (at least its own).
  mutating func extend(_ s: VerilogSignal, to width: Int) -> String {
    precondition(width >= s.width, "extension to fewer bits")
    guard width > s.width else { return s.name }
    return wire(width, "{{\(width - s.width){\(s.name)[\(s.width - 1)]}}, \(s.name)}")
  }

  /// `s` at `fraction` bits (at least its own) in `width` bits: extended, then shifted left.
  mutating func align(_ s: VerilogSignal, fraction: Int, width: Int) -> String {
    let shift = fraction - s.fraction
    let x = extend(s, to: width - shift)
    return shift == 0 ? x : wire(width, "{\(x), \(shift)'b0}")
  }

  /// Both operands on the finer fraction, with one bit of headroom: `a ± b` cannot overflow.
  mutating func aligned(_ a: VerilogSignal, _ b: VerilogSignal) -> (String, String, width: Int, fraction: Int) {
    let f = max(a.fraction, b.fraction)
    let w = max(a.integerBits, b.integerBits) + f + 1
    return (align(a, fraction: f, width: w), align(b, fraction: f, width: w), w, f)
  }

  mutating func add(_ a: VerilogSignal, _ b: VerilogSignal, subtract: Bool = false) -> VerilogSignal {
    let (x, y, w, f) = aligned(a, b)
    return VerilogSignal(wire(w, "\(x) \(subtract ? "-" : "+") \(y)"), width: w, fraction: f)
  }

  mutating func negate(_ a: VerilogSignal) -> VerilogSignal {
    let x = extend(a, to: a.width + 1)
    return VerilogSignal(wire(a.width + 1, "-\(x)"), width: a.width + 1, fraction: a.fraction)
  }

  /// The full product: `wa + wb` bits hold any product of a `wa`- and a `wb`-bit signed value.
  mutating func multiply(_ a: VerilogSignal, _ b: VerilogSignal) -> VerilogSignal {
    let w = a.width + b.width
    let x = extend(a, to: w), y = extend(b, to: w)
    return VerilogSignal(wire(w, "\(x) * \(y)"), width: w, fraction: a.fraction + b.fraction)
  }

  /// The exact comparison `a OP b` as a one-bit wire (signed operands of one width).
  mutating func compare(_ a: VerilogSignal, _ op: String, _ b: VerilogSignal) -> String {
    let (x, y, _, _) = aligned(a, b)
    return wire(1, "\(x) \(op) \(y)", signed: false)
  }

  /// `c ? a : b` of two raw wires of `width` bits.
  mutating func select(_ c: String, _ a: String, _ b: String, width: Int, signed: Bool = true) -> String {
    wire(width, "\(c) ? \(a) : \(b)", signed: signed)
  }
}
