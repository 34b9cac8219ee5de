import Foundation
import StratRuntime
import StratBacktest
import StratIR
import StratInterpreter
import StratMarket

/// The words of `stratc explain`: one paragraph each for the fill, the decision, the order, its
/// latency and queue position, and the event that filled it. Only facts from the output files
/// and the interpreter's re-run of the decision step.
struct ExplainText {
  let fill: ExplainRow
  let number: Int
  /// The order's rows of `orders.csv`, in file order.
  let life: [ExplainRow]
  let step: Int
  let probe: ExplainProbe
  let recipe: BacktestRecipe

  var text: String {
    ([fillLine] + decisionLines + orderLines + latencyLines + eventLines).joined(separator: "\n") + "\n"
  }

  var fillLine: String {
    "fill \(number): \(fill["side"]) \(fill["quantity"]) \(fill["instrument"]) (\(fill["symbol"])) at \(fill["price"]), "
      + "fee \(fill["fee"]), at \(fill["time"]), order \(fill["order_id"])"
  }

  // MARK: - Decision

  var values: [(name: String, value: StepValue)] { probe.probe.values ?? [] }

  var decisionLines: [String] {
    let decided = life.first { Int($0["step"]) == step }?["decided"] ?? fill["decided"]
    var lines = ["decision: step \(step) (row \(step) of equity.csv) at \(decided)"]
    lines += firedRules.map { "  rule: \($0)" }
    lines += decisionsOnInstrument.map { "  decided: \($0)" }
    let ops = Dictionary(probe.module.step.map { ($0.name, $0.op) }, uniquingKeysWith: { a, _ in a })
    let inputs = values.filter { ops[$0.name] == .field }
    let params = values.filter { ops[$0.name] == .param }
    let lets = values.filter { isLet($0.name, ops[$0.name]) }
    if !inputs.isEmpty { lines.append("  inputs read: " + inputs.map(Self.describe).joined(separator: ", ")) }
    if !lets.isEmpty { lines.append("  values: " + lets.map(Self.describe).joined(separator: ", ")) }
    if !params.isEmpty { lines.append("  params: " + params.map(Self.describe).joined(separator: ", ")) }
    return lines
  }

  /// A named `let` (not a temporary, input, parameter, seen flag, constant or rule guard).
  func isLet(_ name: String, _ op: Opcode?) -> Bool {
    guard let op, op != .field, op != .param, op != .seen, op != .const else { return false }
    if name.hasPrefix("fire") { return false }
    return !(name.hasPrefix("t") && name.dropFirst().allSatisfy(\.isNumber))
  }

  /// The `when` rules whose decisions on the fill's instrument were taken at the step.
  var firedRules: [String] {
    let step = probe.module.step
    guard let instrument = probe.module.instruments.firstIndex(where: { $0.name == fill["instrument"] }) else { return [] }
    let rules = ruleOfEffect()
    var lines: [String] = []
    for (index, effect) in step.enumerated() where Self.isDecision(effect.op) && effect.imm == .instrument(instrument) {
      guard let guardID = effect.predicate else { continue }
      let name = step[guardID].name.isEmpty ? "%\(guardID)" : step[guardID].name
      // The value at the decision step, as the probe kept it (the interpreter has run on since).
      guard values.first(where: { $0.name == name })?.value == .bool(true),
        !lines.contains(where: { $0.hasPrefix(name + " ") })
      else { continue }
      let origin = rules[index].map { " (\($0))" } ?? ""
      lines.append("\(name)\(origin) was true: `\(effect.op.rawValue) \(fill["instrument"])`")
    }
    return lines.isEmpty ? ["no guarded decision on \(fill["instrument"]) was taken at this step"] : lines
  }

  /// The step's decisions about the fill's instrument, as the strategy wrote them.
  var decisionsOnInstrument: [String] {
    guard let i = probe.module.instruments.firstIndex(where: { $0.name == fill["instrument"] }) else { return [] }
    return probe.probe.decisionsMade.filter { $0.instrument == Int32(i) }.map { d in
      let name = fill["instrument"]
      switch d.kind {
      case .target: return "target \(name) = \(d.quantity)"
      case .market: return "market \(name) \(d.quantity)"
      case .limit: return "limit \(name) \(d.quantity) at \(d.price)"
      case .immediateOrCancel: return "ioc \(name) \(d.quantity) at \(d.price)"
      case .replace: return "replace \(name) \(d.quantity) at \(d.price)"
      case .cancel: return "cancel \(name) side \(d.quantity)"
      }
    }
  }

  static func isDecision(_ op: Opcode) -> Bool {
    [.target, .market, .limit, .ioc, .replace, .cancel].contains(op)
  }

  /// The source `when` of each rule effect, by instruction index. Lowering emits each rule's
  /// actions together under one guard, in source order; when the runs of guards do not match
  /// the `when` lines one to one (shared guards, schedule effects), nothing is claimed.
  func ruleOfEffect() -> [Int: String] {
    let step = probe.module.step
    var runs: [[Int]] = []
    var last: ValueID?
    for (index, effect) in step.enumerated() where Self.isDecision(effect.op) || effect.op == .store {
      guard let predicate = effect.predicate else { continue }
      if predicate == last { runs[runs.count - 1].append(index) } else { runs.append([index]) }
      last = predicate
    }
    let whens = whenLines()
    guard runs.count == whens.count else { return [:] }
    var rule: [Int: String] = [:]
    for (k, run) in runs.enumerated() {
      for index in run { rule[index] = "when #\(k + 1), line \(whens[k].line): \(whens[k].text)" }
    }
    return rule
  }

