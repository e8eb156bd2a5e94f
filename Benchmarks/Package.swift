// swift-tools-version:6.0
import PackageDescription

// The Clearance benchmarks: a nested package, so the library's own manifest stays free of
// executables and their flags. Run from the repository root:
//
//     swift run -c release --package-path Benchmarks clearance-bench
let package = Package(
  name: "ClearanceBenchmarks",
  products: [
    .executable(name: "clearance-bench", targets: ["clearance-bench"])
  ],
  dependencies: [
    .package(name: "Clearance", path: "..")
  ],
  targets: [
    // glibc's heap statistics (`mallinfo2`) and a malloc-family call counter.
    .target(name: "CMallocInfo"),
    .executableTarget(
      name: "clearance-bench",
      dependencies: [
        "CMallocInfo",
        .product(name: "Clearance", package: "Clearance"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
