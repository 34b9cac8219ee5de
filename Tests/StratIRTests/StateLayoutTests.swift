import StratABI
import StratIR
import Testing

/// StratABI's layout is the one every executor reads; these are the byte positions the
/// layout table in `StateLayout` and WindowSemantics.md document, computed by hand.
@Suite struct StateLayoutTests {
  @Test func everyFieldSitsWhereTheTableSays() {
    #expect(SlotShape.ring(3).offset(of: .head) == 24 && SlotShape.ring(3).offset(of: .count) == 32)
    #expect(SlotShape.ring(3).offset(of: .sum) == nil, "a ring has no sums")
    let window = SlotShape.window(3)
    let windowFields: [SlotField] = [.values, .head, .count, .shift, .sum, .sumsq]
    #expect(windowFields.map { window.offset(of: $0) } == [0, 24, 32, 40, 48, 56])
    let pair = SlotShape.pairWindow(2)
    let pairFields: [SlotField] = [.xs, .ys, .head, .count, .shiftx, .shifty, .sx, .sy, .sxx, .syy, .sxy]
    #expect(pairFields.map { pair.offset(of: $0) } == [0, 16, 32, 40, 48, 56, 64, 72, 80, 88, 96])
    #expect(SlotShape.ema(9).offset(of: .value) == 0 && SlotShape.ema(9).offset(of: .count) == 8)
    #expect(SlotShape.scalar.offset(of: .value) == 0 && SlotShape.scalar.offset(of: .count) == nil)
  }

  @Test func sizesAreTheLastFieldPlusOneWord() {
    let shapes: [SlotShape] = [.scalar, .ring(5), .window(5), .pairWindow(5), .ema(5)]
    #expect(shapes.map(\.byteCount) == [8, 56, 80, 152, 16])
    for shape in shapes {
      let last = SlotField.allCases.compactMap { shape.offset(of: $0) }.max()!
      #expect(shape.byteCount == last + 8, "\(shape)")
    }
  }

  @Test func slotsFollowEachOtherAndTheModuleAgrees() {
    let module = IRModule(
      name: "m",
      slots: [
        Slot(name: "a", kind: .scalar(.f64, initial: .f64(0))), Slot(name: "w", kind: .window(capacity: 4)),
        Slot(name: "e", kind: .ema(period: 3)),
      ])
    let layout = module.stateLayout
    #expect(layout.offsets == [0, 8, 80])
    #expect(layout.byteCount == 96 && layout.byteCount == module.stateBytes)
    #expect(layout.offset(ofSlot: 1, field: .sum) == 8 + 32 + 24)
    #expect(module.slots.map(\.kind.byteSize) == layout.shapes.map(\.byteCount))
  }

  @Test func theLimitsRefuseWhatNoExecutorHolds() {
    #expect(StateLayout(shapes: [.ring(0)]).refusal == .capacity(slot: 0, capacity: 0))
    #expect(StateLayout(shapes: [.scalar, .ema(StateLayout.maxCapacity + 1)]).refusal
      == .capacity(slot: 1, capacity: StateLayout.maxCapacity + 1))
    let big = Array(repeating: SlotShape.pairWindow(StateLayout.maxCapacity), count: 5)
    #expect(StateLayout(shapes: big).refusal == .byteCount(StateLayout(shapes: big).byteCount))
    #expect(StateLayout(shapes: [.window(StateLayout.maxCapacity)]).refusal == nil)
  }
}
