import Foundation
import StratABI
import Synchronization

/// The shadow's decisions on their way to `shadow_decisions.csv`, off the hot thread:
/// ```
///   hot thread (producer): row + up to `perSide` decisions of each version ─▶ slot head % capacity
///                          ─▶ head ← head+1 (release); a full ring drops the row (counted)
///   hot-load thread (consumer, every ms while a shadow runs): rows [tail, head) ─▶ CSV lines
/// ```
/// Preallocated once: a push is a few stores, no lock, no allocation.
package final class ShadowLog: @unchecked Sendable {
  /// Decisions of each side kept per row (a step with more is marked `+` in the file).
  static let perSide = 4
  package let capacity: Int
  private let rows: UnsafeMutablePointer<Row>
  private let decisions: UnsafeMutablePointer<Decision>
  private let head = Atomic<UInt64>(0)
  private let tail = Atomic<UInt64>(0)
  /// Rows the ring had no room for.
  package let dropped = Atomic<UInt64>(0)

  struct Row {
    var time: Int64 = 0
    var step: UInt64 = 0
    var live: Int = 0
    var shadow: Int = 0
    var agree = false
  }

  package init(capacity: Int = 1 << 14) {
    self.capacity = capacity
    rows = .allocate(capacity: capacity)
    rows.initialize(repeating: Row(), count: capacity)
    decisions = .allocate(capacity: capacity * 2 * Self.perSide)
    decisions.initialize(repeating: Decision(kind: .target, instrument: 0, quantity: 0), count: capacity * 2 * Self.perSide)
  }

  deinit {
    rows.deallocate()
    decisions.deallocate()
  }

  /// Appends one step's decisions of both versions (hot thread).
  @inline(__always)
  func push(time: Int64, step: UInt64, live: UnsafeBufferPointer<Decision>, shadow: UnsafeBufferPointer<Decision>, agree: Bool) {
    let h = head.load(ordering: .relaxed)
    guard h &- tail.load(ordering: .acquiring) < UInt64(capacity) else {
      dropped.wrappingAdd(1, ordering: .relaxed)
      return
    }
    let slot = Int(truncatingIfNeeded: h) % capacity
    rows[slot] = Row(time: time, step: step, live: live.count, shadow: shadow.count, agree: agree)
    let base = decisions + slot * 2 * Self.perSide
    for k in 0..<min(live.count, Self.perSide) { base[k] = live[k] }
    for k in 0..<min(shadow.count, Self.perSide) { base[Self.perSide + k] = shadow[k] }
    head.store(h &+ 1, ordering: .releasing)
  }

  /// The rows pushed since the last drain as CSV lines (the hot-load thread only).
  func drain(strategy: String, symbols: [String]) -> String {
    let h = head.load(ordering: .acquiring)
    var t = tail.load(ordering: .relaxed)
    var text = ""
    while t < h {
      let slot = Int(truncatingIfNeeded: t) % capacity
      let row = rows[slot]
      let base = decisions + slot * 2 * Self.perSide
      let live = Self.text(base, row.live, symbols)
      let shadow = Self.text(base + Self.perSide, row.shadow, symbols)
      text += "\(row.time),\(strategy),\(row.step),\(row.agree ? "agree" : "differ"),\(live),\(shadow)\n"
      t += 1
    }
    tail.store(t, ordering: .releasing)
    return text
  }

  static let header = "time,strategy,step,agreement,live,shadow\n"

  /// `buy GOOG 100 limit 580.12; cancel GOOG` (a `+` when the row kept only the first ones).
  static func text(_ d: UnsafeMutablePointer<Decision>, _ count: Int, _ symbols: [String]) -> String {
    let shown = (0..<min(count, perSide)).map { k -> String in
      let x = d[k]
      let symbol = Int(x.instrument) < symbols.count && x.instrument >= 0 ? symbols[Int(x.instrument)] : "#\(x.instrument)"
      let q = x.quantity == x.quantity.rounded() && abs(x.quantity) < 1e15 ? String(Int64(x.quantity)) : "\(x.quantity)"
      let price = x.price.isNaN ? "" : " @ \(x.price)"
      return "\(kindName[Int(x.kind.rawValue)]) \(symbol) \(q)\(price)"
    }
    return shown.joined(separator: "; ") + (count > perSide ? "; +" : "")
  }

  static let kindName = ["target", "market", "limit", "ioc", "cancel", "replace"]
}
