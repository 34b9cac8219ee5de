/// Prints a module in the IR text form, which `IRParser` reads back to an equal module.
///
/// ```
/// strategy @pairs warmup 19
/// instrument @a = "GLD"
/// param %entry: f64 = 2.0
/// slot $spread.w: window<20>                 ; 200 bytes
/// slot $side: i64 = 0                        ; 8 bytes
/// risk max_position @a = 500.0
/// risk order_rate 10 per 60000000000
/// step {
///   %a.close = field @a.close : f64
///   %l = lag $spread.w, 3 : f64
///   %z = fdiv %d, %s : f64
///   push $spread.w, %spread if %ok
///   limit @b, %q, %px if %c
/// }
/// ```
///
/// The rules, which make the text canonical (parse then print gives back the same bytes):
/// - One declaration per line, in the order header, instruments, params, slots, risk limits,
///   step; instructions are indented by two spaces; the file ends with a newline after `}`.
///   The parser accepts declarations in any order as long as a name is declared before its use,
///   ignores runs of spaces, blank lines and comments (`;` to the end of the line).
/// - Sigils name the namespace: `@` instruments (and the strategy), `%` parameters and values,
///   `$` slots. A name made of letters, digits, `_` and `.` is printed bare; any other name
///   (including the empty one) is quoted like a string: `%"a b"`. A reference that cannot be
///   printed by name (an out-of-range index, or a value without a name) is printed by index as
///   `%#12`, `$#3`, `@#0`; the verifier rejects such modules, the parser still reads them.
/// - An instruction is `[%name =] opcode [immediate] [, operand]* [: type] [if %predicate]`.
///   The immediate comes first: a literal, `$slot`, `$slot, k` (a lag), `@instrument`,
///   `@instrument.field`, or `%param` (only after the opcode `param`).
/// - Literals carry their type: an i64 is an integer (`-3`), an f64 always has a `.` or an
///   exponent (`2.0`, `2.5e-05`, Swift's shortest round-trip spelling) or is `inf`, `-inf`,
///   `nan` (the default quiet NaN), `-nan` (its negation) or `nan(0x7ff0000000000001)` (any
///   other NaN, by bit pattern); a bool is `true` or `false`.
/// - Risk amounts are f64 literals; `order_rate N per NANOS` takes two integers.
/// - Strings are quoted with the escapes `\"`, `\\`, `\n`, `\r`, `\t` and `\u{XX}` for other
///   control characters.
/// - Each slot line ends with `; N bytes`, starting at column 44 (or one space after a longer
///   declaration).
/// - A value may be named before its definition (the verifier then reports the use); every
///   other name must be declared above its first use.
public enum IRPrinter {
  /// The column (1-based) at which a slot line's size comment starts.
  static let commentColumn = 44

  /// Returns the text form of `module`. Never fails: invalid references print by index.
  public static func print(_ module: IRModule) -> String {
    var out = "strategy @\(name(module.name)) warmup \(module.warmupSteps)\n"
    for instrument in module.instruments {
      out += "instrument @\(name(instrument.name)) = \(quoted(instrument.symbol))\n"
    }
    for param in module.params {
      out += "param %\(name(param.name)): \(param.value.type.rawValue) = \(literal(param.value))\n"
    }
    for slot in module.slots {
      let declaration = "slot $\(name(slot.name)): \(kindText(slot.kind))"
      let width = max(declaration.count + 1, commentColumn - 1)
      let padding = String(repeating: " ", count: width - declaration.count)
      out += "\(declaration)\(padding); \(slot.kind.byteSize) bytes\n"
    }
    for limit in module.risk {
      out += "risk \(riskText(limit, module))\n"
    }
    out += "step {\n"
    for index in module.step.indices {
      out += "  \(instructionText(index, in: module))\n"
    }
    return out + "}\n"
  }

