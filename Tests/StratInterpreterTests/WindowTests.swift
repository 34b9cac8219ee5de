import Foundation
import StratABI
import StratIR
import StratInterpreter
import Testing

// Ring, window and ema reads after every push, against straightforward implementations of
// WindowSemantics.md written here with arrays and `%`, compared bit for bit — including the
// slot's own bytes in the state record.

/// WindowSemantics.md's window N, written plainly.
private struct ReferenceWindow {
  let n: Int
  var values: [Double]
  var head = 0
  var count = 0
  var shift = 0.0
  var sum = 0.0
  var sumsq = 0.0

  init(_ n: Int) {
    self.n = n
    values = Array(repeating: 0, count: n)
  }

  mutating func push(_ v: Double) {
    if count == 0 { shift = v }
    let d = v - shift
    sum = sum + d
    sumsq = sumsq + d * d
    if count == n {
      let o = values[head] - shift
      sum = sum - o
      sumsq = sumsq - o * o
    } else {
      count = count + 1
    }
    values[head] = v
    head = (head + 1) % n
  }

  var held: [Double] {
    let oldest = (head - count + n) % n
    return (0..<count).map { values[(oldest + $0) % n] }
  }

  func lag(_ k: Int) -> Double { values[((head - 1 - k) % n + n) % n] }
  var readSum: Double { sum + Double(count) * shift }
  var mean: Double { sum / Double(count) + shift }
  var varp: Double {
    let m = sum / Double(count)
    let v = sumsq / Double(count) - m * m
    return v < 0 ? 0 : v
  }
  var vars: Double { varp * (Double(count) / (Double(count) - 1)) }
  var min: Double { held.isEmpty ? .nan : held.dropFirst().reduce(held[0]) { fmin($0, $1) } }
  var max: Double { held.isEmpty ? .nan : held.dropFirst().reduce(held[0]) { fmax($0, $1) } }

  /// The slot's bytes as words: values, head, count, shift, sum, sumsq.
  var words: [UInt64] {
    values.map(\.bitPattern) + [UInt64(head), UInt64(count)]
      + [shift, sum, sumsq].map(\.bitPattern)
  }
}

/// The value series the window tests push.
enum Series: String, CaseIterable, Sendable {
  case random, negative, constant, offset, spiky

  func values(_ length: Int) -> [Double] {
    var rng = SplitMix64(seed: 42)
    return (0..<length).map { i in
      switch self {
      case .random: rng.double(in: -1, 1)
      case .negative: -Double(i) * 0.37 - 5
      case .constant: 0.1
      case .offset: 1e6 + rng.double(in: 0, 1e-3)
      case .spiky: i % 7 == 3 ? 1e9 : rng.double(in: 0, 3)
      }
    }
  }
}

private let windowReads: [Opcode] = [.sum, .mean, .varp, .vars, .min, .max]

/// window N over close; after the push: every read into an f64 slot, count into an i64 slot,
/// and each lag k into an f64 slot.
private func windowModule(capacity: Int, lags: [Int]) -> IRModule {
  makeModule { b in
    let window = b.addSlot(Slot(name: "w", kind: .window(capacity: capacity)))
    let reads = windowReads.map { b.scalar("\($0)", .f64) }
    let count = b.scalar("count", .i64)
    let lagSlots = lags.map { b.scalar("lag\($0)", .f64) }
    b.effect(.push, [b.close()], imm: .slot(window))
    for (op, slot) in zip(windowReads, reads) {
      b.store(b.emit(op, .f64, imm: .slot(window)), into: slot)
    }
    b.store(b.emit(.count, .i64, imm: .slot(window)), into: count)
    for (k, slot) in zip(lags, lagSlots) {
      b.store(b.emit(.lag, .f64, imm: .lag(slot: window, k: k)), into: slot)
    }
  }
}

