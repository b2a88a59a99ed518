/// Why the preview cannot start.
public enum PreviewError: Error, CustomStringConvertible {
    case cannotWatch

    public var description: String {
        "Cannot watch the source folder for changes (inotify is not available); use `interact-site build` and a web server instead."
    }
}
