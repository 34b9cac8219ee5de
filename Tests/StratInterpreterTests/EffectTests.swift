import Foundation
import StratABI
import StratIR
import StratInterpreter
import Testing

// Effects: predicates, stores seen by later loads, decisions in program order, reset, seen
// flags and the decision buffer.

@Test(arguments: [(1.0, true), (-1.0, false), (0.0, false), (Double.nan, false)])
func storeRunsOnlyWhenItsPredicateHolds(_ close: Double, _ runs: Bool) throws {
  let module = makeModule { b in
    let slot = b.scalar("x", .f64, initial: .f64(-7))
    let value = b.close()
    let positive = b.emit(.fgt, .bool, [value, b.constant(.f64(0))])
    b.store(value, into: slot, if: positive)
  }
  let interpreter = try Interpreter(module: module)
  interpreter.setBar(instrument: 0, bar: bar(close))
  _ = interpreter.step(timeNanos: 0)
  #expect(interpreter.double(at: 0) == (runs ? close : -7))
}

@Test func aStoreIsVisibleToLaterLoadsOfTheSameStep() throws {
  let module = makeModule { b in
    let counter = b.scalar("n", .i64, initial: .i64(10))
    let before = b.scalar("before", .i64)
    let after = b.scalar("after", .i64)
    let old = b.emit(.load, .i64, imm: .slot(counter))
    let next = b.emit(.iadd, .i64, [old, b.constant(.i64(1))])
    b.store(next, into: counter)
    let reloaded = b.emit(.load, .i64, imm: .slot(counter))
    b.store(old, into: before)
    b.store(reloaded, into: after)
  }
  let interpreter = try Interpreter(module: module)
  for step in 0..<3 {
    _ = interpreter.step(timeNanos: Int64(step))
    #expect(interpreter.word(at: 8) == UInt64(10 + step))
    #expect(interpreter.word(at: 16) == UInt64(11 + step))
  }
}

@Test func bufferPushesAreSkippedWhenThePredicateIsFalse() throws {
  let module = makeModule { b in
    let ring = b.addSlot(Slot(name: "r", kind: .ring(capacity: 4)))
    let window = b.addSlot(Slot(name: "w", kind: .window(capacity: 4)))
    let ema = b.addSlot(Slot(name: "e", kind: .ema(period: 4)))
    let value = b.close()
    let big = b.emit(.fge, .bool, [value, b.constant(.f64(10))])
    for slot in [ring, window, ema] {
      b.effect(.push, [value], imm: .slot(slot), predicate: big)
    }
  }
  let interpreter = try Interpreter(module: module)
  for (step, v) in [1.0, 20, 2, 30, 3].enumerated() {
    interpreter.setBar(instrument: 0, bar: bar(v))
    _ = interpreter.step(timeNanos: Int64(step))
  }
  let offsets = slotOffsets(module)
  #expect(interpreter.word(at: offsets[0] + 40) == 2, "ring count")
  #expect(interpreter.word(at: offsets[1] + 40) == 2, "window count")
  #expect(interpreter.word(at: offsets[2] + 8) == 2, "ema count")
  #expect(interpreter.double(at: offsets[0]) == 20)
  #expect(interpreter.double(at: offsets[0] + 8) == 30)
}

@Test func decisionsComeInProgramOrderWithTheirKinds() throws {
  let module = makeModule(instruments: 3) { b in
    let go = b.emit(.fgt, .bool, [b.close(0), b.constant(.f64(0))])
    let stop = b.emit(.not, .bool, [go])
    let qty = b.constant(.f64(100))
    let price = b.constant(.f64(101.25))
    b.effect(.limit, [qty, price], imm: .instrument(2))
    b.effect(.target, [b.emit(.fneg, .f64, [qty])], imm: .instrument(1), predicate: go)
    b.effect(.market, [b.constant(.f64(-3))], imm: .instrument(0), predicate: stop)
    b.effect(.target, [qty], imm: .instrument(0), predicate: go)
  }
  let interpreter = try Interpreter(module: module)
  interpreter.setBar(instrument: 0, bar: bar(1))
  #expect(interpreter.step(timeNanos: 0) == 3)
  let decisions = interpreter.decisionList
  #expect(decisions.map(\.kind) == [.limit, .target, .target])
  #expect(decisions.map(\.instrument) == [2, 1, 0])
  #expect(decisions.map(\.quantity) == [100, -100, 100])
  #expect(decisions[0].price == 101.25)
  #expect(decisions[1].price.bitPattern == Double.nan.bitPattern)

  interpreter.setBar(instrument: 0, bar: bar(-1))
  #expect(interpreter.step(timeNanos: 1) == 2)
  #expect(interpreter.decisionList.map(\.kind) == [.limit, .market])
  #expect(interpreter.decisionList[1].quantity == -3)
  #expect(interpreter.decisions.count == 2)
}

@Test func everyDecisionFiringEveryStepFitsTheBuffer() throws {
  let module = makeModule(instruments: 2) { b in
    let qty = b.close()
    for instrument in [0, 1, 0, 1, 1] {
      b.effect(.market, [qty], imm: .instrument(instrument))
    }
  }
  let interpreter = try Interpreter(module: module)
  for step in 0..<100 {
    interpreter.setBar(instrument: 0, bar: bar(Double(step)))
    #expect(interpreter.step(timeNanos: Int64(step)) == 5)
    #expect(interpreter.decisions.allSatisfy { $0.quantity == Double(step) })
  }
}

