import StratMarket

/// One strategy's post-trade risk in fixed point, kept on the hot thread between events: per
/// instrument the position, its cost by the average-cost method, realised P&L, fees and the
/// mark, and a ring of marks sampled once a minute of event time for the VaR. Every array is
/// sized once; booking a fill, marking and sampling allocate nothing.
///
/// Average cost: a fill that adds to |position| adds q × p to the cost; one that reduces it
/// takes the closed share of the cost out (cost × closed ÷ position, truncated) and realises
/// the proceeds minus that share; a fill through zero closes, then opens the rest. So
/// realised + unrealised − fees equals the ledger's cash + Σ position × mark exactly.
package struct PostTradeRisk: Sendable {
  /// Samples kept for the VaR: 1,024 minutes (more than two 6.5-hour sessions).
  package static let sampleCapacity = 1024
  package static let minuteNanos: Int64 = 60_000_000_000

  package let instrumentCount: Int
  package private(set) var position: [Int64]
  /// Σ q × p of the open lots (raw 1e-8), 128-bit so no fill can overflow it.
  package private(set) var cost: [Int128]
  package private(set) var realised: [Int128]
  package private(set) var fees: [Int128]
  package private(set) var marks: [Int64]
  /// Fills of the ledger booked so far (the caller books the rest).
  package private(set) var fillsBooked = 0
  /// Sampled marks, sample-major: sample k of instrument i at `(k % capacity) * n + i`.
  package private(set) var samples: [Int64]
  package private(set) var sampleStart = 0
  package private(set) var sampleCount = 0
  package private(set) var nextSampleTime = Int64.min

  package init(instrumentCount n: Int) {
    instrumentCount = n
    position = Array(repeating: 0, count: n)
    cost = Array(repeating: 0, count: n)
    realised = Array(repeating: 0, count: n)
    fees = Array(repeating: 0, count: n)
    marks = Array(repeating: 0, count: n)
    samples = Array(repeating: 0, count: Self.sampleCapacity * n)
  }

  /// Books one fill (signed quantity, price and fee raw 1e-8).
  package mutating func book(instrument i: Int, quantity q: Int64, price p: Int64, fee: Int64) {
    fillsBooked += 1
    fees[i] += Int128(fee)
    let held = position[i]
    if held == 0 || (held > 0) == (q > 0) {
      cost[i] += Int128(q) * Int128(p)
      position[i] = held &+ q
      return
    }
    // Reducing: close min(|q|, |held|), then open what is left past zero.
    let closing = q > 0 ? min(q, -held) : max(q, -held)
    let removed = cost[i] * Int128(-closing) / Int128(held)
    realised[i] += -Int128(closing) * Int128(p) - removed
    cost[i] -= removed
    position[i] = held &+ closing
    let rest = q - closing
    if rest != 0 {
      cost[i] = Int128(rest) * Int128(p)
      position[i] = rest
    }
  }

  /// The instrument's mark now (raw 1e-8; 0 while it has none).
  @inline(__always)
  package mutating func mark(_ i: Int, _ price: Int64) { marks[i] = price }

  /// Takes the marks as a sample when `time` reached the next minute of event time; true then.
  @discardableResult
  package mutating func sample(at time: Int64) -> Bool {
    guard time >= nextSampleTime else { return false }
    nextSampleTime = (time / Self.minuteNanos) &* Self.minuteNanos &+ Self.minuteNanos
    let slot = sampleCount < Self.sampleCapacity ? (sampleStart + sampleCount) % Self.sampleCapacity : sampleStart
    for i in 0..<instrumentCount { samples[slot * instrumentCount + i] = marks[i] }
    if sampleCount < Self.sampleCapacity { sampleCount += 1 } else { sampleStart = (sampleStart + 1) % Self.sampleCapacity }
    return true
  }

  /// Sample `k` (0 = oldest kept) of instrument `i`.
  package func sample(_ k: Int, instrument i: Int) -> Int64 {
    samples[((sampleStart + k) % Self.sampleCapacity) * instrumentCount + i]
  }

  /// A copy that shares no storage with this one (taken under a lock, so the hot thread's next
  /// write never has to copy an array).
  package func detached() -> PostTradeRisk {
    var copy = self
    copy.position = position.map { $0 }
    copy.cost = cost.map { $0 }
    copy.realised = realised.map { $0 }
    copy.fees = fees.map { $0 }
    copy.marks = marks.map { $0 }
    copy.samples = samples.map { $0 }
    return copy
  }
}
