// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "interact-site",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "interact-site", targets: ["interact-site"]),
        .library(name: "SiteBuilder", targets: ["SiteBuilder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Each C library is imported by exactly one Swift wrapper target.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "QRCodes", dependencies: ["CQRencode"]),
        // Images (issue 16): libvips through non-variadic C wrappers (Sources/CVips/shim.h).
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(name: "Images", dependencies: ["CVips", "SiteCore"]),
        // `make bench-images`: the Images pipeline on a folder of sources, for bench/images/run.py.
        .executableTarget(name: "image-bench", dependencies: ["Images"]),
        .target(name: "Search", dependencies: ["CStemmer", "SiteCore"]),
        .target(
            name: "SiteCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "MarkdownRendering", dependencies: ["CCmarkGFM", "SiteCore"]),
        .target(
            name: "Templating",
            dependencies: [
                "SiteCore", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Writing the built site: staged beside the output folder, swapped in when complete.
        .target(name: "SiteOutput", dependencies: ["SiteCore"]),
        // The typed content model: source files, front matter, kinds and their fields, dates, stamps.
        .target(
            name: "ContentModel",
            dependencies: ["SiteCore", .product(name: "Yams", package: "Yams")]
        ),
        // The printed QR codes' ledger (`content/_qr.yaml`): codes never change once printed.
        .target(
            name: "ShortLinks",
            dependencies: ["SiteCore", "ContentModel", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SiteBuilder",
            dependencies: [
                "SiteCore", "ContentModel", "ShortLinks", "SiteOutput", "MarkdownRendering", "Templating", "Search",
                "QRCodes", "Images",
                .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `serve`: a live preview over SwiftNIO's HTTP/1.1 server, with an inotify file watcher.
        .target(
            name: "PreviewServer",
            dependencies: [
                "SiteBuilder", "SiteCore", "SiteOutput", "ShortLinks",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "interact-site",
            dependencies: [
                "SiteBuilder", "SiteCore", "ContentModel", "ShortLinks", "SiteOutput", "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzzing (`make fuzz`): built with -DFUZZING and -sanitize=fuzzer it is a libFuzzer target;
        // built plainly it replays the inputs it is given, one build each.
        .systemLibrary(name: "CFuzzerDriver"),
        .executableTarget(name: "interact-fuzz", dependencies: ["SiteBuilder", "SiteCore", "CFuzzerDriver"]),
        .testTarget(name: "SiteCoreTests", dependencies: ["SiteCore"]),
        .testTarget(name: "MarkdownRenderingTests", dependencies: ["MarkdownRendering", "SiteCore"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "SiteCore"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "SiteCore", "ContentModel", "ShortLinks", "SiteOutput", "QRCodes", "Images"]
        ),
        .testTarget(name: "CLITests", dependencies: ["interact-site"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "SiteCore"]),
        .testTarget(name: "QRCodesTests", dependencies: ["QRCodes"]),
        .testTarget(name: "ImagesTests", dependencies: ["Images"]),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer", "SiteBuilder", "SiteCore"]),
    ],
    swiftLanguageModes: [.v6]
)
