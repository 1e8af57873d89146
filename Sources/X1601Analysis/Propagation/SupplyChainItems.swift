/// The 26 threats and challenges of clauses 7 and 8 as bit positions of a `UInt32` item mask,
/// and the 14 capabilities of clause 9 as bit positions of a `UInt16` capability mask.
///
/// Bit 0 is clause 7.1.1 and bit 25 is clause 8.3.3, in the row order of Table I.1; capability
/// bit 0 is clause 9.1 and bit 13 is clause 9.14. The catalog's `ItemSet` and `CapabilitySet`
/// use the same numbering, so their raw values can be passed here unchanged.
public enum SupplyChainItems {
  /// The number of threats and challenges.
  public static let itemCount = 26

  /// The number of capabilities.
  public static let capabilityCount = 14

  /// The mask with every item set.
  public static let allItems: UInt32 = (1 << 26) - 1

  /// Clause numbers of the items, in bit order.
  public static let clauses: [String] = [
    "7.1.1", "7.1.2", "7.1.3", "7.2.1", "7.2.2",
    "8.1.1", "8.1.2", "8.1.3", "8.1.4", "8.1.5", "8.1.6", "8.1.7", "8.1.8",
    "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.5", "8.2.6", "8.2.7", "8.2.8", "8.2.9", "8.2.10",
    "8.3.1", "8.3.2", "8.3.3",
  ]

  /// Titles of the items in the 01/2014 edition, in bit order.
  public static let titles: [String] = [
    "Data loss and leakage", "Insecure service access", "Insider threats",
    "Unauthorized administration access", "Insider threats",
    "Ambiguity in responsibility", "Loss of trust", "Loss of governance", "Loss of privacy",
    "Service unavailability", "Cloud service provider lock-in",
    "Misappropriation of intellectual property", "Loss of software integrity",
    "Ambiguity in responsibility", "Shared environment",
    "Inconsistency and conflict of protection mechanisms", "Jurisdictional conflict",
    "Evolutionary risks", "Bad migration and integration", "Business discontinuity",
    "Cloud service partner lock-in", "Supply chain vulnerability", "Software dependencies",
    "Ambiguity in responsibility", "Misappropriation of intellectual property",
    "Loss of software integrity",
  ]

  /// Clause numbers of the capabilities, in bit order: "9.1" to "9.14".
  public static let capabilityClauses: [String] = (1...14).map { "9.\($0)" }

  /// The bit position of the item with clause number `clause`, or `nil`.
  public static func itemIndex(clause: String) -> Int? {
    clauses.firstIndex(of: clause)
  }

  /// The bit position of the capability with clause number `clause`, or `nil`.
  public static func capabilityIndex(clause: String) -> Int? {
    capabilityClauses.firstIndex(of: clause)
  }

  /// The clause numbers of the items in `mask`, in bit order.
  public static func clauses(in mask: UInt32) -> [String] {
    bitPositions(UInt64(mask)).map { clauses[$0] }
  }

  /// The clause numbers of the capabilities in `mask`, in bit order.
  public static func capabilityClauses(in mask: UInt16) -> [String] {
    bitPositions(UInt64(mask)).map { capabilityClauses[$0] }
  }

  /// The mask of the items whose clause numbers are `clauses`, or the first unknown clause.
  public static func mask(clauses: some Sequence<String>) -> Result<UInt32, UnknownClause> {
    var mask: UInt32 = 0
    for clause in clauses {
      guard let index = itemIndex(clause: clause) else { return .failure(UnknownClause(clause)) }
      mask |= 1 << UInt32(index)
    }
    return .success(mask)
  }

  /// The items that stand for "this upstream party, service or component is compromised or goes
  /// down" when a propagation names no items: data loss and leakage (7.1.1), service
  /// unavailability (8.1.5), business discontinuity (8.2.7) and supply chain vulnerability
  /// (8.2.9).
  public static let compromiseOrOutage: UInt32 =
    (1 << 0) | (1 << 9) | (1 << 19) | (1 << 21)
}

/// A clause number that names no threat, challenge or capability.
public struct UnknownClause: Error, Sendable, Equatable {
  public let clause: String

  public init(_ clause: String) {
    self.clause = clause
  }
}

/// The positions of the set bits of `word`, lowest first.
func bitPositions(_ word: UInt64) -> [Int] {
  var result: [Int] = []
  var rest = word
  while rest != 0 {
    result.append(rest.trailingZeroBitCount)
    rest &= rest - 1
  }
  return result
}

/// Which capabilities address which items, as one item mask per capability, such as the
/// Table I.1 mapping of Appendix I. A capability implemented at a node stops the items it
/// addresses at that node.
public struct CapabilityAddressing: Sendable, Equatable {
  /// For each capability bit position, the mask of the items it addresses.
  public private(set) var itemsByCapability: [UInt32]

  /// Creates the mapping from one item mask per capability; `itemsByCapability` must have 14
  /// elements.
  public init(itemsByCapability: [UInt32]) {
    precondition(
      itemsByCapability.count == SupplyChainItems.capabilityCount,
      "a capability mapping has one item mask per capability")
    self.itemsByCapability = itemsByCapability.map { $0 & SupplyChainItems.allItems }
  }

  /// The mapping in which no capability addresses any item.
  public static let none = CapabilityAddressing(
    itemsByCapability: [UInt32](repeating: 0, count: SupplyChainItems.capabilityCount))

  /// The items stopped at a node that implements the capabilities in `capabilities`.
  @inlinable
  public func stoppedItems(capabilities: UInt16) -> UInt32 {
    var mask: UInt32 = 0
    var rest = capabilities
    while rest != 0 {
      mask |= itemsByCapability[rest.trailingZeroBitCount]
      rest &= rest - 1
    }
    return mask
  }

  /// The capabilities that address item `item`, as a capability mask.
  public func capabilities(addressing item: Int) -> UInt16 {
    var mask: UInt16 = 0
    for (capability, items) in itemsByCapability.enumerated() where items & (1 << item) != 0 {
      mask |= 1 << UInt16(capability)
    }
    return mask
  }
}
