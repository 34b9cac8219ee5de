import StratMarket

/// What the venue remembers of each client order, for its ExecutionReports: the client's ids,
/// what was asked, what has traded. Keyed by the matching engine's current id (which changes
/// when a replace loses priority) and by (session, ClOrdID), every ClOrdID an order ever had.
struct VenueOrder {
  var orderID: String
  /// The matching engine's id for the order as it rests now.
  var engineID: UInt64
  var clOrdID: String
  var originalClOrdID: String?
  var session: String
  var symbol: String
  var locate: UInt16
  var side: Side
  var kind: OrderKind
  var timeInForce: TimeInForce
  var price: Price
  var orderQuantity: Int64
  var cumulative: Int64 = 0
  /// Σ price.raw × shares of the fills, for AvgPx.
  var notional: Double = 0
  var leaves: Int64
  var status: Character = "A"  // FIX OrdStatus: A pending new, 0 new, 1 partial, 2 filled, 4 cancelled, 8 rejected

  var isOpen: Bool { status == "A" || status == "0" || status == "1" }
  var averagePrice: Double { cumulative > 0 ? notional / Double(cumulative) / 1e8 : 0 }
}

final class VenueOrders {
  private(set) var orders: [VenueOrder] = []
  private var byEngineID: [UInt64: Int] = [:]
  private var byClient: [String: [String: Int]] = [:]

  func add(_ order: VenueOrder, engineID: UInt64) -> Int {
    orders.append(order)
    let index = orders.count - 1
    byEngineID[engineID] = index
    byClient[order.session, default: [:]][order.clOrdID] = index
    return index
  }

  func index(engineID: UInt64) -> Int? { byEngineID[engineID] }
  func index(session: String, clOrdID: String) -> Int? { byClient[session]?[clOrdID] }
  func hasClOrdID(_ id: String, session: String) -> Bool { byClient[session]?[id] != nil }

  func rename(_ index: Int, clOrdID: String) {
    byClient[orders[index].session, default: [:]][clOrdID] = index
  }

  func move(_ index: Int, toEngineID id: UInt64) { byEngineID[id] = index }

  subscript(index: Int) -> VenueOrder {
    get { orders[index] }
    set { orders[index] = newValue }
  }

  func open(session: String) -> [Int] {
    orders.indices.filter { orders[$0].session == session && orders[$0].isOpen }
  }
}
