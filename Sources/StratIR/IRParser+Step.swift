import StratABI
import StratDiagnostics

extension IRParser {
  // step := "step" "{" NL (instruction NL)* "}"
  mutating func step() throws(Diagnostic) {
    try expectWord("step")
    try expectSymbol("{")
    try endOfLine()
    while !token.isSymbol("}") {
      try instruction()
      try endOfLine()
    }
    try advance()
    try resolvePending()
  }

  // instruction := ["%" name "="] opcode [operand ("," operand)*] [":" type] ["if" "%" value]
  mutating func instruction() throws(Diagnostic) {
    var instruction = Instruction(op: .const, type: nil)
    if token.kind == .reference {
      let (name, at) = try definedName(sigil: "%", example: "%x")
      if !name.isEmpty {
        try Self.declare(
          name,
          at,
          sigil: "%",
          in: &valueLines,
          index: result.step.count,
          lexer: lexer
        )
      }
      instruction.name = name
      try expectSymbol("=")
    }
    guard token.kind == .word || token.kind == .literal else {
      throw expected("an instruction such as `%x = fadd %a, %b : f64`")
    }
    guard let op = Opcode(rawValue: token.text), token.kind == .word else {
      throw IRParseDiagnostics.unknownOpcode(token.spelling, at: here())
    }
    instruction.op = op
    try advance()
    let endsOperands =
      token.kind == .newline || token.kind == .end || token.isSymbol(":")
      || token.isWord("if")
    if !endsOperands {
      try firstOperand(&instruction)
      while token.isSymbol(",") {
        try advance()
        try valueOperand(&instruction)
      }
    }
    if token.isSymbol(":") {
      try advance()
      instruction.type = try valueType()
    }
    if token.isWord("if") {
      try advance()
      instruction.predicate = try valueReference(operand: -1)
    }
    result.step.append(instruction)
  }

  // operand := literal | "$" slot ["," integer] | "@" instrument ["." field] | "%" param | value
  //   (only the first operand may be an immediate; `%` is a parameter only after `param`)
  private mutating func firstOperand(_ instruction: inout Instruction) throws(Diagnostic) {
    let at = token
    switch (at.kind, at.sigil) {
    case (.literal, _):
      instruction.imm = .constant(at.constant ?? .bool(false))
      try advance()
    case (.reference, UInt8(ascii: "$")):
      try advance()
      let slot = try resolve(at, sigil: "$", kind: "slot", in: slotLines)
      instruction.imm = .slot(slot)
      guard token.isSymbol(",") else { return }
      try advance()
      if token.kind == .literal, case .i64(let k) = token.constant {
        instruction.imm = .lag(slot: slot, k: Int(k))
        try advance()
      } else {
        try valueOperand(&instruction)
      }
    case (.reference, UInt8(ascii: "@")):
      try advance()
      instruction.imm = try instruction.op == .field ? field(at) : .instrument(instrumentAt(at))
    case (.reference, UInt8(ascii: "%")) where instruction.op == .param:
      try advance()
      instruction.imm = .param(try resolve(at, sigil: "%", kind: "parameter", in: paramLines))
    default:
      try valueOperand(&instruction)
    }
  }

  private func instrumentAt(_ at: IRToken) throws(Diagnostic) -> Int {
    try resolve(at, sigil: "@", kind: "instrument", in: instrumentLines)
  }

  // field := "@" name "." field   (a bare name splits at its last `.`; otherwise `.field` follows)
  private mutating func field(_ at: IRToken) throws(Diagnostic) -> Immediate {
    var instrumentToken = at
    var fieldName: String
    var fieldColumn = at.column
    if at.index == nil, !at.isQuoted {
      guard let dot = at.text.lastIndex(of: ".") else {
        throw IRParseDiagnostics.expected(
          "an instrument field such as `@a.close`",
          found: at.description,
          at: lexer.location(at)
        )
      }
      instrumentToken.text = String(at.text[..<dot])
      fieldName = String(at.text[at.text.index(after: dot)...])
      fieldColumn += 1 + instrumentToken.text.utf8.count + 1
    } else {
      guard token.kind == .word, token.text.hasPrefix(".") else {
        throw expected("a field such as `.close` after \(at.description)")
      }
      fieldName = String(token.text.dropFirst())
      fieldColumn = token.column + 1
      try advance()
    }
    let instrument = try instrumentAt(instrumentToken)
    guard let field = InputField.named(fieldName) else {
      throw IRParseDiagnostics.unknownField(
        fieldName,
        at: lexer.location(line: at.line, column: fieldColumn)
      )
    }
    return .field(instrument: instrument, field)
  }

  private mutating func valueOperand(_ instruction: inout Instruction) throws(Diagnostic) {
    instruction.args.append(try valueReference(operand: instruction.args.count))
  }

  /// Reads `%name` or `%#N`; a name is resolved once the whole step is read.
  private mutating func valueReference(operand: Int) throws(Diagnostic) -> ValueID {
    let at = token
    guard at.kind == .reference, at.sigil == UInt8(ascii: "%") else {
      throw expected("a value such as `%x`")
    }
    try advance()
    if let index = at.index { return index }
    pending.append((result.step.count, operand, at))
    return -1
  }

  private mutating func resolvePending() throws(Diagnostic) {
    for (instruction, operand, at) in pending {
      let value = try resolve(at, sigil: "%", kind: "value", in: valueLines)
      if operand < 0 {
        result.step[instruction].predicate = value
      } else {
        result.step[instruction].args[operand] = value
      }
    }
    pending = []
  }
}
