// libFuzzer's entry point: one input, split into up to three JSON documents.

import Clearance
import ClearanceJSON
import Foundation

/// What the JSON reader takes. Switching the reader's input type is this one line.
typealias DocumentBytes = [UInt8]

/// The byte that separates the documents of one input: policy, directory, cases. It
/// cannot occur in well-formed JSON (an unescaped control character), so every document
/// of a seed stays intact.
let documentSeparator: UInt8 = 0x1E

/// Runs one input through the reader, the compiler, a snapshot and every query.
///
/// Never returns anything but 0: a crash, a trap or a broken invariant (which traps) is
/// the only finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  var documents: [DocumentBytes] = []
  var start = 0
  for index in 0...bytes.count where index == bytes.count || bytes[index] == documentSeparator {
    documents.append(DocumentBytes(bytes[start..<index]))
    start = index + 1
    if documents.count == 3 { break }
  }
  Exercise(documents).run()
  return 0
}
