/// Why a message is refused at the session level: a Reject (3) with SessionRejectReason (373),
/// RefTagID (371) and the text counterparties expect in Text (58), the wording of QuickFIX and of
/// the reason's name in the specification.
public struct FIXRejection: Error, Sendable, Equatable {
  public enum Reason: Int, Sendable {
    case invalidTagNumber = 0, requiredTagMissing = 1, tagNotDefinedForMessage = 2, undefinedTag = 3
    case tagWithoutValue = 4, valueIncorrect = 5, incorrectDataFormat = 6, decryptionProblem = 7
    case signatureProblem = 8, compIDProblem = 9, sendingTimeAccuracy = 10, invalidMsgType = 11
    case tagAppearsMoreThanOnce = 13, tagOutOfOrder = 14, groupFieldsOutOfOrder = 15
    case incorrectNumInGroup = 16, sohInValue = 17, other = 99

    public var text: String {
      switch self {
      case .invalidTagNumber: "Invalid tag number"
      case .requiredTagMissing: "Required tag missing"
      case .tagNotDefinedForMessage: "Tag not defined for this message type"
      case .undefinedTag: "Undefined Tag"
      case .tagWithoutValue: "Tag specified without a value"
      case .valueIncorrect: "Value is incorrect (out of range) for this tag"
      case .incorrectDataFormat: "Incorrect data format for value"
      case .decryptionProblem: "Decryption problem"
      case .signatureProblem: "Signature problem"
      case .compIDProblem: "CompID problem"
      case .sendingTimeAccuracy: "SendingTime accuracy problem"
      case .invalidMsgType: "Invalid MsgType"
      case .tagAppearsMoreThanOnce: "Tag appears more than once"
      case .tagOutOfOrder: "Tag specified out of required order"
      case .groupFieldsOutOfOrder: "Repeating group fields out of order"
      case .incorrectNumInGroup: "Incorrect NumInGroup count for repeating group"
      case .sohInValue: "Non Data value includes field delimiter (SOH character)"
      case .other: "Other"
      }
    }
  }

  public var reason: Reason
  /// The tag at fault (RefTagID), when there is one.
  public var refTag: Int?

  public init(_ reason: Reason, tag: Int? = nil) {
    self.reason = reason
    refTag = tag
  }

  public var text: String { reason.text }
}
