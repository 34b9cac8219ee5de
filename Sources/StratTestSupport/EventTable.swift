import StratABI

/// The market data and expected decisions of a run case, written in comments:
///
/// ```
/// // bar 2024-01-02T00:00:00Z a 10 11 9 10.5 100    time, instrument, open high low close volume
/// // bar 2024-01-02T00:00:00Z b 20                  one number: open = high = low = close, volume 0
/// // expect 2024-01-03T00:00:00Z target a -100      one line per decision, in order
/// // expect 2024-01-03T00:00:00Z limit a 1 10.25    limit: quantity then price
/// // input 2024-01-02T00:00:00Z a bid_price_1=10 position=100   input fields by IR name
/// ```
/// An `input` line is an event of its own like a bar: it sets the named fields, marks the
/// instrument seen, and joins the step of its timestamp.
public struct EventTable {
  public struct BarLine {
    public var time: Int64
    public var instrument: String
    public var bar: Bar?
    public var inputs: [(InputField, Double)] = []
    public var line: Int
  }

  public var bars: [BarLine] = []
  /// The expected decision log, one line per decision (the text after `// expect `).
  public var expected: [String] = []
  /// Malformed `bar` lines, as messages.
  public var problems: [String] = []

  public init(text: String) {
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.trimming(" \t\r")
      if let rest = line.dropPrefix("// bar ") {
        parseBar(rest, line: index + 1)
      } else if let rest = line.dropPrefix("// input ") {
        parseInput(rest, line: index + 1)
      } else if let rest = line.dropPrefix("// expect ") {
        expected.append(rest.split(separator: " ").joined(separator: " "))
      }
    }
  }

  mutating func parseBar(_ text: String, line: Int) {
    let fields = text.split(separator: " ").map(String.init)
    guard fields.count == 3 || fields.count == 7, let time = UTCTime.nanoseconds(fields[0]) else {
      problems.append(
        "line \(line): expected `// bar TIME NAME CLOSE` or `// bar TIME NAME O H L C V`"
      )
      return
    }
    let numbers = fields.dropFirst(2).compactMap(Double.init)
    guard numbers.count == fields.count - 2 else {
      problems.append("line \(line): a bar's prices and volume are numbers")
      return
    }
    let bar =
      numbers.count == 1
      ? Bar(open: numbers[0], high: numbers[0], low: numbers[0], close: numbers[0], volume: 0)
      : Bar(
        open: numbers[0],
        high: numbers[1],
        low: numbers[2],
        close: numbers[3],
        volume: numbers[4]
      )
    bars.append(BarLine(time: time, instrument: fields[1], bar: bar, line: line))
  }

  mutating func parseInput(_ text: String, line: Int) {
    let fields = text.split(separator: " ").map(String.init)
    guard fields.count >= 3, let time = UTCTime.nanoseconds(fields[0]) else {
      problems.append("line \(line): expected `// input TIME NAME FIELD=VALUE ...`")
      return
    }
    var inputs: [(InputField, Double)] = []
    for assignment in fields.dropFirst(2) {
      let parts = assignment.split(separator: "=").map(String.init)
      guard parts.count == 2, let field = InputField.named(parts[0]),
        let value = parts[1] == "nan" ? Double.nan : Double(parts[1])
      else {
        problems.append("line \(line): `\(assignment)` is not FIELD=NUMBER with an input field")
        return
      }
      inputs.append((field, value))
    }
    bars.append(BarLine(time: time, instrument: fields[1], bar: nil, inputs: inputs, line: line))
  }

  /// The bars grouped into evaluation steps: one group per distinct timestamp, in time order,
  /// each keeping the file's order of its bars.
  public var steps: [(time: Int64, bars: [BarLine])] {
    var groups: [Int64: [BarLine]] = [:]
    for bar in bars { groups[bar.time, default: []].append(bar) }
    return groups.keys.sorted().map { ($0, groups[$0]!) }
  }
}

/// Feeds an event table to an executor exactly as the evaluation clock says: for each
/// timestamp, every bar of it with `setBar`, then one `step`; returns the decision log.
public enum DecisionLog {
  public static func run(_ executor: any StrategyExecutor, _ table: EventTable) throws -> [String] {
    let names = executor.interface.instruments.map(\.name)
    var log: [String] = []
    for step in table.steps {
      for bar in step.bars {
        guard let index = names.firstIndex(of: bar.instrument) else {
          throw EventTableError(
            message: "line \(bar.line): the strategy has no instrument `\(bar.instrument)`"
          )
        }
        if let values = bar.bar { executor.setBar(instrument: index, bar: values) }
        for (field, value) in bar.inputs {
          executor.setInput(instrument: index, field: field, value: value)
        }
        if !bar.inputs.isEmpty { executor.markSeen(instrument: index) }
      }
      let count = executor.step(timeNanos: step.time)
      for decision in executor.decisions.prefix(count) {
        log.append(line(decision, at: step.time, names: names))
      }
    }
    return log
  }

  /// `TIME kind NAME QUANTITY [PRICE]`.
  public static func line(_ decision: Decision, at time: Int64, names: [String]) -> String {
    let name =
      names.indices.contains(Int(decision.instrument))
      ? names[Int(decision.instrument)] : "#\(decision.instrument)"
    let kind: String
    switch decision.kind {
    case .target: kind = "target"
    case .market: kind = "market"
    case .limit: kind = "limit"
    case .immediateOrCancel: kind = "ioc"
    case .replace: kind = "replace"
    case .cancel: kind = "cancel"
    }
    var out = "\(UTCTime.text(time)) \(kind) \(name) \(number(decision.quantity))"
    if decision.kind != .target && decision.kind != .market && decision.kind != .cancel {
      out += " \(number(decision.price))"
    }
    return out
  }

  /// Whole numbers without a fraction (`-100`), others in Swift's shortest round-trip form.
  public static func number(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

public struct EventTableError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }

  public init(message: String) { self.message = message }
}
