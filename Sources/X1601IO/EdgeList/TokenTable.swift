import X1601Graph

/// Interns node-name tokens of an edge list: ids in order of first appearance, found through an
/// open-addressing hash table over the token bytes.
package struct TokenTable: EdgeListParser.Resolver {
  private(set) var bytes: [UInt8] = []
  private(set) var offsets: [UInt32] = [0]
  private var slots = [UInt32](repeating: 0, count: 1024)

  package static var readsDecimalIds: Bool { false }

  package init() {}

  /// Why the last token that `resolve` returned `nil` for is not a valid node name.
  package private(set) var rejection: String? = nil

  /// The number of distinct tokens.
  package var count: Int { offsets.count - 1 }

  /// The token with id `id`.
  package func name(of id: Int) -> String {
    String(decoding: bytes[Int(offsets[id])..<Int(offsets[id + 1])], as: UTF8.self)
  }

  package mutating func resolve(_ token: UnsafeRawBufferPointer) -> UInt32? {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: Self.hash(token)) & mask
    while slots[slot] != 0 {
      let id = Int(slots[slot] - 1)
      let start = Int(offsets[id])
      let end = Int(offsets[id + 1])
      if end - start == token.count && bytes[start..<end].elementsEqual(token) {
        return UInt32(id)
      }
      slot = (slot + 1) & mask
    }
    guard count < Graph.maximumNodeCount, bytes.count + token.count <= Int(UInt32.max) else {
      return nil
    }
    // A name reaches DOT, HTML and terminals, so it must be text without control characters.
    guard String(validating: token, as: UTF8.self) != nil else {
      rejection = "invalid UTF-8 in a node name: save the file as UTF-8 text"
      return nil
    }
    guard !token.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
      rejection = "control character in a node name: node names are printable text"
      return nil
    }
    let id = UInt32(count)
    bytes.append(contentsOf: token)
    offsets.append(UInt32(bytes.count))
    slots[slot] = id + 1
    if count * 2 > slots.count { grow() }
    return id
  }

  private mutating func grow() {
    var grown = [UInt32](repeating: 0, count: slots.count * 2)
    let mask = grown.count - 1
    bytes.withUnsafeBytes { all in
      for id in 0..<count {
        let token = UnsafeRawBufferPointer(
          rebasing: all[Int(offsets[id])..<Int(offsets[id + 1])])
        var slot = Int(truncatingIfNeeded: Self.hash(token)) & mask
        while grown[slot] != 0 { slot = (slot + 1) & mask }
        grown[slot] = UInt32(id) + 1
      }
    }
    slots = grown
  }

  /// FNV-1a over the token's bytes, folded.
  static func hash(_ token: UnsafeRawBufferPointer) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in token {
      value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return value ^ (value >> 29)
  }
}
