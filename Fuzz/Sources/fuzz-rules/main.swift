import Foundation
import FuzzSupport
import X1601Analysis
import X1601IO

// Transfer rules files (JSON): any bytes must give rules or a ModelError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTransferRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let json = Data(bytes: data, count: size)
  do {
    _ = try TransferRules(jsonData: json, file: "rules.json")
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
