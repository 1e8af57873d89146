/// A fixed-size set of small integers stored as words of `UInt64`.
public struct BitSet: Sendable, Hashable {
  /// The words; bit `i % 64` of word `i / 64` holds member `i`.
  public var words: [UInt64]
  /// The number of possible members, `0..<capacity`.
  public let capacity: Int

  /// Creates an empty set for members `0..<capacity`.
  public init(capacity: Int) {
    self.capacity = capacity
    words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
  }

  /// Whether `member` is in the set.
  @inlinable
  public func contains(_ member: Int) -> Bool {
    words[member >> 6] & (1 << UInt64(member & 63)) != 0
  }

  /// Adds `member` and returns whether it was absent.
  @inlinable
  @discardableResult
  public mutating func insert(_ member: Int) -> Bool {
    let bit: UInt64 = 1 << UInt64(member & 63)
    let old = words[member >> 6]
    words[member >> 6] = old | bit
    return old & bit == 0
  }

  /// Removes `member`.
  @inlinable
  public mutating func remove(_ member: Int) {
    words[member >> 6] &= ~(1 << UInt64(member & 63))
  }

  /// Removes every member.
  public mutating func removeAll() {
    for index in words.indices { words[index] = 0 }
  }

  /// The number of members.
  public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// The members in increasing order.
  public var members: [Int] {
    var result: [Int] = []
    for (index, word) in words.enumerated() {
      var rest = word
      while rest != 0 {
        result.append(index * 64 + rest.trailingZeroBitCount)
        rest &= rest - 1
      }
    }
    return result
  }
}
