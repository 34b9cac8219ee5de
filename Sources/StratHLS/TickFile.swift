import Foundation
import StratDiagnostics

/// The kernel's input, one step a line, integers only (Docs/HLS.md, "Tick files"):
///
/// ```
/// # stratc ticks: pairs  columns: time_ns a.seen a.close b.seen b.close
/// 1704205800000000000 1 1874500 0 0
/// ```
/// `time_ns` is the step's time; then for each instrument a 0/1 flag (it delivers a bar, or a
/// book event, at this step) and the fields the strategy reads, prices in units of 1 ÷
/// `priceScale` and sizes in units. A book field is −1 while its side is empty. A field of an
/// instrument that delivers nothing is ignored (written 0). Lines starting with `#` are comments.
public struct Tick: Sendable, Equatable {
  public var time: Int64
  /// Per instrument: 1 when it delivers a bar at this step.
  public var updates: [Bool]
  /// One integer per `KernelPlan.inputs` column.
  public var values: [Int64]

  public init(time: Int64, updates: [Bool], values: [Int64]) {
    self.time = time
    self.updates = updates
    self.values = values
  }
}

public enum TickFile {
  /// The column names of a plan's tick file, after `time_ns`.
  public static func columns(_ plan: KernelPlan) -> [String] {
    plan.module.instruments.indices.flatMap { i in
      ["\(plan.module.instruments[i].name).seen"]
        + plan.inputs.filter { $0.instrument == i }.map { "\(plan.module.instruments[i].name).\($0.field.name)" }
    }
  }

  public static func header(_ plan: KernelPlan) -> String {
    "# stratc ticks: \(plan.module.name)  prices ×\(plan.options.priceScale)  columns: time_ns "
      + columns(plan).joined(separator: " ") + "\n"
  }

  public static func line(_ tick: Tick, _ plan: KernelPlan) -> String {
    var parts = [String(tick.time)]
    var column = 0
    for i in plan.module.instruments.indices {
      parts.append(tick.updates[i] ? "1" : "0")
      for input in plan.inputs where input.instrument == i {
        parts.append(String(tick.values[column]))
        column += 1
      }
    }
    return parts.joined(separator: " ") + "\n"
  }

  /// The largest tick file read into memory (the kernel streams; `hls-sim` reads whole files).
  public static let largestFile = 1 << 30

