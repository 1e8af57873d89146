import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The timings of one operation over several runs.
struct Measurement: Codable {
  var name: String
  /// Wall-clock seconds of each run.
  var seconds: [Double]
  /// Processor seconds (user and system, all threads) of each run. On a machine shared with
  /// other work, this is closer to what the run costs than the wall-clock time.
  var cpuSeconds: [Double] = []
  /// Extra figures, such as bytes per second or nodes reached.
  var figures: [String: Double] = [:]
  var note: String?

  var median: Double {
    let sorted = seconds.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
  var cpuMedian: Double {
    let sorted = cpuSeconds.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
  var minimum: Double { seconds.min() ?? .nan }
  var maximum: Double { seconds.max() ?? .nan }

  enum CodingKeys: String, CodingKey {
    case name, seconds, cpuSeconds, figures, note, median, minimum, maximum, cpuMedian
  }

  init(
    name: String, seconds: [Double], cpuSeconds: [Double] = [], figures: [String: Double] = [:],
    note: String? = nil
  ) {
    self.name = name
    self.seconds = seconds
    self.cpuSeconds = cpuSeconds
    self.figures = figures
    self.note = note
  }

  init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    seconds = try container.decode([Double].self, forKey: .seconds)
    cpuSeconds = try container.decodeIfPresent([Double].self, forKey: .cpuSeconds) ?? []
    figures = try container.decodeIfPresent([String: Double].self, forKey: .figures) ?? [:]
    note = try container.decodeIfPresent(String.self, forKey: .note)
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(seconds, forKey: .seconds)
    try container.encode(cpuSeconds, forKey: .cpuSeconds)
    if !cpuSeconds.isEmpty { try container.encode(cpuMedian, forKey: .cpuMedian) }
    try container.encode(figures, forKey: .figures)
    try container.encodeIfPresent(note, forKey: .note)
    try container.encode(median, forKey: .median)
    try container.encode(minimum, forKey: .minimum)
    try container.encode(maximum, forKey: .maximum)
  }
}

/// Wall-clock and processor seconds of a set of runs.
struct Timings {
  var wall: [Double] = []
  var cpu: [Double] = []

  static func + (left: Timings, right: Timings) -> Timings {
    Timings(wall: left.wall + right.wall, cpu: left.cpu + right.cpu)
  }
}

/// Runs and times operations.
enum Stopwatch {
  /// The user and system time of the whole process so far, in seconds.
  static func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
      + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
  }

  /// Times `body` once and returns its result.
  static func time<Result>(_ body: () throws -> Result) rethrows -> (Timings, Result) {
    let clock = ContinuousClock()
    let cpuStart = processorSeconds()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    let cpu = processorSeconds() - cpuStart
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return (Timings(wall: [seconds], cpu: [cpu]), result)
  }

  /// Times `body` `runs` times after one warm-up run.
  static func repeated(
    _ runs: Int, warmUp: Bool = true, _ body: () throws -> Void
  ) rethrows
    -> Timings
  {
    if warmUp { try body() }
    var timings = Timings()
    for _ in 0..<runs {
      timings = timings + (try time(body).0)
    }
    return timings
  }
}

extension Measurement {
  init(name: String, _ timings: Timings, figures: [String: Double] = [:]) {
    self.init(name: name, seconds: timings.wall, cpuSeconds: timings.cpu, figures: figures)
  }
}

/// The load averages over 1, 5 and 15 minutes, from /proc/loadavg.
func loadAverages() -> [Double] {
  guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
  return text.split(separator: " ").prefix(3).compactMap { Double($0) }
}

/// Memory figures of this process from /proc/self/status, in bytes.
enum ProcessMemory {
  /// The peak resident set size (VmHWM).
  static var peakResident: Int { field("VmHWM") }
  /// The current resident set size (VmRSS).
  static var resident: Int { field("VmRSS") }

  /// Resets the peak to the current resident size (Linux 4.0 and later), so that later peaks
  /// belong to later steps.
  static func resetPeak() {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return }
    fputs("5", file)
    fclose(file)
  }

  private static func field(_ name: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
      return (digits.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
  }
}

/// The machine a benchmark runs on.
struct MachineInfo: Codable {
  var processors: Int
  var cpuModel: String
  var memoryBytes: Int
  var kernel: String
  var date: String

  static func current() -> MachineInfo {
    var model = "unknown"
    if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
      let colon = line.firstIndex(of: ":")
    {
      model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var memory = 0
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
    {
      memory = (line.split(separator: " ").compactMap { Int($0) }.first ?? 0) * 1024
    }
    var name = utsname()
    uname(&name)
    let release = withUnsafeBytes(of: &name.release) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    let formatter = ISO8601DateFormatter()
    return MachineInfo(
      processors: ProcessInfo.processInfo.activeProcessorCount, cpuModel: model,
      memoryBytes: memory, kernel: release, date: formatter.string(from: Date()))
  }
}