@Test(arguments: [1, 2, 3, 5, 60], Series.allCases)
func windowReadsMatchTheReferenceAfterEveryPush(capacity: Int, series: Series) throws {
  let lags = Array(Set([0, 1, capacity / 2, capacity - 1])).filter { $0 < capacity }.sorted()
  let module = windowModule(capacity: capacity, lags: lags)
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  var reference = ReferenceWindow(capacity)
  for (step, v) in series.values(3 * capacity + 7).enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(v))
    _ = interpreter.step(timeNanos: Int64(step))
    reference.push(v)
    let expected = [
      reference.readSum, reference.mean, reference.varp, reference.vars, reference.min,
      reference.max,
    ]
    for (index, value) in expected.enumerated() {
      let found = interpreter.double(at: offsets[1 + index])
      #expect(
        found.bitPattern == value.bitPattern || (found.isNaN && value.isNaN),
        "step \(step): \(windowReads[index]) is \(found), expected \(value)")
    }
    #expect(interpreter.word(at: offsets[7]) == UInt64(reference.count))
    for (index, k) in lags.enumerated() {
      #expect(interpreter.double(at: offsets[8 + index]).bitPattern == reference.lag(k).bitPattern)
    }
    let slotWords = (0..<reference.words.count).map { interpreter.word(at: offsets[0] + 8 * $0) }
    #expect(slotWords == reference.words, "step \(step): window state")
  }
}

@Test func windowVarianceIsClampedAtZeroWhenRoundingMakesItNegative() throws {
  // After the window slides onto a constant run, sumsq ÷ n − m × m rounds to −5.5e-12.
  let module = windowModule(capacity: 5, lags: [0])
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  let series = [0.2, 0.5, 0.9, 0.35, 0.6] + Array(repeating: 123.456, count: 12)
  var reference = ReferenceWindow(5)
  var clamped = 0
  for (step, v) in series.enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(v))
    _ = interpreter.step(timeNanos: Int64(step))
    reference.push(v)
    let m = reference.sum / Double(reference.count)
    if reference.sumsq / Double(reference.count) - m * m < 0 { clamped += 1 }
    #expect(interpreter.double(at: offsets[3]).sign == .plus)
    if step > 0 { #expect(interpreter.double(at: offsets[4]).sign == .plus) }
  }
  #expect(clamped == 8, "the series exercises the clamp")
}

@Test func emptyWindowReadsAreNaNAndSumIsZero() throws {
  let module = makeModule { b in
    let window = b.addSlot(Slot(name: "w", kind: .window(capacity: 4)))
    let reads = windowReads.map { b.scalar("\($0)", .f64) }
    for (op, slot) in zip(windowReads, reads) {
      b.store(b.emit(op, .f64, imm: .slot(window)), into: slot)
    }
  }
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  _ = interpreter.step(timeNanos: 0)
  #expect(interpreter.double(at: offsets[1]) == 0, "sum + 0 × shift")
  for index in 2...6 { #expect(interpreter.double(at: offsets[index]).isNaN) }
}

@Test func windowMinAndMaxScanFromTheOldestAfterWrapping() throws {
  let interpreter = try Interpreter(module: windowModule(capacity: 3, lags: [0]))
  let offsets = slotOffsets(windowModule(capacity: 3, lags: [0]))
  let pushes: [(Double, min: Double, max: Double)] = [
    (5, 5, 5), (-1, -1, 5), (3, -1, 5), (4, -1, 4), (9, 3, 9), (.nan, 4, 9), (2, 2, 9),
    (.nan, 2, 2), (.nan, 2, 2), (.nan, .nan, .nan),
  ]
  for (step, push) in pushes.enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(push.0))
    _ = interpreter.step(timeNanos: Int64(step))
    #expect(sameDouble(interpreter.double(at: offsets[5]), push.min), "step \(step) min")
    #expect(sameDouble(interpreter.double(at: offsets[6]), push.max), "step \(step) max")
  }
}

