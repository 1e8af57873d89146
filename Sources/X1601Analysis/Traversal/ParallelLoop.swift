import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a loop over `0..<count` split into contiguous ranges on Dispatch's worker threads.
package enum ParallelLoop {
  /// The number of processors that may run workers, at least one.
  package static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// Calls `body` once for each of at most `workers` contiguous ranges covering `0..<count`, in
  /// parallel when `parallel` is true and there is more than one range, and returns when all
  /// calls have returned.
  package static func run(
    count: Int, parallel: Bool = true, workers: Int = processorCount,
    body: @Sendable (Range<Int>) -> Void
  ) {
    guard count > 0 else { return }
    let chunks = parallel ? max(1, min(workers, count)) : 1
    if chunks == 1 {
      body(0..<count)
      return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      body(bounds(of: chunk, in: count, chunks: chunks))
    }
  }

  /// The `chunk`-th of `chunks` near-equal contiguous ranges of `0..<count`.
  package static func bounds(of chunk: Int, in count: Int, chunks: Int) -> Range<Int> {
    let start = count * chunk / chunks
    let end = count * (chunk + 1) / chunks
    return start..<end
  }
}
