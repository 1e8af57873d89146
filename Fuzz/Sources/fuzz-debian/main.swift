import FuzzSupport
import X1601IO

// Debian Packages indexes: the first byte picks how alternatives become dependencies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDebian(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let all = DebianAlternatives.allCases
  let alternatives = all[Int(data[0]) % all.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  do {
    let result = try DebianPackagesImporter.parse(
      bytes, file: "Packages", alternatives: alternatives)
    let chain = try result.model.makeSupplyChain(file: "Packages")
    _ = chain.graph.edgeCount
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
