// swift-tools-version:6.0
import PackageDescription

// The Clearance fuzz target: a nested package, so the library's own manifest stays free
// of fuzzing flags. Build and run from the repository root (see Tests/Fuzz/README.md):
//
//     swift build -c release --sanitize=fuzzer --package-path Tests/Fuzz
//     Tests/Fuzz/.build/release/clearance-fuzz -max_total_time=60 Tests/Fuzz/Corpus
let package = Package(
  name: "ClearanceFuzz",
  products: [
    .executable(name: "clearance-fuzz", targets: ["clearance-fuzz"])
  ],
  dependencies: [
    .package(name: "Clearance", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "clearance-fuzz",
      dependencies: [.product(name: "Clearance", package: "Clearance")],
      // libFuzzer supplies `main`; the target only exports `LLVMFuzzerTestOneInput`.
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
  ],
  swiftLanguageModes: [.v6]
)
