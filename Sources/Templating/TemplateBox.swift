import Mustache

/// A template model value handed to swift-mustache by reference. The library casts every value it
/// looks at to several of its protocols, and each cast of a large struct held in `Any` copies it (a
/// heap box and a retain per field): on a 10,000-page site that was most of the rendering time. A
/// class instance is only retained. The generated lookups (`TemplateModel+Lookup.swift`) and
/// `Theme.render` wrap model structs in one.
public final class TemplateBox: MustacheParent, Sendable {
    public let model: any MustacheParent & Sendable

    public init(_ model: any MustacheParent & Sendable) {
        self.model = model
    }

    public func child(named name: String) -> Any? {
        model.child(named: name)
    }
}
