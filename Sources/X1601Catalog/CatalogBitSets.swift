/// A set of capabilities, as bits 0..<14 in catalog order (bit 0 is clause 9.1).
public struct CapabilitySet: Sendable, Hashable, Codable {
  public var rawValue: UInt16

  public init(rawValue: UInt16) {
    self.rawValue = rawValue
  }

  public init<S: Sequence<Int>>(indices: S) {
    rawValue = 0
    for index in indices { insert(index) }
  }

  public static let empty = CapabilitySet(rawValue: 0)
  /// All fourteen capabilities of clause 9.
  public static let all = CapabilitySet(rawValue: (1 << Catalog.capabilityCount) - 1)

  public var count: Int { rawValue.nonzeroBitCount }
  public var isEmpty: Bool { rawValue == 0 }

  public func contains(_ index: Int) -> Bool { rawValue & (1 << UInt16(index)) != 0 }
  public mutating func insert(_ index: Int) { rawValue |= 1 << UInt16(index) }
  public mutating func remove(_ index: Int) { rawValue &= ~(1 << UInt16(index)) }

  /// The capability indices in ascending order.
  public var indices: [Int] { bitIndices(UInt64(rawValue)) }
}

/// A set of threats and challenges, as bits 0..<26 in the row order of Table I.1 (bit 0 is
/// clause 7.1.1, bit 25 is clause 8.3.3).
public struct ItemSet: Sendable, Hashable, Codable {
  public var rawValue: UInt32

  public init(rawValue: UInt32) {
    self.rawValue = rawValue
  }

  public init<S: Sequence<Int>>(indices: S) {
    rawValue = 0
    for index in indices { insert(index) }
  }

  public static let empty = ItemSet(rawValue: 0)
  /// All 26 threats and challenges of clauses 7 and 8.
  public static let all = ItemSet(rawValue: (1 << Catalog.itemCount) - 1)

  public var count: Int { rawValue.nonzeroBitCount }
  public var isEmpty: Bool { rawValue == 0 }

  public func contains(_ index: Int) -> Bool { rawValue & (1 << UInt32(index)) != 0 }
  public mutating func insert(_ index: Int) { rawValue |= 1 << UInt32(index) }
  public mutating func remove(_ index: Int) { rawValue &= ~(1 << UInt32(index)) }

  /// The item indices in ascending order.
  public var indices: [Int] { bitIndices(UInt64(rawValue)) }
}

/// The positions of the set bits of `word`, lowest first.
func bitIndices(_ word: UInt64) -> [Int] {
  var result: [Int] = []
  result.reserveCapacity(word.nonzeroBitCount)
  var rest = word
  while rest != 0 {
    result.append(rest.trailingZeroBitCount)
    rest &= rest - 1
  }
  return result
}