  /// The strategy's `when` lines (1-based line numbers, the code without its comment).
  func whenLines() -> [(line: Int, text: String)] {
    let lines = ((try? String(contentsOfFile: recipe.strategy, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
    return lines.enumerated().compactMap { k, line in
      let code = (line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]).trimmingCharacters(in: .whitespaces)
      return code.hasPrefix("when ") ? (k + 1, code) : nil
    }
  }

  static func describe(_ named: (name: String, value: StepValue)) -> String {
    switch named.value {
    case .f64(let v): "\(named.name) = \(v)"
    case .i64(let v): "\(named.name) = \(v)"
    case .bool(let v): "\(named.name) = \(v)"
    }
  }

  // MARK: - Order, latency, event

  var orderLines: [String] {
    let id = fill["order_id"]
    let first = life.first { $0["event"] == "submitted" }
    let kind = (first?["price"] ?? "").isEmpty ? "market" : "limit \(first?["price"] ?? "")"
    // The life up to this fill: the submission, then the last rows before the fill.
    let upTo = life.prefix { $0["event"] != "filled" || $0["time"] != fill["time"] }.count
    let shown = life.prefix(upTo + 1)
    let recent = shown.count <= 8 ? Array(shown) : [shown[0]] + shown.suffix(7)
    var lines = ["order \(id): \(kind) \(first?["side"] ?? "") \(first?["quantity"] ?? ""), its life in orders.csv:"]
    lines += recent.enumerated().map { k, row in
      var words = ["  \(row["time"]) \(row["event"]) \(row["quantity"])"]
      if !row["price"].isEmpty { words.append("at \(row["price"])") }
      if !row["remaining"].isEmpty { words.append("remaining \(row["remaining"])") }
      if !row["reason"].isEmpty { words.append("(\(row["reason"]))") }
      if k == 0, shown.count > recent.count { words.append("\n  … \(shown.count - recent.count) rows …") }
      return words.joined(separator: " ")
    }
    return lines
  }

  var latencyLines: [String] {
    let decided = fill["decided"], arrived = fill["arrived"]
    guard fill["liquidity"] != "bar" else {
      let when = decided == arrived ? "filled at once at the deciding bar's close (--fill close)" : "waited for the instrument's next bar (--fill next-open)"
      return ["latency: decided \(decided), filled \(arrived): the order \(when); bars have no queue"]
    }
    var lines = ["latency: decided \(decided) → arrived \(arrived) (\(Self.nanosBetween(decided, arrived)) ns)"]
    let joined = life.last { ($0["event"] == "accepted" || $0["reason"] == "lost-priority") && $0["step"] == String(step) }
    if let ahead = joined?["queue_ahead"], !ahead.isEmpty {
      lines.append("queue: \(ahead) \(ahead == "1" ? "unit" : "units") displayed ahead of it when it joined its level")
    } else {
      lines.append("queue: the venue reports no queue position (a market order, or one that took liquidity on arrival)")
    }
    return lines
  }

  var eventLines: [String] {
    let event = fill["event"]
    switch fill["liquidity"] {
    case "bar":
      return ["filled by: bar \(event) of the merged bar stream (\(fill["symbol"])'s bar at \(fill["time"])) at \(fill["price"])"]
    case "maker":
      return ["filled by: event \(event) of the feed hit the resting order (\(feedWhere(event)))"] + messageLine(event)
    default:
      return ["filled by: the order took the book as it stood after event \(event) of the feed (\(feedWhere(event)))"] + messageLine(event)
    }
  }

  /// Where a user finds event `event`: exact for LOBSTER, where events are the message lines.
  func feedWhere(_ event: String) -> String {
    isLOBSTER ? "line \(event) of the LOBSTER message file, row \(event) of `stratc data book`"
      : "the \(event)th message of the bound stocks, in file order"
  }

  var isLOBSTER: Bool { recipe.data.count == 1 && (recipe.data[0].hasSuffix(".csv") || recipe.data[0].hasSuffix(".csv.gz")) }

  /// The LOBSTER message line of event `event`, when the data is a LOBSTER message file.
  func messageLine(_ event: String) -> [String] {
    guard isLOBSTER, recipe.data[0].hasSuffix(".csv"), let n = Int(event), n >= 1 else { return [] }
    guard let text = try? String(contentsOfFile: recipe.data[0], encoding: .utf8) else { return [] }
    let lines = text.split(separator: "\n", maxSplits: n, omittingEmptySubsequences: false)
    guard n <= lines.count else { return [] }
    return ["  message: \(lines[n - 1]) (time,type,order id,size,price,direction)"]
  }

  /// Nanoseconds from one ISO 8601 time of the files to another.
  static func nanosBetween(_ a: String, _ b: String) -> Int64 {
    guard let x = try? Timestamp.parse(a), let y = try? Timestamp.parse(b) else { return 0 }
    return y - x
  }
}
