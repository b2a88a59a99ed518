import Foundation
import Images

// image-bench: the Images pipeline over a folder of sources, as a site build would run it, for
// `make bench-images` (bench/images/run.py). Each source gets the width ladder in the formats
// asked for; files go to the output folder; with --cache, through ImageCache.
//
//   image-bench SOURCES OUTPUT [--cache DIR] [--widths 320,640,...] [--quality 75]
//               [--formats webp,jpeg] [--effort 4] [--jobs 2]

struct Arguments {
    var sources = ""
    var output = ""
    var cache: String?
    var options = ImageVariants.Options()
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    init(_ arguments: [String]) {
        var positional: [String] = []
        var index = 0
        func value() -> String {
            index += 1
            guard index < arguments.count else { Arguments.fail("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--cache": cache = value()
            case "--widths": options.widths = value().split(separator: ",").compactMap { Int($0) }
            case "--quality": options.quality = Int(value()) ?? -1
            case "--effort": options.effort = Int(value()) ?? -1
            case "--jobs": jobs = max(Int(value()) ?? 1, 1)
            case "--formats":
                options.formats = value().split(separator: ",").map { name in
                    guard let format = ImageFormat(rawValue: String(name)) else {
                        Arguments.fail("unknown format \(name)")
                    }
                    return format
                }
            default: positional.append(arguments[index])
            }
            index += 1
        }
        guard positional.count == 2 else {
            Arguments.fail(
                "usage: image-bench SOURCES OUTPUT [--cache DIR] [--widths …] [--quality Q] [--formats …] [--jobs N]")
        }
        sources = positional[0]
        output = positional[1]
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("image-bench: \(message)\n".utf8))
        exit(2)
    }
}

#if os(Linux)
    @_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Results from the workers, in source order.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    /// Per source: (format, bytes) of each variant; the bytes themselves are written and let go.
    private(set) var variants: [[(format: ImageFormat, bytes: Int)]]
    private(set) var keys: [String]
    private(set) var failures: [String] = []
    private(set) var hits = 0

    init(count: Int) {
        variants = Array(repeating: [], count: count)
        keys = Array(repeating: "", count: count)
    }

    func claim() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return next - 1
    }

    func record(_ index: Int, _ made: [ImageVariant], key: String, hit: Bool) {
        lock.lock()
        defer { lock.unlock() }
        variants[index] = made.map { ($0.format, $0.data.count) }
        keys[index] = key
        if hit { hits += 1 }
    }

    func fail(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        failures.append(message)
    }
}

let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
// One image at a time is inside libvips (`Vips.exclusive`, as in a site build), which spreads each
// image's pixels over its own threads; `--jobs` overlaps only the reading and writing around it.
// glibc gives each thread its own malloc arena, and libvips' short-lived threads leave them
// partly filled: two arenas keep peak memory near what the images need.
#if os(Linux)
    _ = mallopt(-8, 2)  // M_ARENA_MAX in <malloc.h>, which Swift's Glibc module does not include
#endif
let started = Date()
let manager = FileManager.default
let sourceFolder = URL(fileURLWithPath: arguments.sources)
let outputFolder = URL(fileURLWithPath: arguments.output)
let names = ((try? manager.contentsOfDirectory(atPath: sourceFolder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
do {
    try manager.createDirectory(at: outputFolder, withIntermediateDirectories: true)
} catch {
    Arguments.fail("cannot create \(outputFolder.path): \(error)")
}
let pipeline: ImageVariants
do {
    let encoders = try ImageEncoders.detect(arguments.options.formats ?? ImageEncoders.order)
    pipeline = try ImageVariants(encoders: encoders, options: arguments.options)
} catch {
    Arguments.fail(error.description)
}
let cache = arguments.cache.map { ImageCache(directory: URL(fileURLWithPath: $0)) }
let results = Results(count: names.count)

DispatchQueue.concurrentPerform(iterations: min(arguments.jobs, max(names.count, 1))) { _ in
    while true {
        let index = results.claim()
        guard index < names.count else { return }
        let name = names[index]
        let stem = (name as NSString).deletingPathExtension
        do {
            let file = sourceFolder.appendingPathComponent(name)
            let made: [ImageVariant]
            if let cache {
                let lookup = try cache.variants(ofFile: file, name: stem, using: pipeline)
                made = lookup.variants
                results.record(index, made, key: lookup.key, hit: lookup.hit)
            } else {
                made = try pipeline.make(from: try Data(contentsOf: file), name: stem)
                results.record(index, made, key: "", hit: false)
            }
            for variant in made { try variant.write(into: outputFolder) }
        } catch let error as ImageError {
            results.fail("\(name): \(error.message)")
        } catch {
            results.fail("\(name): \(error)")
        }
    }
}
if let cache {
    do {
        try cache.prune(keeping: Set(results.keys))
    } catch {
        results.fail(error.description)
    }
}

let all = results.variants.flatMap { $0 }
let bytes = all.reduce(0) { $0 + $1.bytes }
var byFormat: [String: (count: Int, bytes: Int)] = [:]
for variant in all {
    let entry = byFormat[variant.format.rawValue] ?? (0, 0)
    byFormat[variant.format.rawValue] = (entry.count + 1, entry.bytes + variant.bytes)
}
print(pipeline.encoders.summary)
let formatSummary = byFormat.keys.sorted().map { "\($0) \(byFormat[$0]!.count) files \(byFormat[$0]!.bytes) bytes" }
print(
    "sources \(names.count), variants \(all.count), bytes \(bytes), cache hits \(results.hits), "
        + "\(formatSummary.joined(separator: ", ")), \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
for failure in results.failures { FileHandle.standardError.write(Data("\(failure)\n".utf8)) }
exit(results.failures.isEmpty ? 0 : 1)
