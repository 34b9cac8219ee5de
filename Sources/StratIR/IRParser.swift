import StratDiagnostics

/// Reads the IR text form written by `IRPrinter` (the format is described there).
///
/// The parser checks syntax and names only; types and operand rules are the verifier's. It stops
/// at the first error, which carries line and byte column. No input makes it trap: it never
/// recurses, and every number is range-checked.
public struct IRParser {
  /// Returns the module written in `text`, or the first error; `path` names the file in it.
  public static func parse(_ text: String, path: String) -> Result<IRModule, Diagnostic> {
    do throws(Diagnostic) {
      var parser = try IRParser(text: text, path: path)
      return .success(try parser.module())
    } catch {
      return .failure(error)
    }
  }

  var lexer: IRLexer
  var token: IRToken
  var result = IRModule(name: "")
  var instrumentLines: [String: (index: Int, line: Int)] = [:]
  var paramLines: [String: (index: Int, line: Int)] = [:]
  var slotLines: [String: (index: Int, line: Int)] = [:]
  var valueLines: [String: (index: Int, line: Int)] = [:]
  /// Value references by name waiting for the whole step: instruction, operand (-1 = predicate).
  var pending: [(instruction: Int, operand: Int, token: IRToken)] = []

  private init(text: String, path: String) throws(Diagnostic) {
    lexer = IRLexer(text: text, path: path)
    token = try lexer.next()
  }

  // MARK: - Tokens

  mutating func advance() throws(Diagnostic) { token = try lexer.next() }

  func here() -> DataLocation { lexer.location(token) }

  func expected(_ what: String) -> Diagnostic {
    IRParseDiagnostics.expected(what, found: token.description, at: here())
  }

  mutating func expectSymbol(_ symbol: String) throws(Diagnostic) {
    guard token.isSymbol(symbol) else { throw expected("`\(symbol)`") }
    try advance()
  }

  mutating func expectWord(_ word: String) throws(Diagnostic) {
    guard token.isWord(word) else { throw expected("`\(word)`") }
    try advance()
  }

  /// Consumes the end of a line (and any blank lines after it); end of input also ends a line.
  mutating func endOfLine() throws(Diagnostic) {
    guard token.kind == .newline || token.kind == .end else { throw expected("end of line") }
    try skipNewlines()
  }

  mutating func skipNewlines() throws(Diagnostic) {
    while token.kind == .newline { try advance() }
  }

  // MARK: - Module

  // module := header (declaration)* step   — each on its own line; blank lines are ignored
  // header := "strategy" "@" name "warmup" integer
  mutating func module() throws(Diagnostic) -> IRModule {
    try skipNewlines()
    try expectWord("strategy")
    result.name = try definedName(sigil: "@", example: "@pairs").name
    try expectWord("warmup")
    result.warmupSteps = try integer("the warm-up step count")
    try endOfLine()
    while !token.isWord("step") {
      try declaration()
      try endOfLine()
    }
    try step()
    try skipNewlines()
    guard token.kind == .end else { throw expected("end of input after the step's `}`") }
    return result
  }

  // declaration := instrument | param | slot | risk
  mutating func declaration() throws(Diagnostic) {
    let keyword = token
    guard keyword.kind == .word else {
      throw expected("a declaration (`instrument`, `param`, `slot`, `risk`) or `step`")
    }
    switch keyword.text {
    case "instrument": try instrument()
    case "param": try param()
    case "slot": try slot()
    case "risk": try risk()
    default: throw expected("a declaration (`instrument`, `param`, `slot`, `risk`) or `step`")
    }
  }

  // instrument := "instrument" "@" name "=" string
  mutating func instrument() throws(Diagnostic) {
    try advance()
    let (name, at) = try definedName(sigil: "@", example: "@a")
    try Self.declare(
      name,
      at,
      sigil: "@",
      in: &instrumentLines,
      index: result.instruments.count,
      lexer: lexer
    )
    try expectSymbol("=")
    guard token.kind == .string else { throw expected("the instrument's symbol as a string") }
    result.instruments.append(IRInstrument(name: name, symbol: token.text))
    try advance()
  }

  // param := "param" "%" name ":" type "=" literal
  mutating func param() throws(Diagnostic) {
    try advance()
    let (name, at) = try definedName(sigil: "%", example: "%entry")
    try Self.declare(
      name,
      at,
      sigil: "%",
      in: &paramLines,
      index: result.params.count,
      lexer: lexer
    )
    try expectSymbol(":")
    let type = try valueType()
    try expectSymbol("=")
    result.params.append(IRParam(name: name, value: try literal(of: type)))
  }