  /// Returns one instruction of the step as it appears in the text form, without indentation.
  public static func instructionText(_ index: ValueID, in module: IRModule) -> String {
    let instruction = module.step[index]
    var out = instruction.name.isEmpty ? "" : "%\(name(instruction.name)) = "
    out += instruction.op.rawValue
    var operands: [String] = []
    switch instruction.imm {
    case .none: break
    case .constant(let c): operands.append(literal(c))
    case .slot(let s): operands.append(slotRef(s, module))
    case .lag(let s, let k): operands += [slotRef(s, module), String(k)]
    case .instrument(let i): operands.append(instrumentRef(i, module))
    case .field(let i, let f): operands.append("\(instrumentRef(i, module)).\(f.name)")
    case .param(let p):
      operands.append(
        module.params.indices.contains(p) ? "%\(name(module.params[p].name))" : "%#\(p)"
      )
    }
    operands += instruction.args.map { valueRef($0, module) }
    if !operands.isEmpty { out += " " + operands.joined(separator: ", ") }
    if let type = instruction.type { out += " : \(type.rawValue)" }
    if let predicate = instruction.predicate { out += " if \(valueRef(predicate, module))" }
    return out
  }

  // MARK: - References

  /// `%name` for a value defined by a named instruction, else `%#index`.
  static func valueRef(_ value: ValueID, _ module: IRModule) -> String {
    guard module.step.indices.contains(value), !module.step[value].name.isEmpty else {
      return "%#\(value)"
    }
    return "%\(name(module.step[value].name))"
  }

  static func slotRef(_ slot: Int, _ module: IRModule) -> String {
    module.slots.indices.contains(slot) ? "$\(name(module.slots[slot].name))" : "$#\(slot)"
  }

  static func instrumentRef(_ index: Int, _ module: IRModule) -> String {
    module.instruments.indices.contains(index)
      ? "@\(name(module.instruments[index].name))" : "@#\(index)"
  }

  // MARK: - Declarations

  /// Returns a slot kind as written after `slot $name:` (`window<20>`, `i64 = 0`).
  public static func kindText(_ kind: SlotKind) -> String {
    switch kind {
    case .scalar(let type, let initial): "\(type.rawValue) = \(literal(initial))"
    case .ring(let n): "ring<\(n)>"
    case .window(let n): "window<\(n)>"
    case .pairWindow(let n): "pair_window<\(n)>"
    case .ema(let n): "ema<\(n)>"
    }
  }

  static func riskText(_ limit: RiskLimit, _ module: IRModule) -> String {
    switch limit {
    case .maxPosition(let instrument, let amount):
      let target = instrument.map { " " + instrumentRef($0, module) } ?? ""
      return "max_position\(target) = \(float(amount))"
    case .maxOrderQuantity(let amount): return "max_order_qty = \(float(amount))"
    case .maxOrderNotional(let amount): return "max_order_notional = \(float(amount))"
    case .maxDailyLoss(let amount): return "max_daily_loss = \(float(amount))"
    case .priceBand(let fraction): return "price_band = \(float(fraction))"
    case .orderRate(let count, let nanos): return "order_rate \(count) per \(nanos)"
    }
  }

  // MARK: - Lexical forms

  /// Returns a literal that carries its type: `-3`, `2.0`, `nan`, `true`.
  public static func literal(_ constant: IRConstant) -> String {
    switch constant {
    case .f64(let d): float(d)
    case .i64(let i): String(i)
    case .bool(let b): b ? "true" : "false"
    }
  }

  /// Returns the shortest text that reads back to the same bits, always with a `.` or an
  /// exponent when finite, so that it never reads as an integer.
  public static func float(_ value: Double) -> String {
    if value.isNaN {
      if value.bitPattern == Double.nan.bitPattern { return "nan" }
      if value.bitPattern == (-Double.nan).bitPattern { return "-nan" }
      let hex = String(value.bitPattern, radix: 16)
      return "nan(0x" + String(repeating: "0", count: 16 - hex.count) + hex + ")"
    }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.description
  }

  /// Returns a name bare when it is made of letters, digits, `_` and `.`, else quoted.
  public static func name(_ text: String) -> String {
    let isBare = !text.isEmpty && text.utf8.allSatisfy(IRLexer.isNameByte)
    return isBare ? text : quoted(text)
  }

  /// Returns a string literal with `\"`, `\\`, `\n`, `\r`, `\t` and `\u{XX}` escapes.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7f:
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
