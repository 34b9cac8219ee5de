import StratMarket

/// One resting order: a node of its price level's intrusive FIFO (`previous`/`next` are pool
/// slots, -1 for none).
struct RestingOrder {
  var id: UInt64
  var price: Int64
  var remaining: Int64
  var owner: UInt32
  var side: Side
  var previous: Int32
  var next: Int32
}

/// Every resting order of a book in one block allocated at init, with a free list threaded
/// through `next`: taking and returning a slot allocates nothing.
struct OrderPool {
  let capacity: Int
  private(set) var count = 0
  private let nodes: UnsafeMutablePointer<RestingOrder>
  private var freeHead: Int32

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    nodes = .allocate(capacity: self.capacity)
    for slot in 0..<self.capacity {
      let next = slot + 1 < self.capacity ? Int32(slot + 1) : -1
      (nodes + slot).initialize(
        to: RestingOrder(
          id: 0,
          price: 0,
          remaining: 0,
          owner: 0,
          side: .buy,
          previous: -1,
          next: next
        )
      )
    }
    freeHead = 0
  }

  func deallocate() { nodes.deallocate() }

  var isFull: Bool { freeHead < 0 }

  /// The node in `slot`, in place.
  @inline(__always)
  subscript(slot: Int32) -> UnsafeMutablePointer<RestingOrder> { nodes + Int(slot) }

  /// Takes a free slot for `order`; the caller checked `isFull`.
  mutating func take(_ order: RestingOrder) -> Int32 {
    let slot = freeHead
    freeHead = nodes[Int(slot)].next
    nodes[Int(slot)] = order
    count += 1
    return slot
  }

  /// Returns `slot` to the free list.
  mutating func free(_ slot: Int32) {
    nodes[Int(slot)].id = 0
    nodes[Int(slot)].next = freeHead
    freeHead = slot
    count -= 1
  }
}
