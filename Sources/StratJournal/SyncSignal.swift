#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pthread mutex and condition on the monotonic clock, for the two places threads sleep: the
/// syncer between groups, and callers of `waitDurable`. Never touched by `append`.
final class SyncSignal: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init() {
    pthread_mutex_init(mutex, nil)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    #if canImport(Glibc)
      pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    #endif
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  /// Wakes every thread in `wait`.
  func broadcast() {
    pthread_mutex_lock(mutex)
    pthread_cond_broadcast(condition)
    pthread_mutex_unlock(mutex)
  }

  /// Sleeps until `isDone()` is true or `deadline` (monotonic nanoseconds) passes; `isDone` is
  /// checked under the mutex, so a broadcast after it becomes true is never missed.
  /// Returns `isDone()` at the end.
  func wait(until deadline: UInt64, _ isDone: () -> Bool) -> Bool {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    var when = timespec(
      tv_sec: Int(deadline / 1_000_000_000),
      tv_nsec: Int(deadline % 1_000_000_000)
    )
    while !isDone() {
      if monotonicNanoseconds() >= deadline { return false }
      _ = pthread_cond_timedwait(condition, mutex, &when)
    }
    return true
  }
}

/// Nanoseconds on the monotonic clock (vDSO: no system call).
func monotonicNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Nanoseconds since 1970 on the wall clock.
func wallNanoseconds() -> Int64 {
  var now = timespec()
  clock_gettime(CLOCK_REALTIME, &now)
  return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}
