/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014).
///
/// The same seed yields the same sequence on every platform, so heuristic runs and randomised
/// tests are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The internal state, advanced by a fixed odd constant on every draw.
  public private(set) var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next 64 random bits.
  ///
  /// - Complexity: O(1).
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Returns a uniformly distributed value in `0..<bound`; `bound` must be positive.
  ///
  /// - Complexity: O(1) expected.
  public mutating func next(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    return Int(next(upperBound: UInt64(bound)))
  }

  /// Returns a uniformly distributed value in `0 ..< 1`.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }
}
