import Foundation

/// A C function of the running system looked up by name, for calls that Swift's Glibc module
/// does not declare (`malloc_trim`, `mallopt`, `renameat2`: glibc declares them in headers or
/// under feature macros the module leaves out). Nil where the system has no such function, so
/// callers fall back to portable behaviour.
public enum SystemFunction {
    /// `type` must be the function's `@convention(c)` signature.
    public static func named<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }
}
