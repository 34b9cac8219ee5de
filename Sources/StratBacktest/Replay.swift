import StratRuntime
import StratABI
import StratMarket

/// The data side of the step loop: merges the series that instruments are bound to, and for
/// the current timestamp knows each instrument's bar row (−1 when it has none) and feeds bars to
/// the executor. Instruments bound to the same series share its bars.
///
/// Per-instrument scratch lives in one buffer owned by this (noncopyable) value, so the step
/// loop writes it without reference counting or uniqueness checks.
struct Replay: ~Copyable {
  /// The merge over the distinct bound series.
  var merge: TimeMerge
  /// The current row of each instrument, or −1.
  let rows: UnsafeMutableBufferPointer<Int>
  /// Per instrument, its series' columns.
  let open: [[Price]]
  let high: [[Price]]
  let low: [[Price]]
  let close: [[Price]]
  let volume: [[Double]]
  /// Whether the strategy reads each bar field (open high low close volume, input-record
  /// order); an unread one is fed as NaN and never converted from fixed point.
  private let reads: (open: Bool, high: Bool, low: Bool, close: Bool, volume: Bool)
  /// For merged series s, its instruments are `instruments[starts[s]..<starts[s + 1]]`.
  private let starts: [Int]
  private let instruments: [Int]

  /// Prepares the replay of `series` for instruments bound by `seriesForInstrument`, feeding
  /// the bar fields among `fieldsRead`.
  init(series: [BarSeries], seriesForInstrument: [Int], fieldsRead: [InputField]) {
    reads = (
      fieldsRead.contains(.open), fieldsRead.contains(.high), fieldsRead.contains(.low),
      fieldsRead.contains(.close), fieldsRead.contains(.volume)
    )
    var used: [Int] = []
    for s in seriesForInstrument where !used.contains(s) { used.append(s) }
    merge = TimeMerge(times: used.map { series[$0].times })
    var starts = [0]
    var instruments: [Int] = []
    for s in used {
      for (i, bound) in seriesForInstrument.enumerated() where bound == s { instruments.append(i) }
      starts.append(instruments.count)
    }
    self.starts = starts
    self.instruments = instruments
    rows = .allocate(capacity: seriesForInstrument.count)
    rows.initialize(repeating: -1)
    open = seriesForInstrument.map { series[$0].open }
    high = seriesForInstrument.map { series[$0].high }
    low = seriesForInstrument.map { series[$0].low }
    close = seriesForInstrument.map { series[$0].close }
    volume = seriesForInstrument.map { series[$0].volume }
  }

  deinit { rows.deallocate() }

  /// Advances to the next timestamp and sets `rows`; false at the end of the data.
  @inline(__always)
  mutating func next() -> Bool {
    guard merge.next() else { return false }
    for m in 0..<merge.count {
      let member = merge[m]
      for j in starts[member.series]..<starts[member.series + 1] {
        rows[instruments[j]] = member.row
      }
    }
    return true
  }

  /// Feeds the current bars to `executor` and records each fed instrument's close in
  /// `lastClose`; returns the number of bars fed.
  @inline(__always)
  func feed<E: StrategyExecutor>(_ executor: E, lastClose: UnsafeMutableBufferPointer<Int64>) -> Int
  {
    var fed = 0
    for i in 0..<rows.count {
      let r = rows[i]
      if r < 0 { continue }
      let c = close[i][r]
      lastClose[i] = c.raw
      executor.setBar(
        instrument: i,
        bar: Bar(
          open: reads.open ? open[i][r].doubleValue : .nan,
          high: reads.high ? high[i][r].doubleValue : .nan,
          low: reads.low ? low[i][r].doubleValue : .nan,
          close: reads.close ? c.doubleValue : .nan,
          volume: reads.volume ? volume[i][r] : .nan
        )
      )
      fed += 1
    }
    return fed
  }

  /// Forgets the current rows before the next timestamp.
  @inline(__always)
  func clearRows() {
    for i in 0..<rows.count { rows[i] = -1 }
  }
}