  /// Parses a tick file for `plan`; every malformed line is an error located at its line.
  public static func parse(_ text: String, path: String, plan: KernelPlan) -> Result<[Tick], Diagnostic> {
    let instruments = plan.module.instruments.count
    let expected = 1 + instruments + plan.inputs.count
    var ticks: [Tick] = []
    var lineNumber = 0
    var lastTime = Int64.min
    // "\r\n" is one Character in Swift, so a plain split at "\n" would not see CRLF line ends.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      if line.isEmpty || line.hasPrefix("#") { continue }
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      func fail(_ message: String) -> Result<[Tick], Diagnostic> {
        .failure(Diagnostic(id: "hls.bad-tick", message: message, at: DataLocation(path: path, line: lineNumber)))
      }
      guard words.count == expected else {
        return fail("expected \(expected) integers (time_ns, then \(columns(plan).joined(separator: " "))); found \(words.count)")
      }
      var numbers: [Int64] = []
      for w in words {
        guard let n = Int64(w) else { return fail("`\(w.prefix(40))` is not a 64-bit integer") }
        numbers.append(n)
      }
      guard numbers[0] >= lastTime else { return fail("time \(numbers[0]) is before the previous line's \(lastTime)") }
      lastTime = numbers[0]
      var updates: [Bool] = [], values: [Int64] = []
      var k = 1
      for i in 0..<instruments {
        guard numbers[k] == 0 || numbers[k] == 1 else { return fail("the seen flag of `\(plan.module.instruments[i].name)` must be 0 or 1; found \(numbers[k])") }
        updates.append(numbers[k] == 1)
        let fields = plan.inputs.filter { $0.instrument == i }.count
        values += numbers[(k + 1)..<(k + 1 + fields)]
        k += 1 + fields
      }
      let tick = Tick(time: numbers[0], updates: updates, values: values)
      if let problem = problem(tick, plan) { return fail(problem) }
      ticks.append(tick)
    }
    return .success(ticks)
  }

  /// Why the kernel cannot take `tick` (a field outside its declared range, a negative one
  /// other than an empty side's −1), or nil. Tick files and recorded backtests are checked alike.
  public static func problem(_ tick: Tick, _ plan: KernelPlan) -> String? {
    for (c, input) in plan.inputs.enumerated() {
      let v = tick.values[c], name = plan.module.instruments[input.instrument].name
      let empty = input.mayBeUndefined && v == -1
      // A field of an instrument that delivers nothing is ignored, but never negative.
      guard !tick.updates[input.instrument] || empty || integerRange(input, plan).contains(v) else {
        let range = input.isSize ? 0...plan.options.maxSize : plan.options.priceRange
        return "`\(input.field.name)` of `\(name)` is \(v) (×1/\(input.scale)), outside the declared range \(range.lowerBound)…\(range.upperBound); widen it with \(input.isSize ? "--max-size" : "--price-range")"
      }
      guard v >= 0 || empty else {
        return "`\(input.field.name)` of `\(name)` is \(input.mayBeUndefined ? "below −1 (an empty side)" : "negative") (\(v))"
      }
    }
    return nil
  }

  /// The column values a seen instrument may carry: every n with n ÷ scale in the declared
  /// range (prices in --price-range, sizes in 0…--max-size). The testbench checks the same.
  public static func integerRange(_ input: KernelInput, _ plan: KernelPlan) -> ClosedRange<Int64> {
    let range = input.isSize ? 0...plan.options.maxSize : plan.options.priceRange
    let scale = Double(input.scale)
    func inside(_ n: Int64) -> Bool { range.contains(Double(n) / scale) }
    var lo = Int64((range.lowerBound * scale).rounded(.up))
    while inside(lo - 1) { lo -= 1 }
    while !inside(lo) { lo += 1 }
    var hi = Int64(min((range.upperBound * scale).rounded(.down), 9.2e18))
    while hi < Int64.max && inside(hi + 1) { hi += 1 }
    while !inside(hi) { hi -= 1 }
    return lo...hi
  }

  /// `emit-hls`'s default input: 500 steps of a seeded random walk per instrument (same every run).
  public static func synthetic(_ plan: KernelPlan) -> [Tick] {
    var random = SyntheticRandom()
    if plan.readsBook { return syntheticBook(plan, &random) }
    func next() -> UInt64 { random.next() }
    var prices = plan.module.instruments.indices.map { 1_000_000 + Int64($0) * 250_000 }
    return (0..<500).map { step in
      let updates = plan.module.instruments.indices.map { _ in next() % 10 != 0 }
      // A bar per instrument: open near the last close, a new close, high and low beyond both.
      let bars = prices.indices.map { i -> [Int64] in
        let open = max(10_000, prices[i] + Int64(next() % 1001) - 500)
        prices[i] = max(10_000, prices[i] + Int64(next() % 4001) - 2000)
        let high = max(open, prices[i]) + Int64(next() % 1500)
        let low = max(5_000, min(open, prices[i]) - Int64(next() % 1500))
        return [open, high, low, prices[i], Int64(next() % 100_000)]
      }
      let values = plan.inputs.map { input -> Int64 in
        let v = bars[input.instrument][input.field.rawValue]
        return input.field == .volume ? v : v * input.scale / 10_000
      }
      return Tick(time: 1_704_205_800_000_000_000 + Int64(step) * 60_000_000_000, updates: updates, values: values)
    }
  }

  /// 500 book events: one instrument's top of book a line, a random walk of the mid with a
  /// spread of 1 to 4 ticks (×0.01), and now and then an empty side (−1).
  static func syntheticBook(_ plan: KernelPlan, _ random: inout SyntheticRandom) -> [Tick] {
    let n = plan.module.instruments.count
    var mids = (0..<n).map { 1_000_000 + Int64($0) * 250_000 }
    var book = [[Int64]](repeating: [-1, -1, -1, -1], count: n)
    return (0..<500).map { step in
      let i = Int(random.next() % UInt64(n))
      mids[i] = max(20_000, mids[i] + (Int64(random.next() % 5) - 2) * 100)
      let half = Int64(1 + random.next() % 4) * 50
      let bidEmpty = random.next() % 16 == 0, askEmpty = random.next() % 16 == 0
      book[i] = [
        bidEmpty ? -1 : mids[i] - half, bidEmpty ? -1 : Int64(1 + random.next() % 5000),
        askEmpty ? -1 : mids[i] + half, askEmpty ? -1 : Int64(1 + random.next() % 5000),
      ]
      let values = plan.inputs.map { input -> Int64 in
        let v = book[input.instrument][input.field.bookLevel!.column]
        return input.isSize || v < 0 ? v : v * input.scale / 10_000
      }
      let updates = (0..<n).map { $0 == i }
      return Tick(time: 1_704_205_800_000_000_000 + Int64(step) * 1_000_000, updates: updates, values: values)
    }
  }
}

/// The synthetic ticks' generator: a 64-bit LCG, its top 31 bits.
struct SyntheticRandom {
  var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

  mutating func next() -> UInt64 {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return seed >> 33
  }
}
