/// A journaled shadow action (`EngineRecordType.shadow`): events u64, strategy u16, action u8
/// (1 start, 2 promote, 3 discard), state u8 (0 fresh, 1 carried from the live version, 2 warmed
/// up), records u32 (the warm-up's, else 0), then for a start the version (as in `version`).
package struct ShadowRecord: Sendable, Equatable {
  package enum Action: UInt8, Sendable { case start = 1, promote = 2, discard = 3 }
  package var events: UInt64
  package var strategy: Int
  package var action: Action
  package var state: UInt8
  package var warmupRecords: UInt32
  package var blob: VersionBlob?

  package init(events: UInt64, strategy: Int, action: Action, state: UInt8 = 0, warmupRecords: UInt32 = 0, blob: VersionBlob? = nil) {
    self.events = events
    self.strategy = strategy
    self.action = action
    self.state = state
    self.warmupRecords = warmupRecords
    self.blob = blob
  }

  /// The payload (without the type byte).
  package var bytes: [UInt8] {
    var out: [UInt8] = []
    withUnsafeBytes(of: events.littleEndian) { out.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt16(strategy).littleEndian) { out.append(contentsOf: $0) }
    out += [action.rawValue, state]
    withUnsafeBytes(of: warmupRecords.littleEndian) { out.append(contentsOf: $0) }
    return out + (blob?.bytes ?? [])
  }

  init?(payload: [UInt8]) {
    guard payload.count >= 17, payload[0] == EngineRecordType.shadow.rawValue, let action = Action(rawValue: payload[11]) else { return nil }
    events = littleEndian(payload[1..<9])
    strategy = Int(payload[9]) | Int(payload[10]) << 8
    self.action = action
    state = payload[12]
    warmupRecords = UInt32(littleEndian(payload[13..<17]))
    if action == .start {
      guard let blob = VersionBlob(payload[17...]) else { return nil }
      self.blob = blob
    } else {
      guard payload.count == 17 else { return nil }
      blob = nil
    }
  }
}

/// A journaled unload (`EngineRecordType.unload`): events u64, strategy u16.
package struct UnloadRecord: Sendable, Equatable {
  package var events: UInt64
  package var strategy: Int

  package var bytes: [UInt8] {
    var out: [UInt8] = []
    withUnsafeBytes(of: events.littleEndian) { out.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt16(strategy).littleEndian) { out.append(contentsOf: $0) }
    return out
  }

  package init(events: UInt64, strategy: Int) {
    self.events = events
    self.strategy = strategy
  }

  init?(payload: [UInt8]) {
    guard payload.count == 11, payload[0] == EngineRecordType.unload.rawValue else { return nil }
    events = littleEndian(payload[1..<9])
    strategy = Int(payload[9]) | Int(payload[10]) << 8
  }
}

/// What changes the strategies between two events (hot-load, shadow, unload), in journal order:
/// a recovery applies them at the events they took effect.
package enum LifecycleRecord: Sendable, Equatable {
  case hotload(HotLoadRecord)
  case shadow(ShadowRecord)
  case unload(UnloadRecord)

  init?(payload: [UInt8]) {
    if let r = HotLoadRecord(payload: payload) {
      self = .hotload(r)
    } else if let r = ShadowRecord(payload: payload) {
      self = .shadow(r)
    } else if let r = UnloadRecord(payload: payload) {
      self = .unload(r)
    } else {
      return nil
    }
  }

  package var events: UInt64 {
    switch self {
    case .hotload(let r): r.events
    case .shadow(let r): r.events
    case .unload(let r): r.events
    }
  }
}
