/// Output storage for the CSV reader: the six columns of a `BarSeries`, written in place through
/// pointers while the row loop runs, then handed over as arrays without a copy. The capacity is
/// an upper bound of the row count (line feeds + 1), so no row ever needs to grow an array.
struct BarColumns {
  let times: UnsafeMutablePointer<Int64>
  let open: UnsafeMutablePointer<Price>
  let high: UnsafeMutablePointer<Price>
  let low: UnsafeMutablePointer<Price>
  let close: UnsafeMutablePointer<Price>
  let volume: UnsafeMutablePointer<Double>
  /// The number of rows the columns can hold.
  let capacity: Int

  /// Runs `fill` over uninitialised columns of `capacity` rows; `fill` returns how many rows it
  /// wrote, and the columns come back as arrays of that length.
  static func build(capacity requested: Int, _ fill: (BarColumns) -> Int) -> BarSeries {
    let capacity = max(requested, 1)
    var rows = 0
    var open: [Price] = []
    var high: [Price] = []
    var low: [Price] = []
    var close: [Price] = []
    var volume: [Double] = []
    let times = column(Int64.self, capacity) { t in
      open = column(Price.self, capacity) { o in
        high = column(Price.self, capacity) { h in
          low = column(Price.self, capacity) { l in
            close = column(Price.self, capacity) { c in
              volume = column(Double.self, capacity) { v in
                let columns = BarColumns(
                  times: t,
                  open: o,
                  high: h,
                  low: l,
                  close: c,
                  volume: v,
                  capacity: capacity
                )
                rows = fill(columns)
                return rows
              }
              return rows
            }
            return rows
          }
          return rows
        }
        return rows
      }
      return rows
    }
    return BarSeries(
      symbol: "",
      times: times,
      open: open,
      high: high,
      low: low,
      close: close,
      volume: volume
    )
  }

  /// Creates an array with room for `capacity` elements; `body` initialises a prefix through
  /// the base address and returns its length.
  @inline(__always)
  private static func column<T>(
    _: T.Type,
    _ capacity: Int,
    _ body: (UnsafeMutablePointer<T>) -> Int
  ) -> [T] {
    [T](unsafeUninitializedCapacity: capacity) { buffer, count in
      count = body(buffer.baseAddress!)
    }
  }
}
