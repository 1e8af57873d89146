/// The 64-bit xxHash of Yann Collet (XXH64, as specified in the xxHash repository's
/// `doc/xxhash_spec.md`), used as the checksum of binary graph files.
///
package enum XXHash64 {
  static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
  static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

  /// Digests `bytes` with `seed`.
  ///
  /// - Complexity: O(*k*) for *k* bytes.
  package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    var state = Lanes(seed: seed)
    let stripes = bytes.count / 32
    if stripes > 0 {
      state.consume(stripes: bytes.baseAddress!, count: stripes)
    }
    let tail = UnsafeRawBufferPointer(rebasing: bytes[(stripes * 32)...])
    return state.finish(tail: tail, totalLength: UInt64(bytes.count), seed: seed)
  }

  /// Digests `bytes` with `seed`.
  package static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
    bytes.withUnsafeBytes { hash($0, seed: seed) }
  }

  @inline(__always)
  static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
    rotate(accumulator &+ input &* prime2, 31) &* prime1
  }

  @inline(__always)
  static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }

  /// The four accumulators of the stripe loop.
  struct Lanes {
    var lane1: UInt64
    var lane2: UInt64
    var lane3: UInt64
    var lane4: UInt64
    var consumedStripes = false

    init(seed: UInt64) {
      lane1 = seed &+ prime1 &+ prime2
      lane2 = seed &+ prime2
      lane3 = seed
      lane4 = seed &- prime1
    }

    @inline(__always)
    mutating func consume(stripes base: UnsafeRawPointer, count: Int) {
      consumedStripes = true
      var a = lane1
      var b = lane2
      var c = lane3
      var d = lane4
      var pointer = base
      for _ in 0..<count {
        a = round(a, UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
        b = round(
          b, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        c = round(
          c, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        d = round(
          d, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        pointer += 32
      }
      lane1 = a
      lane2 = b
      lane3 = c
      lane4 = d
    }

    func finish(tail: UnsafeRawBufferPointer, totalLength: UInt64, seed: UInt64) -> UInt64 {
      var hash: UInt64
      if consumedStripes {
        hash = rotate(lane1, 1) &+ rotate(lane2, 7) &+ rotate(lane3, 12) &+ rotate(lane4, 18)
        for lane in [lane1, lane2, lane3, lane4] {
          hash = (hash ^ round(0, lane)) &* prime1 &+ prime4
        }
      } else {
        hash = seed &+ prime5
      }
      hash &+= totalLength

      var index = 0
      while index + 8 <= tail.count {
        let lane = UInt64(littleEndian: tail.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        hash ^= round(0, lane)
        hash = rotate(hash, 27) &* prime1 &+ prime4
        index += 8
      }
      if index + 4 <= tail.count {
        let word = UInt32(littleEndian: tail.loadUnaligned(fromByteOffset: index, as: UInt32.self))
        hash ^= UInt64(word) &* prime1
        hash = rotate(hash, 23) &* prime2 &+ prime3
        index += 4
      }
      while index < tail.count {
        hash ^= UInt64(tail[index]) &* prime5
        hash = rotate(hash, 11) &* prime1
        index += 1
      }

      hash ^= hash >> 33
      hash &*= prime2
      hash ^= hash >> 29
      hash &*= prime3
      hash ^= hash >> 32
      return hash
    }
  }
}
