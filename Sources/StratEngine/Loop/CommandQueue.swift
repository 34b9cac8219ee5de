import Synchronization

/// Commands from other threads to the hot thread: a bounded single-consumer ring. Producers
/// (the control thread, the signal watcher) take a mutex among themselves; the hot thread only
/// reads two atomics, so it never blocks on it. Full: `push` says no, and the caller reports it.
package final class CommandQueue: @unchecked Sendable {
  package enum Item: Sendable, Equatable {
    case command(EngineCommand)
    case stop
  }

  private static let capacity = 64
  private let slots = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
  private let producers = Mutex(())
  /// Items published, and items the hot thread has taken (both only grow).
  private let published = Atomic<Int>(0)
  private let taken = Atomic<Int>(0)

  package init() { slots.initialize(repeating: 0, count: Self.capacity) }
  deinit { slots.deallocate() }

  /// Enqueues an item; false when the queue is full. Any thread but the hot one.
  @discardableResult
  package func push(_ item: Item) -> Bool {
    producers.withLock { _ in
      let next = published.load(ordering: .relaxed)
      guard next - taken.load(ordering: .acquiring) < Self.capacity else { return false }
      slots[next % Self.capacity] = Self.byte(item)
      published.store(next + 1, ordering: .releasing)
      return true
    }
  }

  /// True when an item waits (the hot thread, to cut a paced wait short).
  @inline(__always)
  package var hasWaiting: Bool { taken.load(ordering: .relaxed) < published.load(ordering: .acquiring) }

  /// The next item, if any. Hot thread only.
  @inline(__always)
  package func pop() -> Item? {
    let next = taken.load(ordering: .relaxed)
    guard next < published.load(ordering: .acquiring) else { return nil }
    let byte = slots[next % Self.capacity]
    taken.store(next + 1, ordering: .releasing)
    return Self.item(byte)
  }

  static func byte(_ item: Item) -> UInt8 {
    switch item {
    case .stop: 0
    case .command(let c): c.rawValue
    }
  }

  static func item(_ byte: UInt8) -> Item {
    byte == 0 ? .stop : EngineCommand(rawValue: byte).map(Item.command) ?? .stop
  }
}