@Test func windowMinAndMaxFoldSignedZerosFromTheOldest() throws {
  // C fmin/fmax give the second of two equal operands, so the fold's order shows in the sign.
  let module = windowModule(capacity: 2, lags: [0])
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  let pushes: [(Double, newestZero: UInt64)] = [
    (-0.0, 0x8000_0000_0000_0000), (0.0, 0), (-0.0, 0x8000_0000_0000_0000), (0.0, 0),
  ]
  for (step, push) in pushes.enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(push.0))
    _ = interpreter.step(timeNanos: Int64(step))
    #expect(interpreter.word(at: offsets[5]) == push.newestZero, "step \(step) min")
    #expect(interpreter.word(at: offsets[6]) == push.newestZero, "step \(step) max")
  }
}

// MARK: - Ring lags

@Test func ringLagsBeforeAndAfterWrap() throws {
  let module = makeModule { b in
    let ring = b.addSlot(Slot(name: "r", kind: .ring(capacity: 3)))
    let lags = (0..<3).map { b.scalar("lag\($0)", .f64) }
    let count = b.scalar("count", .i64)
    b.effect(.push, [b.close()], imm: .slot(ring))
    for k in 0..<3 {
      b.store(b.emit(.lag, .f64, imm: .lag(slot: ring, k: k)), into: lags[k])
    }
    b.store(b.emit(.count, .i64, imm: .slot(ring)), into: count)
  }
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  let expected: [[Double]] = [
    [1, 0, 0], [2, 1, 0], [3, 2, 1], [4, 3, 2], [5, 4, 3], [6, 5, 4], [7, 6, 5],
  ]
  for (step, lags) in expected.enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(Double(step + 1)))
    _ = interpreter.step(timeNanos: Int64(step))
    #expect((1...3).map { interpreter.double(at: offsets[$0]) } == lags, "step \(step)")
    #expect(interpreter.word(at: offsets[4]) == UInt64(min(step + 1, 3)))
  }
  #expect(interpreter.word(at: 24) == 1, "head after 7 pushes into 3")
}

@Test func lagReadBeforeThePushSeesThePreviousStep() throws {
  let module = makeModule { b in
    let ring = b.addSlot(Slot(name: "r", kind: .ring(capacity: 2)))
    let before = b.scalar("before", .f64)
    let after = b.scalar("after", .f64)
    b.store(b.emit(.lag, .f64, imm: .lag(slot: ring, k: 0)), into: before)
    b.effect(.push, [b.close()], imm: .slot(ring))
    b.store(b.emit(.lag, .f64, imm: .lag(slot: ring, k: 0)), into: after)
  }
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  for (step, v) in [10.0, 20, 30].enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(v))
    _ = interpreter.step(timeNanos: Int64(step))
    #expect(interpreter.double(at: offsets[1]) == (step == 0 ? 0 : v - 10))
    #expect(interpreter.double(at: offsets[2]) == v)
  }
}

// MARK: - EMA

@Test(arguments: [1, 3, 10], Series.allCases)
func emaMatchesTheReference(period: Int, series: Series) throws {
  let module = makeModule { b in
    let ema = b.addSlot(Slot(name: "e", kind: .ema(period: period)))
    let value = b.scalar("value", .f64)
    let count = b.scalar("count", .i64)
    b.effect(.push, [b.close()], imm: .slot(ema))
    b.store(b.emit(.ema, .f64, imm: .slot(ema)), into: value)
    b.store(b.emit(.count, .i64, imm: .slot(ema)), into: count)
  }
  let interpreter = try Interpreter(module: module)
  let alpha = 2.0 / (Double(period) + 1.0)
  var value = 0.0
  var count = 0
  for (step, v) in series.values(4 * period + 5).enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(v))
    _ = interpreter.step(timeNanos: Int64(step))
    value = count == 0 ? v : value + alpha * (v - value)
    if count < period { count += 1 }
    #expect(interpreter.double(at: 0).bitPattern == value.bitPattern, "step \(step)")
    #expect(interpreter.word(at: 8) == UInt64(count))
    #expect(interpreter.double(at: 16).bitPattern == value.bitPattern)
    #expect(interpreter.word(at: 24) == UInt64(count))
  }
}
