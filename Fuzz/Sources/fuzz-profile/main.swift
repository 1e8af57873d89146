import FuzzSupport
import X1601Analysis

// Service profiles: any bytes must give a profile or a ProfileError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    let profile = try ServiceProfile.parse(bytes, file: "fuzz.json")
    _ = Assessment(profile: profile)
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
