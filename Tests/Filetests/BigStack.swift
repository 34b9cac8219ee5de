import Foundation
import StratTestSupport

/// Runs work on a thread of its own with a large stack, waiting at most a given time.
///
/// ```
///   test thread ── start ──▶ worker (64 MiB stack) ── body() ──▶ box.value ── signal ──┐
///        └──────────── semaphore.wait(timeout) ◀──────────────────────────────────────┘
/// ```
/// Swift Testing runs tests on threads with small stacks, so a deep recursion that the
/// compiler would survive on a main thread could overflow there; the worker's stack removes
/// that difference. A worker that misses the deadline is abandoned, not killed (threads cannot
/// be cancelled): it ends with the test process.
enum BigStack {
  /// The worker's stack size.
  static let stackSize = 64 << 20

  /// Holds the worker's result; the lock orders the write before the read.
  private final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?

    var value: T? {
      get { lock.withLock { stored } }
      set { lock.withLock { stored = newValue } }
    }
  }

  /// The stack of a process's main thread (the usual `ulimit -s`), on which `stratc` compiles.
  static let mainThreadStackSize = 8 << 20

  /// Returns `body()` computed on a 64 MiB-stack thread (or one of `stackSize`), or nil when it did not finish within
  /// `timeout` seconds.
  static func run<T>(
    timeout: TimeInterval, stackSize: Int = stackSize, _ body: @escaping @Sendable () -> T
  ) -> T? {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = body()
      done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    guard done.wait(timeout: .now() + timeout) == .success else { return nil }
    return box.value
  }
}

/// Runs the built `stratc` executable (found next to the test bundle) on generated input, for
/// inputs that could crash or hang the test process if compiled in it. The child runs under a
/// 2 GiB address-space limit and is killed at its deadline, so neither a runaway loop nor a
/// runaway allocation outlives the test.
enum StratcProcess {
  struct Outcome {
    var status: Int32
    /// True when the process was ended by a signal (a crash), not an exit.
    var crashed: Bool
    /// The first 64 KiB of what it wrote to standard error.
    var errors: String
  }

  /// The `stratc` binary of this build, when it has been built.
  static let binary: URL? = {
    var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("stratc")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }()

  /// Runs `stratc check` on `text` written to a temporary file; nil when it had not finished
  /// after `timeout` seconds (it is then killed, so a hang costs no more than the timeout).
  static func check(_ text: String, timeout: TimeInterval = 300) throws -> Outcome? {
    guard let binary else { throw EventTableError(message: "stratc is not built") }
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("filetests-\(UUID().uuidString)")
    let source = base.appendingPathExtension("strat")
    let errors = base.appendingPathExtension("err")
    try Data(text.utf8).write(to: source)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: source)
      try? FileManager.default.removeItem(at: errors)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", "ulimit -v 2097152; exec \"$0\" check \"$1\"", binary.path, source.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      // SIGKILL: a child may inherit a mask that blocks SIGTERM, and must not outlive the test.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    let handle = try FileHandle(forReadingFrom: errors)
    defer { try? handle.close() }
    let head = (try handle.read(upToCount: 65_536)) ?? Data()
    return Outcome(
      status: process.terminationStatus,
      crashed: process.terminationReason == .uncaughtSignal,
      errors: String(decoding: head, as: UTF8.self)
    )
  }
}
