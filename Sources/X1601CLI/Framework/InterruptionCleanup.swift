import Dispatch
import X1601Graph

#if canImport(Glibc)
  import Glibc
#endif

extension CommandLineTool {
  /// The signals after which the tool removes its unfinished output files: Ctrl-C, `kill` and a
  /// closed terminal.
  static let cleanupSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of unfinished writes before
  /// the process ends by the same signal, so an interrupted run leaves neither a partial output
  /// nor a hidden temporary file. SIGKILL cannot be caught, so it still leaves the temporary
  /// file, never a partial output.
  ///
  /// The executable calls this once at start-up. Tests that run commands in their own process
  /// do not call it, so the test runner keeps its own signal handling.
  public static func removeUnfinishedFilesOnInterruption() {
    for number in cleanupSignals {
      // A dispatch source receives the signal only while its default action is ignored.
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        AtomicFileWriter.removeUnfinishedTemporaryFiles()
        // End by the same signal, so the parent can tell how the run ended. Dispatch threads
        // and an inherited mask may block the signal, so unblock it here and raise it here.
        signal(number, SIG_DFL)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, number)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        raise(number)
        _exit(128 + number)
      }
      source.resume()
      InterruptionSources.keep(source)
    }
  }
}

/// Keeps the signal sources alive for the life of the process.
private enum InterruptionSources {
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  /// Called only from `removeUnfinishedFilesOnInterruption` on the main thread at start-up.
  static func keep(_ source: any DispatchSourceSignal) {
    sources.append(source)
  }
}
