import X1601Graph

/// The way an item moves from an upstream node to a downstream one.
public enum TransferChannel: Int, CaseIterable, Sendable, Hashable {
  /// From a dependency to its dependent, against a `dependsOn` edge.
  case dependency = 0
  /// From a supplying party to the service or component it supplies, against a `suppliedBy`
  /// edge.
  case supply = 1
  /// From a provider party to the service it provides, along a `provides` edge.
  case provision = 2

  /// The edge kind whose edges this channel follows.
  public var edgeKind: EdgeKind {
    switch self {
    case .dependency: .dependsOn
    case .supply: .suppliedBy
    case .provision: .provides
    }
  }

  /// The channel that follows edges of `kind`, or `nil` when items do not travel along them.
  public init?(edgeKind kind: EdgeKind) {
    switch kind {
    case .dependsOn: self = .dependency
    case .suppliedBy: self = .supply
    case .provides: self = .provision
    default: return nil
    }
  }
}

/// One rule: what an item at an upstream node becomes at a downstream node reached through one
/// channel.
public struct TransferRule: Sendable, Equatable {
  public var channel: TransferChannel
  /// Bit position of the upstream item.
  public var upstream: Int
  /// Mask of the downstream items; zero means the item stops.
  public var downstream: UInt32
  /// The clause text that the rule rests on.
  public var rationale: String

  public init(channel: TransferChannel, upstream: Int, downstream: UInt32, rationale: String) {
    self.channel = channel
    self.upstream = upstream
    self.downstream = downstream
    self.rationale = rationale
  }
}

/// The transfer rules of every channel, with lookup tables for the propagation's hot loop.
///
/// An item with no rule for a channel does not travel through that channel. When several items
/// arrive together, the downstream node receives the union of what each becomes.
public struct TransferRules: Sendable, Equatable {
  /// The rules, in the order given.
  public let rules: [TransferRule]

  /// For each channel and upstream item: `table[channel * 26 + item]` is the downstream mask.
  public let table: [UInt32]

  /// For each channel and byte position of an item mask: `bytes[(channel * 4 + byte) * 256 +
  /// value]` is the union of the downstream masks of the items whose bits are set in `value`.
  let bytes: [UInt32]

  /// Creates the tables; rules for the same channel and upstream item are merged.
  public init(rules: [TransferRule]) {
    self.rules = rules
    var table = [UInt32](repeating: 0, count: TransferChannel.allCases.count * 26)
    for rule in rules where (0..<26).contains(rule.upstream) {
      table[rule.channel.rawValue * 26 + rule.upstream] |=
        rule.downstream & SupplyChainItems.allItems
    }
    var bytes = [UInt32](repeating: 0, count: TransferChannel.allCases.count * 4 * 256)
    for channel in 0..<TransferChannel.allCases.count {
      for byte in 0..<4 {
        for value in 0..<256 {
          var mask: UInt32 = 0
          for bit in 0..<8 where value & (1 << bit) != 0 {
            let item = byte * 8 + bit
            if item < 26 { mask |= table[channel * 26 + item] }
          }
          bytes[(channel * 4 + byte) * 256 + value] = mask
        }
      }
    }
    self.table = table
    self.bytes = bytes
  }

  /// What the items of `mask` become downstream through `channel`.
  ///
  /// - Complexity: O(1): four table lookups.
  public func transfer(_ mask: UInt32, through channel: TransferChannel) -> UInt32 {
    transfer(mask, channelIndex: channel.rawValue)
  }

  func transfer(_ mask: UInt32, channelIndex: Int) -> UInt32 {
    bytes.withUnsafeBufferPointer { table in
      let base = channelIndex * 1024
      return table[base + Int(mask & 0xff)] | table[base + 256 + Int((mask >> 8) & 0xff)]
        | table[base + 512 + Int((mask >> 16) & 0xff)] | table[base + 768 + Int(mask >> 24)]
    }
  }
}
