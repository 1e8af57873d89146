/// Node names, interned once: one byte buffer, one offset per node and an open-addressing hash
/// index from name to id. A numbered table stores nothing and names node `i` as prefix + `i`,
/// which suits generated graphs of many millions of nodes.
public struct NameTable: Sendable {
  enum Storage: Sendable {
    case interned(bytes: [UInt8], offsets: [UInt32], slots: [UInt32])
    case numbered(prefix: String, count: Int)
  }

  let storage: Storage

  /// A table that names node `i` as `prefix` followed by `i` in decimal.
  public static func numbered(prefix: String, count: Int) -> NameTable {
    NameTable(storage: .numbered(prefix: prefix, count: count))
  }

  /// The number of names.
  public var count: Int {
    switch storage {
    case .interned(_, let offsets, _): offsets.count - 1
    case .numbered(_, let count): count
    }
  }

  /// The bytes the table occupies.
  public var byteCount: Int {
    switch storage {
    case .interned(let bytes, let offsets, let slots):
      bytes.count + 4 * offsets.count + 4 * slots.count
    case .numbered(let prefix, _): prefix.utf8.count
    }
  }

  /// The name of node `id`.
  public func name(of id: NodeID) -> String {
    switch storage {
    case .interned(let bytes, let offsets, _):
      let start = Int(offsets[Int(id)])
      let end = Int(offsets[Int(id) + 1])
      return String(decoding: bytes[start..<end], as: UTF8.self)
    case .numbered(let prefix, _):
      return prefix + String(id)
    }
  }

  /// The id of the node called `name`, or `nil`.
  ///
  /// - Complexity: O(length of `name`) expected.
  public func id(of name: String) -> NodeID? {
    switch storage {
    case .interned(let bytes, let offsets, let slots):
      var name = name
      return name.withUTF8 { key in
        NameTable.lookup(key, bytes: bytes, offsets: offsets, slots: slots)
      }
    case .numbered(let prefix, let count):
      guard name.hasPrefix(prefix) else { return nil }
      let digits = name.utf8.dropFirst(prefix.utf8.count)
      guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
        digits.first != 48 || digits.count == 1,
        let value = Int(String(decoding: digits, as: UTF8.self)), value < count
      else { return nil }
      return NodeID(value)
    }
  }

  static func lookup(
    _ key: UnsafeBufferPointer<UInt8>, bytes: [UInt8], offsets: [UInt32], slots: [UInt32]
  ) -> NodeID? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash(key)) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      let id = Int(entry - 1)
      let start = Int(offsets[id])
      let end = Int(offsets[id + 1])
      if end - start == key.count && bytes[start..<end].elementsEqual(key) {
        return NodeID(id)
      }
      slot = (slot + 1) & mask
    }
  }

  /// FNV-1a over the bytes of a name.
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key {
      value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return value ^ (value >> 32)
  }
}

// MARK: - Building

extension NameTable {
  /// Interns names one at a time and finds the id of a name already added.
  struct Builder {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [UInt32] = [0]
    private var slots: [UInt32] = Array(repeating: 0, count: 16)
    private(set) var exceedsCapacity = false

    init(expectedCount: Int = 0) {
      if expectedCount > 0 {
        offsets.reserveCapacity(expectedCount + 1)
        bytes.reserveCapacity(expectedCount * 12)
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
      }
    }

    var count: Int { offsets.count - 1 }

    /// Returns the id of `name` when it was added before.
    func id(of name: String) -> NodeID? {
      var name = name
      return name.withUTF8 { key in
        NameTable.lookup(key, bytes: bytes, offsets: offsets, slots: slots)
      }
    }

