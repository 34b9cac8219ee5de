import Foundation
import StratABI
import StratIR
import StratInterpreter
import Testing

// The pairs z-score workload of bench/README.md as IR (about 35 instructions), checked against
// a plain Swift port of bench/ref_c.c, plus the throughput harness (STRATC_PERF=1 only; no test
// here checks timing).

/// x = ln A − ln B; 60-bar window; z = (x − mean) ÷ population sd; z > entry → short the
/// spread, z < −entry → long, |z| < exit → flat, else hold; trade only with a full window,
/// sd > 0 and a change of side.
func makePairsModule(window: Int = 60) -> IRModule {
  let params = [
    IRParam(name: "entry", value: .f64(2)), IRParam(name: "exit", value: .f64(0.5)),
    IRParam(name: "qty", value: .f64(100)),
  ]
  return makeModule(instruments: 2, params: params) { b in
    let spread = b.addSlot(Slot(name: "spread", kind: .window(capacity: window)))
    let side = b.scalar("side", .f64)
    let entry = b.emit(.param, .f64, imm: .param(0), name: "entry")
    let exit = b.emit(.param, .f64, imm: .param(1), name: "exit")
    let qty = b.emit(.param, .f64, imm: .param(2), name: "qty")
    let full = b.constant(.i64(Int64(window)))
    let zero = b.constant(.f64(0))
    let one = b.constant(.f64(1))
    let minusOne = b.constant(.f64(-1))
    let la = b.emit(.log, .f64, [b.close(0)])
    let lb = b.emit(.log, .f64, [b.close(1)])
    let x = b.emit(.fsub, .f64, [la, lb], name: "x")
    b.effect(.push, [x], imm: .slot(spread))
    let count = b.emit(.count, .i64, imm: .slot(spread))
    let mean = b.emit(.mean, .f64, imm: .slot(spread))
    let variance = b.emit(.varp, .f64, imm: .slot(spread))
    let sd = b.emit(.sqrt, .f64, [variance])
    let z = b.emit(.fdiv, .f64, [b.emit(.fsub, .f64, [x, mean]), sd], name: "z")
    let isFull = b.emit(.ige, .bool, [count, full])
    let isLive = b.emit(.fgt, .bool, [variance, zero])
    let ready = b.emit(.and, .bool, [isFull, isLive])
    let short = b.emit(.fgt, .bool, [z, entry])
    let long = b.emit(.flt, .bool, [z, b.emit(.fneg, .f64, [entry])])
    let flat = b.emit(.flt, .bool, [b.emit(.abs, .f64, [z]), exit])
    let position = b.emit(.load, .f64, imm: .slot(side))
    let holdOrFlat = b.emit(.select, .f64, [flat, zero, position])
    let longOrRest = b.emit(.select, .f64, [long, one, holdOrFlat])
    let target = b.emit(.select, .f64, [short, minusOne, longOrRest])
    let changed = b.emit(.fne, .bool, [target, position])
    let go = b.emit(.and, .bool, [ready, changed], name: "go")
    b.store(target, into: side, if: go)
    let qa = b.emit(.fmul, .f64, [target, qty])
    b.effect(.target, [qa], imm: .instrument(0), predicate: go)
    b.effect(.target, [b.emit(.fneg, .f64, [qa])], imm: .instrument(1), predicate: go)
  }
}

/// Two cointegrated close series (log B a random walk, log A = log B + a mean-reverting spread).
func pairsPrices(count: Int, seed: UInt64 = 20_240_102) -> (a: [Double], b: [Double]) {
  var rng = SplitMix64(seed: seed)
  var logB = Foundation.log(100.0)
  var spread = 0.0
  var a: [Double] = []
  var b: [Double] = []
  a.reserveCapacity(count)
  b.reserveCapacity(count)
  for _ in 0..<count {
    logB += 1e-4 * rng.double(in: -1.7, 1.7)
    spread = 0.999 * spread + 9e-5 * rng.double(in: -1.7, 1.7)
    a.append((Foundation.exp(logB + spread) * 100).rounded() / 100)
    b.append((Foundation.exp(logB) * 100).rounded() / 100)
  }
  return (a, b)
}

