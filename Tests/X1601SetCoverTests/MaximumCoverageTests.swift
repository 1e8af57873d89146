import Foundation
import Testing

@testable import X1601SetCover

@Suite("Budgeted maximum coverage")
struct MaximumCoverageTests {
  /// The best covered weight within `budget`, by enumerating all column subsets.
  static func bruteForce(_ instance: SetCoverInstance, budget: Double, weights: [Double]) -> Double
  {
    var best = 0.0
    for subset in 0..<(1 << instance.columnCount) {
      var columns: [UInt32] = []
      var cost = 0.0
      for j in 0..<instance.columnCount where subset & (1 << j) != 0 {
        columns.append(UInt32(j))
        cost += instance.costs[j]
      }
      guard cost <= budget else { continue }
      best = max(
        best, MaximumCoverage.coveredWeight(of: columns, instance: instance, weights: weights))
    }
    return best
  }

  @Test("greedy within guarantee and bound")
  func greedyAgainstBruteForce() throws {
    var random = SplitMix64(seed: 71)
    let guarantee = 1 - 1 / exp(0.5)
    for trial in 0..<300 {
      let instance = RandomInstances.make(&random, maximumRows: 12, maximumColumns: 12)
      let weights = (0..<instance.rowCount).map { _ in Double(1 + random.next(below: 5)) }
      let budget = Double(random.next(below: 40))
      let solution = try MaximumCoverage.solve(instance, budget: budget, rowWeights: weights)
      let optimum = Self.bruteForce(instance, budget: budget, weights: weights)

      #expect(solution.cost <= budget, "trial \(trial)")
      #expect(instance.cost(of: solution.columns) == solution.cost, "trial \(trial)")
      let weight = MaximumCoverage.coveredWeight(
        of: solution.columns, instance: instance, weights: weights)
      #expect(weight == solution.coveredWeight, "trial \(trial)")
      #expect(solution.coveredWeight <= optimum + 1e-9, "trial \(trial)")
      #expect(solution.coveredWeight >= guarantee * optimum - 1e-9, "trial \(trial)")
      #expect(solution.upperBound >= optimum - 1e-9, "trial \(trial)")
    }
  }

  @Test("negative budget rejected")
  func negativeBudget() throws {
    let instance = try SetCoverInstance(rowCount: 1, costs: [1], columns: [[0]])
    #expect(throws: SetCoverError.invalidBudget(-1)) {
      try MaximumCoverage.solve(instance, budget: -1)
    }
  }
}