    /// Adds `name` as the next id, or returns the id it already has and `false`.
    mutating func insert(_ name: String) -> (id: NodeID, inserted: Bool) {
      var name = name
      return name.withUTF8 { key in
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: NameTable.hash(key)) & mask
        while slots[slot] != 0 {
          let id = Int(slots[slot] - 1)
          let start = Int(offsets[id])
          let end = Int(offsets[id + 1])
          if end - start == key.count && bytes[start..<end].elementsEqual(key) {
            return (NodeID(id), false)
          }
          slot = (slot + 1) & mask
        }
        let id = NodeID(count)
        if bytes.count + key.count > Int(UInt32.max) {
          exceedsCapacity = true
        }
        bytes.append(contentsOf: key)
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        slots[slot] = id + 1
        if count * 2 > slots.count { grow() }
        return (id, true)
      }
    }

    private mutating func grow() {
      var grown = [UInt32](repeating: 0, count: slots.count * 2)
      let mask = grown.count - 1
      bytes.withUnsafeBufferPointer { all in
        for id in 0..<count {
          let start = Int(offsets[id])
          let end = Int(offsets[id + 1])
          let key = UnsafeBufferPointer(rebasing: all[start..<end])
          var slot = Int(truncatingIfNeeded: NameTable.hash(key)) & mask
          while grown[slot] != 0 { slot = (slot + 1) & mask }
          grown[slot] = NodeID(id) + 1
        }
      }
      slots = grown
    }

    func finish() -> NameTable {
      NameTable(storage: .interned(bytes: bytes, offsets: offsets, slots: slots))
    }
  }

  /// Builds an interned table from names already known to be distinct, as a graph file stores
  /// them. Returns `nil` when two names are equal.
  public static func interning<S: Sequence>(_ names: S) -> NameTable? where S.Element == String {
    var builder = Builder()
    for name in names {
      guard builder.insert(name).inserted else { return nil }
    }
    return builder.finish()
  }
}

// MARK: - Stored form

extension NameTable {
  /// How a table stores its names, for writers of graph files.
  package enum Layout: Sendable {
    /// Name `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    case interned(bytes: [UInt8], offsets: [UInt32])
    /// Name `i` is `prefix` followed by `i` in decimal.
    case numbered(prefix: String)
  }

  /// The stored form of the names.
  package var layout: Layout {
    switch storage {
    case .interned(let bytes, let offsets, _): .interned(bytes: bytes, offsets: offsets)
    case .numbered(let prefix, _): .numbered(prefix: prefix)
    }
  }

  /// Builds an interned table from the bytes and offsets that a graph file stores, building the
  /// hash index without making a `String` per name. Returns `nil` when the offsets are not
  /// non-decreasing within `bytes` or when two names are equal.
  ///
  /// - Complexity: O(*n* + total name bytes) expected.
  package static func interned(bytes: [UInt8], offsets: [UInt32]) -> NameTable? {
    guard let first = offsets.first, first == 0, Int(offsets[offsets.count - 1]) == bytes.count
    else { return nil }
    let count = offsets.count - 1
    var capacity = 16
    while capacity < count * 2 { capacity <<= 1 }
    var slots = [UInt32](repeating: 0, count: capacity)
    let mask = capacity - 1
    let unique = bytes.withUnsafeBufferPointer { all -> Bool in
      for id in 0..<count {
        let start = Int(offsets[id])
        let end = Int(offsets[id + 1])
        guard start <= end else { return false }
        let key = UnsafeBufferPointer(rebasing: all[start..<end])
        var slot = Int(truncatingIfNeeded: hash(key)) & mask
        while slots[slot] != 0 {
          let other = Int(slots[slot] - 1)
          let otherStart = Int(offsets[other])
          let otherEnd = Int(offsets[other + 1])
          if otherEnd - otherStart == key.count && all[otherStart..<otherEnd].elementsEqual(key) {
            return false
          }
          slot = (slot + 1) & mask
        }
        slots[slot] = NodeID(id) + 1
      }
      return true
    }
    guard unique else { return nil }
    return NameTable(storage: .interned(bytes: bytes, offsets: offsets, slots: slots))
  }
}
