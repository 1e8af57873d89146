/// An open-addressing hash table from byte strings in one buffer to dense indices, so that
/// package names are looked up without creating a `String` per reference.
struct ByteNameTable {
  /// For each index, where its name starts in the buffer and how long it is.
  private(set) var starts: [Int] = []
  private(set) var lengths: [Int] = []
  private var slots: [Int32]
  private var mask: Int

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  var count: Int { starts.count }

  private static func hash(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int
  )
    -> Int
  {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in start..<(start + length) {
      value = (value ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
    }
    return Int(truncatingIfNeeded: value ^ (value >> 29))
  }

  private func equal(
    _ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ start: Int, _ length: Int
  ) -> Bool {
    guard lengths[index] == length else { return false }
    let other = starts[index]
    for offset in 0..<length where bytes[other + offset] != bytes[start + offset] {
      return false
    }
    return true
  }

  /// Returns the index of the name at `start..<start + length`, or `nil`.
  func find(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> Int? {
    var slot = ByteNameTable.hash(bytes, start, length) & mask
    while true {
      let index = slots[slot]
      if index < 0 { return nil }
      if equal(bytes, Int(index), start, length) { return Int(index) }
      slot = (slot + 1) & mask
    }
  }

  /// Returns the index of the name, adding it when absent; `inserted` is true when it was.
  mutating func insert(
    _ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int
  ) -> (
    index: Int, inserted: Bool
  ) {
    if (starts.count + 1) * 2 > slots.count { grow(bytes) }
    var slot = ByteNameTable.hash(bytes, start, length) & mask
    while true {
      let index = slots[slot]
      if index < 0 {
        slots[slot] = Int32(starts.count)
        starts.append(start)
        lengths.append(length)
        return (starts.count - 1, true)
      }
      if equal(bytes, Int(index), start, length) { return (Int(index), false) }
      slot = (slot + 1) & mask
    }
  }

  private mutating func grow(_ bytes: UnsafeBufferPointer<UInt8>) {
    let size = slots.count * 2
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    for index in starts.indices {
      var slot = ByteNameTable.hash(bytes, starts[index], lengths[index]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }
}
