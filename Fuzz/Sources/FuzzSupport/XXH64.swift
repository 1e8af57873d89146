/// XXH64 (Yann Collet's 64-bit xxHash), used to give fuzzed binary graphs valid checksums so
/// that the reader's structural checks are reached.
public enum XXH64 {
  static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
  static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

  static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
    let mixed = accumulator &+ input &* prime2
    return ((mixed << 31) | (mixed >> 33)) &* prime1
  }

  static func merge(_ hash: UInt64, _ value: UInt64) -> UInt64 {
    (hash ^ round(0, value)) &* prime1 &+ prime4
  }

  static func word<C: RandomAccessCollection>(_ bytes: C, _ start: C.Index, _ count: Int) -> UInt64
  where C.Element == UInt8 {
    var value: UInt64 = 0
    var index = start
    for shift in 0..<count {
      value |= UInt64(bytes[index]) << (8 * UInt64(shift))
      index = bytes.index(after: index)
    }
    return value
  }

  /// The digest of `bytes` with seed 0.
  public static func hash(_ bytes: [UInt8]) -> UInt64 {
    let count = bytes.count
    var position = 0
    var hash: UInt64
    if count >= 32 {
      var lanes: [UInt64] = [prime1 &+ prime2, prime2, 0, 0 &- prime1]
      while position + 32 <= count {
        for lane in 0..<4 {
          lanes[lane] = round(lanes[lane], word(bytes, position + 8 * lane, 8))
        }
        position += 32
      }
      hash =
        ((lanes[0] << 1) | (lanes[0] >> 63)) &+ ((lanes[1] << 7) | (lanes[1] >> 57))
        &+ ((lanes[2] << 12) | (lanes[2] >> 52)) &+ ((lanes[3] << 18) | (lanes[3] >> 46))
      for lane in lanes { hash = merge(hash, lane) }
    } else {
      hash = prime5
    }
    hash = hash &+ UInt64(count)
    while position + 8 <= count {
      hash ^= round(0, word(bytes, position, 8))
      hash = ((hash << 27) | (hash >> 37)) &* prime1 &+ prime4
      position += 8
    }
    if position + 4 <= count {
      hash ^= word(bytes, position, 4) &* prime1
      hash = ((hash << 23) | (hash >> 41)) &* prime2 &+ prime3
      position += 4
    }
    while position < count {
      hash ^= UInt64(bytes[position]) &* prime5
      hash = ((hash << 11) | (hash >> 53)) &* prime1
      position += 1
    }
    hash ^= hash >> 33
    hash = hash &* prime2
    hash ^= hash >> 29
    hash = hash &* prime3
    hash ^= hash >> 32
    return hash
  }
}
