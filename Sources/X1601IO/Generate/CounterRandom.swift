/// A random stream derived from a seed and an index, so that a generator draws the same values
/// for an edge or a node whatever order, thread or pass it is generated in.
struct CounterRandom: RandomNumberGenerator {
  private var state: UInt64

  /// A stream for item `index` of stream family `stream` under `seed`.
  @inline(__always)
  init(seed: UInt64, stream: UInt64, index: UInt64) {
    state = Self.mix(
      seed ^ Self.mix(stream &+ 0x5851_F42D_4C95_7F2D) ^ (index &* 0x9E37_79B9_7F4A_7C15))
  }

  /// SplitMix64's output function.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next value of a SplitMix64 sequence.
  @inline(__always)
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform value in [0, 1).
  @inline(__always)
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform value in `0..<bound`, for `bound` > 0, by multiply-shift (bias below 2^-32 for
  /// bounds below 2^32).
  @inline(__always)
  mutating func below(_ bound: Int) -> Int {
    Int((UInt64(UInt32(truncatingIfNeeded: next() >> 32)) &* UInt64(bound)) >> 32)
  }

  /// True with probability `probability`.
  @inline(__always)
  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }
}
