import Foundation

/// Pins the calling thread to one CPU (`engine.cpu`: the hot thread), so the scheduler never
/// moves it and its caches stay warm.
package enum ThreadPinning {
  /// False when the kernel refuses (no such CPU, a cgroup without it).
  package static func pin(to cpu: Int) -> Bool {
    var set = cpu_set_t()
    guard cpu >= 0, cpu < MemoryLayout<cpu_set_t>.size * 8 else { return false }
    withUnsafeMutableBytes(of: &set) { $0[cpu / 8] |= UInt8(1 << (cpu % 8)) }
    // Glibc's module map hides the GNU call (_GNU_SOURCE): look it up by name.
    typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
    guard let symbol = dlsym(nil, "sched_setaffinity") else { return false }
    let setAffinity = unsafeBitCast(symbol, to: SetAffinity.self)
    return withUnsafeBytes(of: &set) { setAffinity(0, MemoryLayout<cpu_set_t>.size, $0.baseAddress!) } == 0
  }
}