  // slot := "slot" "$" name ":" (type "=" literal | kind "<" integer ">")
  //   kind := "ring" | "window" | "pair_window" | "ema"
  mutating func slot() throws(Diagnostic) {
    try advance()
    let (name, at) = try definedName(sigil: "$", example: "$spread.w")
    try Self.declare(
      name,
      at,
      sigil: "$",
      in: &slotLines,
      index: result.slots.count,
      lexer: lexer
    )
    try expectSymbol(":")
    let kinds = ["f64", "i64", "bool", "ring", "window", "pair_window", "ema"]
    guard token.kind == .word, kinds.contains(token.text) else {
      if token.kind == .word {
        throw IRParseDiagnostics.unknownType(token.text, expected: kinds, at: here())
      }
      throw expected("a slot kind (`f64`, `i64`, `bool`, `ring<N>`, `window<N>`, …)")
    }
    let word = token.text
    if let type = IRType(rawValue: word) {
      try advance()
      try expectSymbol("=")
      result.slots.append(Slot(name: name, kind: .scalar(type, initial: try literal(of: type))))
      return
    }
    try advance()
    try expectSymbol("<")
    let capacity = try integer("the capacity")
    try expectSymbol(">")
    let kind: SlotKind =
      switch word {
      case "ring": .ring(capacity: capacity)
      case "window": .window(capacity: capacity)
      case "pair_window": .pairWindow(capacity: capacity)
      default: .ema(period: capacity)
      }
    result.slots.append(Slot(name: name, kind: kind))
  }

  // risk := "risk" ( "max_position" ["@" instrument] "=" float | "max_order_qty" "=" float
  //   | "max_order_notional" "=" float | "max_daily_loss" "=" float | "price_band" "=" float
  //   | "order_rate" integer "per" integer )
  mutating func risk() throws(Diagnostic) {
    try advance()
    let limits = [
      "max_position", "max_order_qty", "max_order_notional", "max_daily_loss", "price_band",
      "order_rate",
    ]
    guard token.kind == .word, limits.contains(token.text) else {
      let list = limits.map { "`\($0)`" }.joined(separator: ", ")
      throw expected("a risk limit (\(list))")
    }
    let word = token.text
    try advance()
    switch word {
    case "order_rate":
      let count = try integer("the order count")
      try expectWord("per")
      let nanos = try literal(of: .i64, what: "the window in nanoseconds")
      guard case .i64(let window) = nanos else { return }
      result.risk.append(.orderRate(count: count, windowNanos: window))
    case "max_position":
      var instrument: Int? = nil
      if token.kind == .reference, token.sigil == UInt8(ascii: "@") {
        instrument = try instrumentIndex()
      }
      try expectSymbol("=")
      result.risk.append(.maxPosition(instrument: instrument, try amount()))
    default:
      try expectSymbol("=")
      let value = try amount()
      switch word {
      case "max_order_qty": result.risk.append(.maxOrderQuantity(value))
      case "max_order_notional": result.risk.append(.maxOrderNotional(value))
      case "max_daily_loss": result.risk.append(.maxDailyLoss(value))
      default: result.risk.append(.priceBand(value))
      }
    }
  }

  private mutating func amount() throws(Diagnostic) -> Double {
    guard case .f64(let value) = try literal(of: .f64) else { return 0 }
    return value
  }

  // MARK: - Names and literals

  /// Reads a name being declared: `@a`, `%"a b"` (not an index reference).
  mutating func definedName(sigil: String, example: String) throws(Diagnostic) -> (
    name: String, at: IRToken
  ) {
    let at = token
    guard at.kind == .reference, String(UnicodeScalar(at.sigil)) == sigil, at.index == nil else {
      throw expected("a name such as `\(example)`")
    }
    try advance()
    return (at.text, at)
  }

  /// Records a declared name; static so that the table is mutated in place, not copied.
  static func declare(
    _ name: String,
    _ at: IRToken,
    sigil: String,
    in table: inout [String: (index: Int, line: Int)],
    index: Int,
    lexer: IRLexer
  ) throws(Diagnostic) {
    if let first = table[name] {
      throw IRParseDiagnostics.duplicateName(
        name,
        sigil: sigil,
        firstLine: first.line,
        at: lexer.location(at)
      )
    }
    table[name] = (index, at.line)
  }

  // type := "f64" | "i64" | "bool"
  mutating func valueType() throws(Diagnostic) -> IRType {
    let names = IRType.allCases.map(\.rawValue)
    guard token.kind == .word else { throw expected("a type (`f64`, `i64`, `bool`)") }
    guard let type = IRType(rawValue: token.text) else {
      throw IRParseDiagnostics.unknownType(token.text, expected: names, at: here())
    }
    try advance()
    return type
  }

  /// Reads a literal that must have `type`.
  mutating func literal(of type: IRType, what: String? = nil) throws(Diagnostic) -> IRConstant {
    guard token.kind == .literal, let constant = token.constant else {
      throw expected(what ?? "a \(type.rawValue) literal")
    }
    guard constant.type == type else {
      throw IRParseDiagnostics.literalType(type, found: token, at: here())
    }
    try advance()
    return constant
  }

  /// Reads an integer literal that fits an `Int`.
  mutating func integer(_ what: String) throws(Diagnostic) -> Int {
    guard case .i64(let value) = try literal(of: .i64, what: what) else { return 0 }
    return Int(value)
  }

  /// Reads `@name` or `@#N` and returns the instrument's index.
  mutating func instrumentIndex() throws(Diagnostic) -> Int {
    let at = token
    try advance()
    return try resolve(at, sigil: "@", kind: "instrument", in: instrumentLines)
  }

  func resolve(
    _ at: IRToken,
    sigil: String,
    kind: String,
    in table: [String: (index: Int, line: Int)]
  ) throws(Diagnostic) -> Int {
    if let index = at.index { return index }
    if let entry = table[at.text] { return entry.index }
    throw IRParseDiagnostics.unknownName(
      at.text,
      sigil: sigil,
      kind: kind,
      among: Array(table.keys),
      at: lexer.location(at)
    )
  }
}
