import Foundation
import StratABI
import StratIR
import StratInterpreter
import Testing

// pairWindow: bit for bit against the rolling arithmetic of WindowSemantics.md written plainly,
// and within 1e-9 (relative) of a two-pass computation over the held pairs.

/// WindowSemantics.md's pairWindow N, written plainly.
private struct ReferencePairWindow {
  let n: Int
  var xs: [Double]
  var ys: [Double]
  var head = 0
  var count = 0
  var shiftx = 0.0, shifty = 0.0
  var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0

  init(_ n: Int) {
    self.n = n
    xs = Array(repeating: 0, count: n)
    ys = Array(repeating: 0, count: n)
  }

  mutating func push(_ x: Double, _ y: Double) {
    if count == 0 {
      shiftx = x
      shifty = y
    }
    let dx = x - shiftx
    let dy = y - shifty
    sx = sx + dx
    sy = sy + dy
    sxx = sxx + dx * dx
    syy = syy + dy * dy
    sxy = sxy + dx * dy
    if count == n {
      let ox = xs[head] - shiftx
      let oy = ys[head] - shifty
      sx = sx - ox
      sy = sy - oy
      sxx = sxx - ox * ox
      syy = syy - oy * oy
      sxy = sxy - ox * oy
    } else {
      count = count + 1
    }
    xs[head] = x
    ys[head] = y
    head = (head + 1) % n
  }

  var cxy: Double { sxy - sx * sy / Double(count) }
  var cxx: Double { sxx - sx * sx / Double(count) }
  var cyy: Double { syy - sy * sy / Double(count) }
  var cov: Double { cxy / (Double(count) - 1) }
  var corr: Double { cxy / (cxx * cyy).squareRoot() }
  var slope: Double { cxy / cxx }
  var intercept: Double {
    (sy / Double(count) + shifty) - slope * (sx / Double(count) + shiftx)
  }

  var held: [(Double, Double)] {
    let oldest = (head - count + n) % n
    return (0..<count).map { (xs[(oldest + $0) % n], ys[(oldest + $0) % n]) }
  }

  var words: [UInt64] {
    xs.map(\.bitPattern) + ys.map(\.bitPattern) + [UInt64(head), UInt64(count)]
      + [shiftx, shifty, sx, sy, sxx, syy, sxy].map(\.bitPattern)
  }
}

/// cov, corr, slope and intercept by two passes over `pairs`.
private func twoPass(_ pairs: [(Double, Double)]) -> [Double] {
  let n = Double(pairs.count)
  let mx = pairs.reduce(0) { $0 + $1.0 } / n
  let my = pairs.reduce(0) { $0 + $1.1 } / n
  let cxy = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
  let cxx = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
  let cyy = pairs.reduce(0) { $0 + ($1.1 - my) * ($1.1 - my) }
  let slope = cxy / cxx
  return [cxy / (n - 1), cxy / (cxx * cyy).squareRoot(), slope, my - slope * mx]
}

private let pairReads: [Opcode] = [.cov, .corr, .slope, .intercept]

@Test(arguments: [2, 3, 20, 60], [1.0, 1e4])
func pairWindowMatchesRollingAndTwoPass(capacity: Int, level: Double) throws {
  let module = makeModule(instruments: 2) { b in
    let pair = b.addSlot(Slot(name: "p", kind: .pairWindow(capacity: capacity)))
    let reads = pairReads.map { b.scalar("\($0)", .f64) }
    let count = b.scalar("count", .i64)
    b.effect(.push, [b.close(0), b.close(1)], imm: .slot(pair))
    for (op, slot) in zip(pairReads, reads) {
      b.store(b.emit(op, .f64, imm: .slot(pair)), into: slot)
    }
    b.store(b.emit(.count, .i64, imm: .slot(pair)), into: count)
  }
  let offsets = slotOffsets(module)
  let interpreter = try Interpreter(module: module)
  var reference = ReferencePairWindow(capacity)
  var rng = SplitMix64(seed: 7)
  for step in 0..<(3 * capacity + 5) {
    let x = level + rng.double(in: -1, 1)
    let y = 1.5 * x + 3 + rng.double(in: -0.2, 0.2)
    interpreter.setBar(instrument: 0, bar: bar(x))
    interpreter.setBar(instrument: 1, bar: bar(y))
    _ = interpreter.step(timeNanos: Int64(step))
    reference.push(x, y)
    let found = (1...4).map { interpreter.double(at: offsets[$0]) }
    let rolling = [reference.cov, reference.corr, reference.slope, reference.intercept]
    for index in 0..<4 {
      #expect(sameDouble(found[index], rolling[index]), "step \(step): \(pairReads[index])")
    }
    #expect(interpreter.word(at: offsets[5]) == UInt64(reference.count))
    let slotWords = (0..<reference.words.count).map { interpreter.word(at: offsets[0] + 8 * $0) }
    #expect(slotWords == reference.words, "step \(step): pair window state")
    if reference.count >= 3 {
      let exact = twoPass(reference.held)
      for index in 0..<4 {
        #expect(
          isClose(found[index], exact[index], relative: 1e-9),
          "step \(step): \(pairReads[index]) \(found[index]) vs two-pass \(exact[index])")
      }
    }
  }
}

@Test func pairWindowPushIsPredicated() throws {
  let module = makeModule(instruments: 2) { b in
    let pair = b.addSlot(Slot(name: "p", kind: .pairWindow(capacity: 4)))
    let count = b.scalar("count", .i64)
    let zero = b.constant(.f64(0))
    let positive = b.emit(.fgt, .bool, [b.close(0), zero])
    b.effect(.push, [b.close(0), b.close(1)], imm: .slot(pair), predicate: positive)
    b.store(b.emit(.count, .i64, imm: .slot(pair)), into: count)
  }
  let interpreter = try Interpreter(module: module)
  let offsets = slotOffsets(module)
  for (step, x) in [1.0, -1, 2, -2, 3].enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(x))
    interpreter.setBar(instrument: 1, bar: bar(2 * x))
    _ = interpreter.step(timeNanos: Int64(step))
  }
  #expect(interpreter.word(at: offsets[1]) == 3)
  #expect((0..<3).map { interpreter.double(at: 8 * $0) } == [1, 2, 3])
  #expect((0..<3).map { interpreter.double(at: 32 + 8 * $0) } == [2, 4, 6])
}
