import StratDiagnostics

extension StaticReport {
  /// The report as aligned text for a terminal:
  /// ```
  /// strategy @pairs
  ///   state bytes          248
  ///     $spread.w          window<20>       200
  ///   operations per step  14
  ///   …
  ///   params               2
  ///     %entry             f64 = 2.0
  /// ```
  public var text: String {
    let nameWidth = max(
      20,
      (slots.map { $0.name.count } + params.map { $0.name.count })
        .map { $0 + 5 }.max() ?? 0
    )
    let kindWidth = max(16, slots.map { IRPrinter.kindText($0.kind).count + 1 }.max() ?? 0)
    func row(_ label: String, _ value: String) -> String {
      "  " + padded(label, nameWidth + 1) + value + "\n"
    }
    var out = "strategy @\(IRPrinter.name(strategy))\n"
    out += row("state bytes", String(stateBytes))
    for slot in slots {
      let kind = padded(IRPrinter.kindText(slot.kind), kindWidth)
      out += "    " + padded("$" + IRPrinter.name(slot.name), nameWidth - 1) + kind
      out += String(slot.bytes) + "\n"
    }
    out += row("operations per step", String(operationsPerStep))
    out += row("effects per step", String(effectsPerStep))
    out += row("longest lag", String(longestLag))
    out += row("longest window", String(longestWindow))
    out += row("warm-up steps", String(warmupSteps))
    out += row("instruments", String(instrumentCount))
    out += row("params", String(params.count))
    for param in params {
      out += "    " + padded("%" + IRPrinter.name(param.name), nameWidth - 1)
      out += "\(param.value.type.rawValue) = \(IRPrinter.literal(param.value))\n"
    }
    return out
  }

  /// The report as one JSON object with keys in a fixed order. Parameter values are JSON numbers
  /// or booleans, except non-finite floats, which are the strings `"nan"`, `"inf"`, `"-inf"`.
  public var json: String {
    let slotObjects = slots.map { slot in
      "{\"name\":\(DiagnosticRenderer.quote(slot.name)),"
        + "\"kind\":\(DiagnosticRenderer.quote(IRPrinter.kindText(slot.kind))),"
        + "\"bytes\":\(slot.bytes)}"
    }
    let paramObjects = params.map { param in
      "{\"name\":\(DiagnosticRenderer.quote(param.name)),"
        + "\"type\":\"\(param.value.type.rawValue)\",\"value\":\(jsonValue(param.value))}"
    }
    let fields: [(String, String)] = [
      ("strategy", DiagnosticRenderer.quote(strategy)),
      ("stateBytes", String(stateBytes)),
      ("slots", "[" + slotObjects.joined(separator: ",") + "]"),
      ("operationsPerStep", String(operationsPerStep)),
      ("effectsPerStep", String(effectsPerStep)),
      ("longestLag", String(longestLag)),
      ("longestWindow", String(longestWindow)),
      ("warmupSteps", String(warmupSteps)),
      ("instrumentCount", String(instrumentCount)),
      ("params", "[" + paramObjects.joined(separator: ",") + "]"),
    ]
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  private func jsonValue(_ constant: IRConstant) -> String {
    if case .f64(let d) = constant, !d.isFinite {
      return "\"" + IRPrinter.float(d) + "\""
    }
    return IRPrinter.literal(constant)
  }

  private func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
