import Foundation

/// Work spread over every core with the results in input order, so that output never depends on
/// which thread finished first. The stages that parse, render, index and write use it.
public enum ParallelMap {
    /// `body` over contiguous chunks of `0..<count`, concatenated in order. A chunk may keep state
    /// of its own (a stemmer, a cache). `threads == 1` runs everything on the calling thread (tests
    /// compare that with a parallel run); `perCore` chunks per core even out uneven work.
    public static func chunks<T>(
        count: Int, threads: Int = 0, perCore: Int = 8, _ body: @Sendable (Range<Int>) -> [T]
    ) -> [T] {
        guard count > 0 else { return [] }
        let chunks = threads == 1 ? 1 : min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * perCore))
        if chunks == 1 { return body(0..<count) }
        let slots = Slots<[T]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            slots[chunk] = body((chunk * count / chunks)..<((chunk + 1) * count / chunks))
        }
        return slots.values.flatMap { $0 ?? [] }
    }

    /// One result per index, each written by the thread that made it.
    private final class Slots<Value>: @unchecked Sendable {
        private var storage: [Value?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        subscript(index: Int) -> Value? {
            get { lock.withLock { storage[index] } }
            set { lock.withLock { storage[index] = newValue } }
        }

        var values: [Value?] { lock.withLock { storage } }
    }
}
