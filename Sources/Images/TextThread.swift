import Foundation

/// The one thread that draws text with libvips, for the life of the process.
///
/// libvips 8.14.1 (Debian 12's) draws text with Pango, fontconfig and cairo in ways that are not
/// safe across threads: the font file is added to fontconfig's shared configuration on first use
/// under a key libvips later frees, every thread gets its own Pango font map that is torn down when
/// the thread ends (a worker of the build's thread pool may end at any time), and Pango's caches are
/// shared. A CI build died of SIGFPE in `g_hash_table_lookup` while share cards were drawn; libvips
/// itself later drew all text behind one lock with one font map (8.14.2, upstream 69e6cb0 and
/// ab8671a). Drawing every text on one long-lived thread gives both here: one call at a time, one
/// font map that never goes away.
enum TextThread {
    /// Runs `body` on the text thread and waits for it.
    static func run<Value: Sendable>(
        _ body: @escaping @Sendable () throws(ImageError) -> Value
    ) throws(ImageError) -> Value {
        let job = Job { () -> Result<Value, ImageError> in Result(catching: body) }
        worker.submit(job.run)
        return try job.wait().get()
    }

    private static let worker = Worker()

    /// A thread that runs submitted closures in order and never ends.
    private final class Worker: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [@Sendable () -> Void] = []

        init() {
            let thread = Thread { [self] in loop() }
            thread.name = "interact-site text"
            // Pango and HarfBuzz recurse deeper than a default secondary thread's 512 KiB allows.
            thread.stackSize = 8 << 20
            thread.start()
        }

        func submit(_ work: @escaping @Sendable () -> Void) {
            condition.withLock {
                queue.append(work)
                condition.signal()
            }
        }

        private func loop() -> Never {
            while true {
                let work = condition.withLock { () -> @Sendable () -> Void in
                    while queue.isEmpty { condition.wait() }
                    return queue.removeFirst()
                }
                work()
            }
        }
    }

    /// One call's result, handed from the text thread to the caller.
    private final class Job<Value: Sendable>: @unchecked Sendable {
        private let body: @Sendable () -> Value
        private let done = DispatchSemaphore(value: 0)
        private var value: Value?

        init(_ body: @escaping @Sendable () -> Value) { self.body = body }

        func run() {
            value = body()
            done.signal()
        }

        func wait() -> Value {
            done.wait()
            return value!
        }
    }
}
