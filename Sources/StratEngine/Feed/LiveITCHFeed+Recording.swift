import StratMarket

// What the live feed learns is kept for the journal (`pending`, drained by the engine before the
// next event it delivers), and a recovery hands the journal's items back in the same order:
//
//   journal ─▶ replay[] ─▶ next(): directory → symbols; change → stale/session/end; event → out
//                          (each item goes to `pending` again, so the engine's records compare)
//   once replay is used up ─▶ the MoldUDP64 feed, its sequencer resuming at resumePoint
extension LiveITCHFeed {
  /// Starts recording what the feed learns; with `recorded`, a recovery: its items come first,
  /// and the sequencer resumes after the last number they hold.
  func startRecording(resuming recorded: RecordedMarket?) {
    recording = true
    pending.reserveCapacity(64)
    guard let recorded else { return }
    replay = recorded.items
    feed.sequencer.resumePoint = recorded.resumePoint
  }

  /// True when directory entries or state changes wait to be journaled.
  var hasPending: Bool { !pending.isEmpty }

  /// Hands the waiting items to `body`, in order, and forgets them.
  func drainPending(_ body: (RecordedFeedItem) throws(EngineError) -> Void) throws(EngineError) {
    for item in pending { try body(item) }
    pending.removeAll(keepingCapacity: true)
  }

  /// A directory entry: the symbol of `locate`; a traded stock's entry is recorded once.
  func learn(locate: UInt32, symbol: String, sequence: UInt64) {
    symbols[locate] = symbol
    guard wanted.contains(symbol) else { return }
    keep.insert(locate)
    if recording, recordedDirectory[locate] != symbol {
      recordedDirectory[locate] = symbol
      pending.append(.directory(locate: locate, symbol: symbol, sequence: sequence))
    }
  }

  /// A change of the feed's state, taken into effect and recorded.
  func apply(_ change: FeedChange, session changed: MoldUDP64Session, next: UInt64) {
    switch change {
    case .session:
      session = changed
      if stale {
        stale = false
        onStale?(false)
      }
    case .stale:
      stale = true
      onStale?(true)
    case .ended:
      ended = true
    }
    if recording { pending.append(.change(change, session: changed, next: next)) }
  }

  /// The next recorded event, taking the directory entries and changes before it into effect;
  /// nil once the recorded items are used up.
  func nextReplayed() -> OrderEvent? {
    while replayed < replay.count {
      let item = replay[replayed]
      replayed += 1
      if case .event(let event, let sequence) = item {
        deliveredSequence = sequence
        return event
      }
      takeEffect(item)
    }
    (replay, replayed) = ([], 0)  // used up: the live feed from here on
    return nil
  }

  /// While binding: the recorded items before the first event (the directory a run starts with).
  func replayUntilEvent() {
    while replayed < replay.count {
      if case .event = replay[replayed] { return }
      takeEffect(replay[replayed])
      replayed += 1
    }
  }

  private func takeEffect(_ item: RecordedFeedItem) {
    switch item {
    case .event: break
    case .directory(let locate, let symbol, let sequence): learn(locate: locate, symbol: symbol, sequence: sequence)
    case .change(let change, let session, let next): apply(change, session: session, next: next)
    }
  }
}
