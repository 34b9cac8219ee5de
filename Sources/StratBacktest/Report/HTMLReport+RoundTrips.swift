import StratRuntime
import StratMarket

extension HTMLReport {
  /// The round-trip table shows at most this many rows (the rest are counted).
  static let roundTripRows = 100

  /// The first closed round trips, as in round_trips.csv, and how many more there are.
  static func roundTripSection(_ result: BacktestResult, _ trips: RoundTrips) -> String {
    var html = "<section id=\"round-trips\">\n<h2>Round trips</h2>\n<p class=\"caption\">"
    html += "\(trips.closed.count) closed (first in, first out), \(trips.openLots) lots still open"
    let omitted = max(0, trips.closed.count - roundTripRows)
    if omitted > 0 {
      html += "; the first \(roundTripRows) are shown, \(omitted) more are in round_trips.csv"
    }
    html +=
      ". P&amp;L is net of the fees; times in UTC to the millisecond (exact in the file).</p>\n<table id=\"round-trips-table\">\n<tr>"
    for name in [
      "instrument", "side", "entry", "exit", "quantity", "entry price", "exit price", "P&L", "fees",
      "held",
    ] {
      html += "<th>\(HTMLText.escaped(name))</th>"
    }
    html += "</tr>\n"
    for trip in trips.closed.prefix(roundTripRows) {
      let name =
        result.instruments.indices.contains(trip.instrument)
        ? result.instruments[trip.instrument].name : "?"
      let cells = [
        tableTime(trip.entryTime), tableTime(trip.exitTime), String(trip.quantity),
        trip.entryPrice.description, trip.exitPrice.description, trip.pnl.description,
        trip.fees.description, heldText(trip.duration),
      ]
      html += "<tr><td>\(HTMLText.escaped(name))</td><td>\(trip.side.rawValue)</td>"
      for cell in cells { html += "<td class=\"num\">\(HTMLText.escaped(cell))</td>" }
      html += "</tr>\n"
    }
    return html + "</table>\n</section>\n"
  }

  /// A duration as `3d 4h`, `2h 05m`, `3m 04s`, `12.345s`.
  static func heldText(_ nanos: Int64) -> String {
    let seconds = Double(nanos) / 1e9
    if seconds < 60 { return HTMLText.number(seconds, decimals: 3) + "s" }
    let whole = Int64(seconds)
    let two = { (n: Int64) in n < 10 ? "0\(n)" : "\(n)" }
    if whole < 3_600 { return "\(whole / 60)m \(two(whole % 60))s" }
    if whole < 86_400 { return "\(whole / 3_600)h \(two(whole % 3_600 / 60))m" }
    return "\(whole / 86_400)d \(whole % 86_400 / 3_600)h"
  }

  /// `2012-06-21 13:30:00.203`: the ISO time without the `T` and `Z`, cut to milliseconds.
  static func tableTime(_ nanos: Int64) -> String {
    var text = String(Timestamp.iso8601(nanos).dropLast().map { $0 == "T" ? " " : $0 })
    if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 4 {
      text = String(text[..<text.index(dot, offsetBy: 4)])
    }
    return text
  }
}
