import Foundation
import SiteCore
import SiteOutput
import Templating

/// Keys for the build cache (`OutputMemo`) of rendered pages, and generated pages (a poster, a
/// short link's landing page) through the theme unless the live site's file has the same key.
/// Pages from content go through `PageRenderer`, which uses the same keys.
///
/// A key names everything the HTML is made from: the model, the template and every template's
/// text. The parts of a page model that all pages of a language share (site values, UI strings,
/// menus: most of a model's fields) are hashed once per distinct value, not once per page.
final class CachedRendering: @unchecked Sendable {
    let theme: Theme
    /// The build's output, when it keeps a build cache.
    let output: StagedOutput?
    private let lock = NSLock()
    private var shared: [(part: SharedPart, hash: UInt64)] = []

    init(theme: Theme, output: StagedOutput?) {
        self.theme = theme
        self.output = output?.usesBuildCache == true ? output : nil
    }

    /// The file at `path` that `render` makes from `model` with `template` (empty when the theme
    /// makes nothing); `render` is not called when the live site's file can be reused.
    func file(_ path: String, model: PageContext, template: String, render: () -> String?) -> OutputFile {
        file(path, key: { key(model, template: template) }, render: render)
    }

    func file(_ path: String, model: some StableHashable, template: String, render: () -> String?) -> OutputFile {
        file(path, key: { key(model, shared: 0, template: template) }, render: render)
    }

    /// The file at `path` that `make` makes, keyed by what `key` names (worked out only with a
    /// build cache); `make` is not called when the live site's file can be reused.
    func file(_ path: String, key: () -> String, make: () -> String) -> OutputFile {
        file(path, key: key, render: { make() })
    }

    /// `key` is worked out only with a build cache.
    private func file(_ path: String, key: () -> String, render: () -> String?) -> OutputFile {
        guard let output else { return OutputFile(path: path, text: render() ?? "") }
        let key = key()
        if let reused = output.unchangedFile(path, under: key) { return reused }
        return OutputFile(path: path, text: render() ?? "", memoKey: key)
    }

    /// The key of a page model rendered with `template`.
    func key(_ context: PageContext, template: String) -> String {
        let part = SharedPart(site: context.site, i18n: context.i18n, menus: context.menus)
        var rest = context
        rest.site = Self.blankSite
        rest.i18n = [:]
        rest.menus = [:]
        return key(rest, shared: hash(of: part), template: template)
    }

    private func key(_ model: some StableHashable, shared: UInt64, template: String) -> String {
        var hasher = StableHasher()
        hasher.combine(model)
        hasher.combine(word: shared)
        hasher.combine(template)
        hasher.combine(theme.templateFingerprint)
        return "page " + hasher.hexDigest
    }

    /// What every page of a language has in common.
    private struct SharedPart: StableHashable, Equatable {
        var site: SiteInfo
        var i18n: [String: String]
        var menus: [String: [MenuItem]]

        func stableHash(into hasher: inout StableHasher) {
            hasher.combine(site)
            hasher.combine(i18n)
            hasher.combine(menus)
        }
    }

    private static let blankSite = SiteInfo(title: "", baseURL: "", params: .empty, defaultLanguage: "")

    /// The part's hash, computed once per distinct part (a handful in a build: one per language).
    private func hash(of part: SharedPart) -> UInt64 {
        if let known = lock.withLock({ shared.first { $0.part == part }?.hash }) { return known }
        var hasher = StableHasher()
        hasher.combine(part)
        let hash = hasher.state
        lock.withLock { shared.append((part, hash)) }
        return hash
    }
}
