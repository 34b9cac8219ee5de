import Foundation
import Testing

@testable import StratJournal

/// `kill -9` at seeded random moments while a child process appends: every record `append`
/// returned before the kill is recovered, the journal is a gapless prefix 1…n with valid CRCs,
/// and appending continues after it.
///
///     parent (this test)                     child (this test binary again, filtered to this
///       posix_spawn /proc/self/exe ──────▶     test, STRATC_JOURNAL_CRASH_CHILD=folder)
///       read fd: "ready", then sequences  ◀──  fd 3: every 16th sequence append returned
///       sleep a seeded 0–25 ms, kill -9        appends records with the tests' payloads
///       recover, check, append one record
@Suite struct CrashTests {
  typealias S = JournalTestSupport
  static let childVariable = "STRATC_JOURNAL_CRASH_CHILD"
  static let options = JournalWriter.Options(segmentSize: 64 << 10, syncIntervalMicroseconds: 500)
  static let runs = 24
  static let seed: UInt64 = 0x2026_1202

  @Test func kill9AtRandomMomentsLosesNoAppendedRecord() throws {
    if let folder = ProcessInfo.processInfo.environment[Self.childVariable] {
      Self.runChild(folder)
    }
    let folder = S.makeFolder("crash")
    defer {
      S.remove(folder)
      unlink(folder + ".child-log")
    }
    var random = SplitMix(seed: Self.seed)
    var killedWhileAppending = 0
    for run in 1...Self.runs {
      let child = try CrashChild(folder: folder, variable: Self.childVariable)
      let reportedBeforeKill = child.waitReady(timeoutSeconds: 120)
      #expect(
        reportedBeforeKill != nil,
        "run \(run): the child never started appending: \(childLog(folder))"
      )
      if run == 1 {  // the child holds the writer lock: this process may not append
        do {
          _ = try JournalWriter(openingForAppend: folder, options: Self.options)
          Issue.record("a second process opened the journal for append")
        } catch { #expect(error.id == "journal.locked") }
      }
      usleep(UInt32(random.below(25_000)))
      let (reported, signal) = child.kill9()
      #expect(signal == SIGKILL, "run \(run): the child died of signal \(signal): \(childLog(folder))")
      let reader = try JournalReader(folder: folder)
      let n = try S.verify(reader)
      #expect(
        UInt64(n) >= reported,
        "run \(run) (seed \(Self.seed)): \(n) records, the child had appended \(reported)"
      )
      if !child.finished { killedWhileAppending += 1 }
      let writer = try JournalWriter(
        openingForAppend: folder,
        options: Self.options,
        recovered: reader
      )
      try S.append(writer, UInt64(n + 1)...UInt64(n + 1))
      writer.close()
    }
    #expect(killedWhileAppending >= Self.runs / 2, "most kills should land while the child appends")
    #expect(try S.verify(JournalReader(folder: folder)) > Self.runs)
  }

  func childLog(_ folder: String) -> String {
    String(decoding: S.bytes(folder + ".child-log").suffix(2_000), as: UTF8.self)
  }

  /// The child: append records 20,000 at most, reporting progress on fd 3, then wait for the kill.
  static func runChild(_ folder: String) -> Never {
    do {
      let writer = try JournalWriter(openingForAppend: folder, options: options)
      let first = writer.lastSequence + 1
      var sequence = first
      while sequence < first + 20_000 {
        try S.append(writer, sequence...sequence)
        if sequence % 16 == 0 || sequence == first { report(sequence) }
        sequence += 1
      }
      report(0)  // finished before the kill
    } catch {
      FileHandle.standardError.write(Data("crash child: \(error)\n".utf8))
      exit(2)
    }
    while true { pause() }
  }

  static func report(_ sequence: UInt64) {
    var value = sequence
    _ = withUnsafeBytes(of: &value) { write(3, $0.baseAddress!, 8) }
  }
}

/// One spawned child and the read end of its fd 3.
final class CrashChild {
  let pid: pid_t
  let pipe: Int32
  private var bytes: [UInt8] = []
  private(set) var finished = false
  private var reaped = false

  init(folder: String, variable: String) throws {
    var fds: [Int32] = [0, 0]
    // Close-on-exec: only the child's fd 3 (dup2 clears the flag) holds the write end.
    guard Glibc.pipe(&fds) == 0 else { throw JournalTestSupport.Mismatch(what: "pipe failed") }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 3)
    // The child's test-runner chatter goes to a file beside the journal, shown if it fails.
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions,
      2,
      folder + ".child-log",
      O_WRONLY | O_CREAT | O_APPEND,
      0o644
    )
    let arguments = [
      "/proc/self/exe", "--testing-library", "swift-testing", "--filter", "kill9AtRandomMoments",
    ]
    var environment = ProcessInfo.processInfo.environment
    environment[variable] = folder
    // A crashing child dies at once instead of waiting for the backtracer.
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid = pid_t()
    let code = posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, envp)
    close(fds[1])
    guard code == 0 else { throw JournalTestSupport.Mismatch(what: "posix_spawn failed: \(code)") }
    self.pid = pid
    pipe = fds[0]
  }

  deinit {
    if !reaped {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    close(pipe)
  }

  /// Waits until the child reports its first appended record; returns it, or nil on timeout.
  func waitReady(timeoutSeconds: Int) -> UInt64? {
    var poller = pollfd(fd: pipe, events: Int16(POLLIN), revents: 0)
    let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
    while bytes.count < 8, Date() < deadline {
      guard poll(&poller, 1, 100) > 0 else { continue }
      guard drain() else { return nil }
    }
    return bytes.count >= 8 ? highest() : nil
  }

  /// Kills the child with SIGKILL and reaps it; returns the highest sequence it reported and
  /// the signal that ended it (SIGKILL, unless it had crashed before).
  func kill9() -> (reported: UInt64, signal: Int32) {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    reaped = true
    // The write end died with the child, so this reaches end of file; the poll bounds it anyway.
    var poller = pollfd(fd: pipe, events: Int16(POLLIN), revents: 0)
    while poll(&poller, 1, 1_000) > 0, drain() {}
    return (highest(), status & 0x7F)
  }

  /// Reads what is in the pipe; false at end of file.
  private func drain() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = read(pipe, &buffer, buffer.count)
    guard n > 0 else { return false }
    bytes += buffer[..<n]
    return true
  }

  private func highest() -> UInt64 {
    var best: UInt64 = 0
    for i in stride(from: 0, to: bytes.count - 7, by: 8) {
      let value = bytes[i..<i + 8].enumerated().reduce(UInt64(0)) {
        $0 | UInt64($1.element) << (8 * $1.offset)
      }
      if value == 0 { finished = true } else { best = max(best, value) }
    }
    return best
  }
}
