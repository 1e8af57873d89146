import Testing

@testable import X1601SetCover

@Suite("Set-cover reductions")
struct ReductionTests {
  @Test("reductions keep the optimum", arguments: [false, true])
  func reductionsKeepOptimum(unicost: Bool) throws {
    var random = SplitMix64(seed: unicost ? 101 : 103)
    var shrunk = 0
    for trial in 0..<300 {
      let instance = RandomInstances.make(&random, unicost: unicost)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      let reduction = try SetCoverReduction(instance)
      let reduced = reduction.instance
      if reduced.columnCount < instance.columnCount || reduced.rowCount < instance.rowCount {
        shrunk += 1
      }
      let reducedOptimum = try #require(RandomInstances.bruteForceOptimum(reduced))
      #expect(reducedOptimum + reduction.fixedCost == optimum, "trial \(trial)")
      #expect(instance.cost(of: reduction.fixedColumns) == reduction.fixedCost)
    }
    #expect(shrunk > 100)
  }

  @Test("forced and dominated columns")
  func forcedAndDominated() throws {
    // Row 0 has only column 0. Column 2 (cost 5) is dominated by column 1 (cost 3), which covers
    // the same rows and more.
    let instance = try SetCoverInstance(
      rowCount: 3, costs: [1, 3, 5, 4], columns: [[0], [1, 2], [1], [2]])
    let reduction = try SetCoverReduction(instance)
    #expect(reduction.fixedColumns.contains(0))
    #expect(!reduction.originalColumn.contains(2))
    let solution = try SetCoverSolver.solve(instance, options: SetCoverOptions(mode: .exact))
    #expect(solution.columns == [0, 1])
    #expect(solution.cost == 4)
  }
}