/// bench/ref_c.c's O(1) loop in Swift: the step index and the A target of every change.
private func referencePairs(_ a: [Double], _ b: [Double], window: Int = 60) -> [(Int, Double)] {
  var xs: [Double] = []
  var sum = 0.0
  var sumsq = 0.0
  var shift = 0.0
  var position = 0.0
  var changes: [(Int, Double)] = []
  for t in a.indices {
    let v = Foundation.log(a[t]) - Foundation.log(b[t])
    xs.append(v)
    if t == 0 { shift = v }
    let vs = v - shift
    sum += vs
    sumsq += vs * vs
    if t >= window {
      let o = xs[t - window] - shift
      sum -= o
      sumsq -= o * o
    }
    if t < window - 1 { continue }
    let n = Double(window)
    let mean = sum / n + shift
    let ms = sum / n
    let variance = sumsq / n - ms * ms
    if !(variance > 0) { continue }
    let z = (v - mean) / variance.squareRoot()
    let target: Double = z > 2 ? -1 : (z < -2 ? 1 : (abs(z) < 0.5 ? 0 : position))
    if target != position {
      changes.append((t, target * 100))
      position = target
    }
  }
  return changes
}

@Test func pairsStepIsAboutThirtyFiveInstructions() {
  #expect((30...40).contains(makePairsModule().step.count))
}

@Test func pairsStepMatchesThePlainReferenceLoop() throws {
  let prices = pairsPrices(count: 20_000)
  let interpreter = try Interpreter(module: makePairsModule())
  var changes: [(Int, Double)] = []
  for t in prices.a.indices {
    interpreter.setBar(instrument: 0, bar: bar(prices.a[t]))
    interpreter.setBar(instrument: 1, bar: bar(prices.b[t]))
    let n = interpreter.step(timeNanos: Int64(t) * 1_000_000_000)
    if n > 0 {
      let decisions = interpreter.decisionList
      #expect(n == 2)
      #expect(decisions[1].quantity == -decisions[0].quantity)
      #expect(decisions.map(\.instrument) == [0, 1])
      changes.append((t, decisions[0].quantity))
    }
  }
  let expected = referencePairs(prices.a, prices.b)
  #expect(expected.count > 50, "the series trades")
  #expect(changes.map(\.0) == expected.map(\.0))
  #expect(changes.map(\.1) == expected.map(\.1))
}

// MARK: - Throughput (STRATC_PERF=1 swift test -c release --filter pairsThroughput)

@Test(.enabled(if: ProcessInfo.processInfo.environment["STRATC_PERF"] == "1"))
func pairsThroughput() throws {
  let count = 2_000_000
  let prices = pairsPrices(count: count)
  let barsA = prices.a.map(bar)
  let barsB = prices.b.map(bar)
  let interpreter = try Interpreter(module: makePairsModule())
  var best = Double.infinity
  var bestStepOnly = Double.infinity
  var decisions = 0
  for _ in 0..<5 {
    interpreter.reset()
    decisions = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for t in 0..<count {
      interpreter.setBar(instrument: 0, bar: barsA[t])
      interpreter.setBar(instrument: 1, bar: barsB[t])
      decisions += interpreter.step(timeNanos: Int64(t))
    }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    let stepStart = DispatchTime.now().uptimeNanoseconds
    for t in 0..<count { decisions += interpreter.step(timeNanos: Int64(t)) }
    bestStepOnly = min(bestStepOnly, Double(DispatchTime.now().uptimeNanoseconds - stepStart) / 1e9)
  }
  let instructions = makePairsModule().step.count
  print(
    "pairs (\(instructions) IR instructions): "
      + "\(Int(Double(count) / best)) steps/s with two setBar each, "
      + "\(Int(Double(count) / bestStepOnly)) steps/s step only "
      + "(\(String(format: "%.1f", best / Double(count) * 1e9)) ns/step; \(decisions) decisions)")
  try benchDataCheck(interpreter)
}

/// With STRATC_BENCH_DATA=<dir holding A_100000.csv and B_100000.csv from bench/gen_data.py>,
/// prints the signal count to compare with bench/README.md (3,798 for N = 100,000).
private func benchDataCheck(_ interpreter: Interpreter) throws {
  guard let directory = ProcessInfo.processInfo.environment["STRATC_BENCH_DATA"] else { return }
  func closes(_ name: String) throws -> [Double] {
    let text = try String(contentsOfFile: "\(directory)/\(name)_100000.csv", encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map {
      Double($0.split(separator: ",")[4])!
    }
  }
  let a = try closes("A")
  let b = try closes("B")
  interpreter.reset()
  var signals = 0
  var positionA = 0.0
  var cash = 0.0
  for t in a.indices {
    interpreter.setBar(instrument: 0, bar: bar(a[t]))
    interpreter.setBar(instrument: 1, bar: bar(b[t]))
    if interpreter.step(timeNanos: Int64(t)) > 0 {
      let target = interpreter.decisions[0].quantity
      let delta = target - positionA
      cash -= delta * a[t] - delta * b[t]
      positionA = target
      signals += 1
    }
  }
  let pnl = cash + positionA * a[a.count - 1] - positionA * b[b.count - 1]
  print("bench data N = 100,000: \(signals) signals, final A \(positionA), P&L \(pnl)")
}
