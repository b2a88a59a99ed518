import Foundation

/// Hands memory a build has freed back to the system, so that the build's peak resident memory
/// is what it holds, not what it once held.
///
/// Large allocations that die young (the Markdown's text, its HTML, a language's search postings)
/// are made interleaved with data that lives on (the site graph, search texts). Once freed, they
/// are holes in the middle of the allocator's heaps, which glibc keeps resident unless asked to
/// trim. Called between stages of a one-off build; elsewhere it is a no-op.
public enum FreedMemory {
    /// glibc's `malloc_trim` and `mallopt`, looked up once (`<malloc.h>` is not part of Swift's
    /// Glibc module; other C libraries have neither, and then these are nil).
    private static let mallocTrim = SystemFunction.named("malloc_trim", as: (@convention(c) (Int) -> Int32).self)
    private static let mallopt = SystemFunction.named("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self)

    public static func returnToSystem() {
        _ = mallocTrim?(0)
    }

    /// Makes blocks of 128 KiB and more (rendered pages, search shards) separate mappings that
    /// go back to the system when freed. glibc starts there too, but raises the limit each time
    /// such a block is freed, after which they come from the heaps and leave holes: about 15 MB
    /// of the build's peak on 10,000 pages. For a process that builds a site; not for a library
    /// embedded in one that does other work.
    public static func returnLargeBlocksWhenFreed() {
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
        _ = mallopt?(mmapThreshold, 128 << 10)
    }
}
