import StratRuntime
import StratMarket

extension BacktestResult {
  /// The bytes of `round_trips.csv`: `instrument,symbol,side,entry_time,exit_time,quantity,
  /// entry_price,exit_price,pnl,fees,duration_s`, one closed trip per line in closing order;
  /// lots still open at the end have no line (summary.json counts them as `open_lots`).
  public func roundTripsCSV(_ trips: RoundTrips? = nil, timeDigits: Int? = nil) -> [UInt8] {
    let trips = trips ?? roundTrips
    var out = TextBuffer(capacity: 128 + trips.closed.count * 128)
    out.timeFractionDigits = timeDigits ?? timeFractionDigits
    out.append(
      "instrument,symbol,side,entry_time,exit_time,quantity,entry_price,exit_price,pnl,fees,duration_s\n"
    )
    for trip in trips.closed {
      out.append(instruments[trip.instrument].name)
      out.append(byte: 0x2C)
      out.append(instruments[trip.instrument].symbol)
      out.append(trip.side == .long ? ",LONG," : ",SHORT,")
      out.append(time: trip.entryTime)
      out.append(byte: 0x2C)
      out.append(time: trip.exitTime)
      out.append(byte: 0x2C)
      out.append(trip.quantity)
      out.append(byte: 0x2C)
      out.append(trip.entryPrice)
      out.append(byte: 0x2C)
      out.append(trip.exitPrice)
      out.append(byte: 0x2C)
      out.append(trip.pnl)
      out.append(byte: 0x2C)
      out.append(trip.fees)
      out.append(byte: 0x2C)
      Self.appendSeconds(trip.duration, to: &out)
      out.append(byte: 0x0A)
    }
    return out.bytes
  }

  /// Appends nanoseconds as exact decimal seconds, trailing zeros trimmed: `86400`, `0.0015`.
  static func appendSeconds(_ nanos: Int64, to out: inout TextBuffer) {
    if nanos < 0 { out.append(byte: 0x2D) }
    let magnitude = nanos.magnitude
    out.append(Int64(magnitude / 1_000_000_000))
    var fraction = magnitude % 1_000_000_000
    guard fraction > 0 else { return }
    var digits = 9
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    var text = [UInt8](repeating: 0x30, count: digits)
    for k in stride(from: digits - 1, through: 0, by: -1) {
      text[k] = 0x30 + UInt8(fraction % 10)
      fraction /= 10
    }
    out.append(byte: 0x2E)
    out.bytes.append(contentsOf: text)
  }
}
