import StratFIX

/// The application of QuickFIX's acceptance server, so that anyone's runner of QuickFIX's
/// acceptance scripts can check our session layer: every NewOrderSingle (D) and
/// SecurityDefinition (d) comes back to its sender as it came (body fields in tag order, groups
/// kept whole, as QuickFIX writes a message), except a PossResend order whose ClOrdID this
/// session has already echoed.
public final class AcceptanceEcho: FIXApplication {
  public static let echoedTypes: Set<String> = ["D", "d"]
  private var echoedOrders: Set<String> = []

  public init() {}

  public func fixLoggedOn(_ session: FIXSession) { echoedOrders.removeAll() }

  public func fixReceived(_ message: FIXMessageView, on session: FIXSession, now: Int64) {
    let type = message.msgType
    guard Self.echoedTypes.contains(type) else { return }
    if type == "D", let id = message.string(11) {
      if message.value(97, is: "Y") && echoedOrders.contains(id) { return }
      echoedOrders.insert(id)
    }
    let blocks = Self.bodyBlocks(of: message, dictionary: session.dictionary)
    do {
      try session.sendApplication(type, now: now, possResend: message.value(97, is: "Y")) { encoder in
        for block in blocks {
          for field in block { encoder.append(field.tag, bytes: message.slice(field)) }
        }
      }
    } catch {
      // Not logged on any more: nothing to echo to.
    }
  }

  /// The body's fields as blocks: a field alone, or a group's count with its entries; sorted by
  /// the block's first tag.
  static func bodyBlocks(of message: FIXMessageView, dictionary: FIXDictionary) -> [[FIXField]] {
    let groups = dictionary.messages[message.msgType]?.body.groups ?? [:]
    var blocks: [[FIXField]] = []
    var index = 3
    let end = message.fields.count - 1
    while index < end {
      let field = message.fields[index]
      index += 1
      if dictionary.isHeader(field.tag) || dictionary.isTrailer(field.tag) { continue }
      var block = [field]
      if let group = groups[field.tag] {
        while index < end, group.entry.tags.contains(message.fields[index].tag) {
          block.append(message.fields[index])
          index += 1
        }
      }
      blocks.append(block)
    }
    return blocks.enumerated().sorted { ($0.element[0].tag, $0.offset) < ($1.element[0].tag, $1.offset) }.map(\.element)
  }
}
