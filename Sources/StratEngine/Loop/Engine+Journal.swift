import Foundation
import StratMarket
import StratRuntime

extension Engine {
  /// Journals and counts the rows the strategy's order log gained since the last call (order
  /// life events, denials, fills): a request's row before the gateway sees it (the write-ahead),
  /// the rest before the hot thread goes on to the next event. Marks `s.requested` when one of
  /// them is a request handed to the gateway (a new order, a cancel, a replace).
  @inline(__always)
  func journalNewRows(_ s: HostedStrategy) throws(EngineError) {
    let log = s.audit.log
    while s.journaledRows < log.entries.count {
      let entry = log.entries[s.journaledRows]
      metrics.count(entry)
      if entry.event == .submitted || entry.event == .cancelRequested || entry.event == .replaceRequested { s.requested = true }
      if let journal {
        scratch.storeBytes(of: UInt16(s.index).littleEndian, toByteOffset: 0, as: UInt16.self)
        OrderRowWire.encode(entry, into: scratch.baseAddress! + 2)
        try journal.record(.order, UnsafeRawBufferPointer(rebasing: scratch[0..<(2 + OrderRowWire.size)]))
      }
      s.journaledRows += 1
    }
  }

  /// A checkpoint: the events delivered, and each strategy's cash and fill count (a recovery
  /// that arrives elsewhere is refused by the comparison).
  func checkpoint() throws(EngineError) {
    guard let journal else { return }
    scratch.storeBytes(of: delivered.littleEndian, toByteOffset: 0, as: UInt64.self)
    var at = 8
    for s in strategies where at + 16 <= scratch.count {
      let ledger = s.runner.session.ledger
      scratch.storeBytes(of: ledger.cash.raw.littleEndian, toByteOffset: at, as: Int64.self)
      scratch.storeBytes(of: UInt64(ledger.fills.count).littleEndian, toByteOffset: at + 8, as: UInt64.self)
      at += 16
    }
    try journal.record(.checkpoint, UnsafeRawBufferPointer(rebasing: scratch[0..<at]))
  }

  /// A record of `events` and an optional byte (a command).
  func record(_ type: EngineRecordType, events: UInt64, byte: UInt8?) throws(EngineError) {
    guard let journal else { return }
    scratch.storeBytes(of: events.littleEndian, toByteOffset: 0, as: UInt64.self)
    var count = 8
    if let byte {
      scratch[8] = byte
      count = 9
    }
    try journal.record(type, UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
  }

  /// Applies the commands due now: while recovering, those the journal holds for this event;
  /// otherwise those queued by other threads. True when a stop was asked for.
  func applyCommands() throws(EngineError) -> Bool {
    if let journal, journal.recovering {
      for (events, command) in journal.journaledCommands where events == delivered { try apply(command) }
      return false
    }
    while let item = commands.pop() {
      switch item {
      case .stop:
        try apply(.stop)
        return true
      case .command(let command): try apply(command)
      }
    }
    return false
  }

  /// Takes an operator command into effect and journals it.
  func apply(_ command: EngineCommand) throws(EngineError) {
    try record(.command, events: delivered, byte: command.rawValue)
    switch command {
    case .kill:
      killed = true
      metrics.killSwitch.set(Int64(1))
      for s in strategies { s.runner.session.router.guards.killed = true }
      try cancelAll()
      let why = risk.takeReason()
      log.warning("engine.kill", ["events": .int(Int(delivered)), "reason": why.reason, "detail": why.detail])
    case .resume:
      killed = false
      metrics.killSwitch.set(Int64(0))
      for s in strategies { s.runner.session.router.guards.killed = false }
      log.info("engine.resume", ["events": .int(Int(delivered))])
    case .stop:
      // Asked before the cancels: their journal records (written ahead) may be the last replayed.
      let replayed = journal?.recovering ?? false
      if setup.cancelOnExit { try cancelAll() }
      log.info(replayed ? "engine.replayed-stop" : "engine.stopping", ["events": .int(Int(delivered))])
    }
    for s in strategies { try journalNewRows(s) }
  }

  /// Cancels every open order of every strategy.
  func cancelAll() throws(EngineError) {
    for s in strategies {
      let time = max(s.runner.replay.observationTime, s.runner.replay.lastEventTime)
      s.runner.session.cancelAll(at: time, writeAhead: JournalWriteAhead(engine: self, host: s))
      try throwWriteAheadFailure()
    }
  }
}
