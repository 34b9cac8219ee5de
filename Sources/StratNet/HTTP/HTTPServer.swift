import Dispatch
import Foundation
import Synchronization

// The control server's threads. One accept thread admits at most `maxConnections` connections
// (the rest get 503 at once) and hands each to a fixed pool of that many workers; a worker
// serves one connection at a time, request after request (keep-alive), and calls serialised
// handlers (control routes) one at a time through `handlerLock`, so they need no locking of
// their own; `/metrics` skips the lock.
//
//   client ──TCP──▶ [accept thread] ──admitted fd──▶ pending (Mutex) ──wake──▶ [worker 1..N]
//                        │ N already admitted                                   │ read ≤ deadline
//                        ▼                                                      │ parse, auth
//                   503 + close                                                 ▼
//                                   (serialised) handlerLock ──▶ route.handler ──▶ write
//
// Why a pool rather than one connection at a time: a client that stalls (slowloris) would hold
// the only connection until its deadline, locking the operator out; N workers bound the threads
// and the memory (one request buffer each) while an operator still gets in.

/// A small HTTP/1.1 server for the engine's control and metrics endpoints.
public final class HTTPServer: Sendable {
  /// The address bound (the port the kernel picked for port 0).
  public let address: TCPAddress
  let limits: HTTPLimits
  let router: HTTPRouter
  private let listener: TCPListener
  private let state = Mutex(State())
  private let wake = DispatchSemaphore(value: 0)
  private let exited = DispatchSemaphore(value: 0)
  let stopping = Atomic<Bool>(false)
  private let handlerLock = Mutex(0)
  /// Counts the server keeps for metrics and tests.
  public let counters = HTTPServerCounters()

  private struct State {
    var admitted = 0
    var pending: [Int32] = []
    var started = false
  }

  /// Binds `address` (port 0: any free port) and listens; `start` begins serving.
  public init(
    address: TCPAddress,
    routes: [HTTPRoute],
    token: BearerToken?,
    limits: HTTPLimits = HTTPLimits()
  ) throws(StratNetError) {
    listener = try TCPListener(binding: address)
    self.address = listener.address
    self.limits = limits
    self.router = HTTPRouter(routes: routes, token: token)
  }

  /// Starts the accept thread and the workers; idempotent. The threads keep the server alive
  /// until `stop`.
  public func start() {
    guard
      state.withLock({ state in
        defer { state.started = true }; return !state.started
      })
    else { return }
    for index in 0..<max(1, limits.maxConnections) {
      spawn("http-worker-\(index)") { [self] in workerLoop() }
    }
    spawn("http-accept") { [self] in acceptLoop() }
  }

  /// Stops accepting, ends every connection within about 100 ms (a worker inside a handler
  /// finishes it first), joins the threads (waiting at most `timeoutSeconds`) and closes the
  /// listener. Never call it from a handler: it would wait for the handler's own thread.
  public func stop(timeoutSeconds: Double = 5) {
    guard !stopping.exchange(true, ordering: .sequentiallyConsistent) else { return }
    let threads = state.withLock { $0.started } ? max(1, limits.maxConnections) + 1 : 0
    for _ in 0..<threads { wake.signal() }
    let deadline = DispatchTime.now() + timeoutSeconds
    for _ in 0..<threads where exited.wait(timeout: deadline) == .timedOut { break }
    listener.close()
    for fd in state.withLock({ state in
      defer { state.pending = [] }; return state.pending
    }) { close(fd) }
  }

  private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread { [exited] in
      body()
      exited.signal()
    }
    thread.name = name
    thread.start()
  }

  private func acceptLoop() {
    while !stopping.load(ordering: .relaxed) {
      let fd: Int32
      do {
        guard let accepted = try listener.acceptDescriptor(timeoutMilliseconds: 100) else {
          continue
        }
        fd = accepted
      } catch {
        usleep(10_000)  // EMFILE and the like: back off rather than spin
        continue
      }
      let admitted = state.withLock { state in
        guard state.admitted < limits.maxConnections else { return false }
        state.admitted += 1
        state.pending.append(fd)
        return true
      }
      if admitted { wake.signal() } else { refuse(fd) }
    }
  }

  /// 503 without waiting: the accept thread never blocks on a client.
  private func refuse(_ fd: Int32) {
    counters.connectionsRefused.add()
    let connection = TCPConnection(descriptor: fd)
    var response = HTTPResponse.error(
      503,
      id: "net.http.busy",
      message: "too many connections (at most \(limits.maxConnections))"
    )
    response.headers.append(HTTPHeader("Retry-After", "1"))
    connection.writeWithoutWaiting(response.serialized(keepAlive: false))
    connection.shutdownWrite()
    // Drops what the client has sent so far, so that closing does not reset the connection
    // before the 503 is read (bytes still in flight can, rarely, do so anyway).
    connection.drainWithoutWaiting(upTo: 64 * 1024)
    connection.close()
  }

  private func workerLoop() {
    while true {
      wake.wait()
      if stopping.load(ordering: .relaxed) { return }
      guard let fd = state.withLock({ $0.pending.isEmpty ? nil : $0.pending.removeFirst() }) else {
        continue
      }
      let connection = TCPConnection(descriptor: fd)
      serve(connection)
      // Freed before the lingering close, so a client that saw its answer can connect again.
      state.withLock { $0.admitted -= 1 }
      closeGracefully(connection)
    }
  }

  /// Calls the route's handler: serialised ones one at a time.
  func call(_ route: HTTPRoute, _ request: HTTPRequest) -> HTTPResponse {
    guard route.isSerialized else { return route.handler(request) }
    return handlerLock.withLock { _ in route.handler(request) }
  }
}

/// What the server has done, readable from any thread; `register(in:)` exports it.
public final class HTTPServerCounters: Sendable {
  /// Requests that reached a handler.
  public let handled = Counter()
  /// Requests refused before a handler: malformed, over a cap, timed out (4xx/5xx).
  public let rejected = Counter()
  /// Requests to a token-protected route without the right token (401).
  public let unauthorized = Counter()
  /// Connections refused because `maxConnections` were being served (503).
  public let connectionsRefused = Counter()

  /// Registers `PREFIX_requests_total{outcome="handled|rejected|unauthorized"}` and
  /// `PREFIX_connections_refused_total` in `registry`.
  public func register(in registry: MetricsRegistry, prefix: String = "strat_control")
    throws(StratNetError)
  {
    let help = "Control requests by outcome (rejected: malformed, over a cap or timed out)."
    for (outcome, counter) in [
      ("handled", handled), ("rejected", rejected), ("unauthorized", unauthorized),
    ] {
      try registry.register(
        counter,
        as: "\(prefix)_requests_total",
        help: help,
        labels: ["outcome": outcome]
      )
    }
    try registry.register(
      connectionsRefused,
      as: "\(prefix)_connections_refused_total",
      help: "Control connections refused with 503 (too many at once)."
    )
  }
}