@Test func aStepWithoutDecisionsReturnsZero() throws {
  let interpreter = try Interpreter(module: makeModule { _ in })
  #expect(interpreter.step(timeNanos: 0) == 0)
  #expect(interpreter.decisions.isEmpty)
  #expect(interpreter.stateSnapshot().isEmpty)
}

@Test func seenFlagsFollowSetBarPerInstrumentUntilReset() throws {
  let module = makeModule(instruments: 2) { b in
    let seenA = b.scalar("seenA", .bool)
    let seenB = b.scalar("seenB", .bool)
    b.store(b.emit(.seen, .bool, imm: .instrument(0)), into: seenA)
    b.store(b.emit(.seen, .bool, imm: .instrument(1)), into: seenB)
  }
  let interpreter = try Interpreter(module: module)
  func flags() -> [UInt64] { [interpreter.word(at: 0), interpreter.word(at: 8)] }
  _ = interpreter.step(timeNanos: 0)
  #expect(flags() == [0, 0])
  interpreter.setBar(instrument: 1, bar: bar(5))
  _ = interpreter.step(timeNanos: 1)
  #expect(flags() == [0, 1])
  interpreter.setBar(instrument: 0, bar: bar(5))
  _ = interpreter.step(timeNanos: 2)
  #expect(flags() == [1, 1])
  _ = interpreter.step(timeNanos: 3)
  #expect(flags() == [1, 1], "seen stays true without new bars")
  interpreter.reset()
  _ = interpreter.step(timeNanos: 4)
  #expect(flags() == [0, 0])
}

@Test func resetRestoresTheInitialState() throws {
  let module = makeModule { b in
    let f = b.scalar("f", .f64, initial: .f64(2.5))
    let i = b.scalar("i", .i64, initial: .i64(-9))
    let flag = b.scalar("flag", .bool, initial: .bool(true))
    let window = b.addSlot(Slot(name: "w", kind: .window(capacity: 3)))
    let pair = b.addSlot(Slot(name: "p", kind: .pairWindow(capacity: 2)))
    let ema = b.addSlot(Slot(name: "e", kind: .ema(period: 5)))
    let last = b.scalar("last", .f64)
    let value = b.close()
    b.store(value, into: f)
    b.store(b.constant(.i64(4)), into: i)
    b.store(b.constant(.bool(false)), into: flag)
    b.effect(.push, [value], imm: .slot(window))
    b.effect(.push, [value, value], imm: .slot(pair))
    b.effect(.push, [value], imm: .slot(ema))
    b.store(value, into: last)
    b.effect(.target, [value], imm: .instrument(0))
  }
  let interpreter = try Interpreter(module: module)
  let initial = interpreter.stateSnapshot()
  #expect(initial.count == module.stateBytes)
  #expect(interpreter.double(at: 0) == 2.5)
  #expect(interpreter.word(at: 8) == UInt64(bitPattern: -9))
  #expect(interpreter.word(at: 16) == 1)
  #expect(initial[24...].allSatisfy { $0 == 0 })
  for step in 0..<5 {
    interpreter.setBar(instrument: 0, bar: bar(Double(step) + 0.5))
    _ = interpreter.step(timeNanos: Int64(step))
  }
  #expect(interpreter.stateSnapshot() != initial)
  interpreter.reset()
  #expect(interpreter.stateSnapshot() == initial)
  #expect(interpreter.decisions.isEmpty)
  _ = interpreter.step(timeNanos: 9)
  #expect(interpreter.double(at: slotOffsets(module)[6]) == 0, "inputs are cleared")
  #expect(interpreter.decisionList.map(\.quantity) == [0])
}

@Test func twoRunsOfTheSameInputGiveTheSameStateAndDecisions() throws {
  let module = makeModule { b in
    let window = b.addSlot(Slot(name: "w", kind: .window(capacity: 7)))
    let value = b.emit(.log, .f64, [b.close()])
    b.effect(.push, [value], imm: .slot(window))
    let z = b.emit(
      .fdiv, .f64,
      [
        b.emit(.fsub, .f64, [value, b.emit(.mean, .f64, imm: .slot(window))]),
        b.emit(.sqrt, .f64, [b.emit(.varp, .f64, imm: .slot(window))]),
      ])
    b.effect(.target, [z], imm: .instrument(0))
  }
  let interpreter = try Interpreter(module: module)
  func run() -> ([UInt64], [UInt8]) {
    var rng = SplitMix64(seed: 3)
    var quantities: [UInt64] = []
    for step in 0..<50 {
      interpreter.setBar(instrument: 0, bar: bar(rng.double(in: 90, 110)))
      _ = interpreter.step(timeNanos: Int64(step))
      quantities += interpreter.decisions.map(\.quantity.bitPattern)
    }
    return (quantities, interpreter.stateSnapshot())
  }
  let first = run()
  interpreter.reset()
  let second = run()
  #expect(first.0 == second.0)
  #expect(first.1 == second.1)
}
