extension String {
    /// nil for an empty string, so templates can test `{{#value}}` and `??` can fall through.
    public var nonEmpty: String? { isEmpty ? nil : self }
}
