import X1601Analysis
import X1601Graph

/// The recursive matrix (R-MAT) generator of Chakrabarti, Zhan and Faloutsos (SDM 2004) with
/// the Graph500 parameters by default: each edge picks one quadrant of the adjacency matrix per
/// level, with probabilities a, b, c and d = 1 − a − b − c, over `scale` levels.
///
/// Edges are drawn independently from a seed and their index, so the output does not depend on
/// the number of threads. Node ids are scrambled by a seeded bijection, as Graph500 does, so
/// that high-degree nodes are spread over the id range. Every node is a component and every
/// edge `depends-on`; with `symmetric`, each edge is stored in both directions, as the GAP
/// Benchmark Suite's generator does for its undirected Kronecker graphs.
public struct RMATGenerator: Sendable {
  public var scale: Int
  public var edgeFactor: Int
  public var a: Double
  public var b: Double
  public var c: Double
  public var seed: UInt64
  public var symmetric: Bool

  /// Creates a generator of 2^`scale` nodes and `edgeFactor` × 2^`scale` edges (twice as many
  /// stored edges when `symmetric`, before repeated edges are removed).
  ///
  /// - Precondition: 1 ≤ `scale` ≤ 28, `edgeFactor` ≥ 1, and the probabilities are in [0, 1]
  ///   and sum to at most 1.
  public init(
    scale: Int, edgeFactor: Int = 16, a: Double = 0.57, b: Double = 0.19, c: Double = 0.19,
    seed: UInt64 = 1, symmetric: Bool = false
  ) {
    precondition((1...28).contains(scale), "scale \(scale) is outside 1...28")
    precondition(edgeFactor >= 1, "edge factor \(edgeFactor) is below 1")
    precondition(a >= 0 && b >= 0 && c >= 0 && a + b + c <= 1, "invalid R-MAT probabilities")
    self.scale = scale
    self.edgeFactor = edgeFactor
    self.a = a
    self.b = b
    self.c = c
    self.seed = seed
    self.symmetric = symmetric
  }

  public var nodeCount: Int { 1 << scale }

  /// The number of edges drawn, before mirroring and before repeated edges are removed.
  public var drawnEdgeCount: Int { edgeFactor << scale }

  /// The endpoints of drawn edge `index`.
  @inline(__always)
  func edge(_ index: Int, thresholds: (UInt64, UInt64, UInt64)) -> (UInt32, UInt32) {
    var random = CounterRandom(seed: seed, stream: 1, index: UInt64(index))
    var source: UInt32 = 0
    var target: UInt32 = 0
    var bits: UInt64 = 0
    for level in 0..<scale {
      // Four 16-bit draws per 64-bit value.
      if level & 3 == 0 { bits = random.next() }
      let draw = bits & 0xFFFF
      bits >>= 16
      let row: UInt32 = draw >= thresholds.1 ? 1 : 0
      let column: UInt32 =
        (draw >= thresholds.0 && draw < thresholds.1) || draw >= thresholds.2 ? 1 : 0
      source = source << 1 | row
      target = target << 1 | column
    }
    return (scramble(source), scramble(target))
  }

  /// Cumulative 16-bit thresholds of a, a + b and a + b + c.
  var thresholds: (UInt64, UInt64, UInt64) {
    func fixed(_ value: Double) -> UInt64 { UInt64((value * 65536).rounded()) }
    return (fixed(a), fixed(a + b), fixed(a + b + c))
  }

  /// A seeded bijection of `0..<2^scale`: odd multiplications and right xor-shifts modulo
  /// 2^scale, each invertible.
  @inline(__always)
  func scramble(_ value: UInt32) -> UInt32 {
    let mask = UInt64(nodeCount - 1)
    let key = CounterRandom.mix(seed ^ 0xA076_1D64_78BD_642F)
    var x = UInt64(value)
    x = (x &* (key | 1)) & mask
    x ^= x >> UInt64((scale + 1) / 2)
    x = (x &* ((key >> 32) | 1)) & mask
    x ^= x >> UInt64((scale + 2) / 3)
    return UInt32(x)
  }

  /// Calls `body` with every drawn edge in index order, mirrored ones right after their
  /// originals when `symmetric`.
  public func forEachEdge(_ body: (UInt32, UInt32) throws -> Void) rethrows {
    let thresholds = thresholds
    for index in 0..<drawnEdgeCount {
      let (source, target) = edge(index, thresholds: thresholds)
      try body(source, target)
      if symmetric { try body(target, source) }
    }
  }
}
