import Foundation
import Images
import Testing

@Suite struct ShareCardTests {
    let card = ShareCard()

    func text(_ title: String) -> ShareCard.Text {
        .init(
            title: title, section: "News", project: "INTERACT-EUROPE",
            fundingStatement: "Co-funded by the European Union")
    }

    @Test func isA1200By630PNG() throws {
        let rendered = try card.render(text("Training across specialties"))
        // SHARE_CARD_OUT=/tmp/card.png writes the card to look at.
        if let path = ProcessInfo.processInfo.environment["SHARE_CARD_OUT"] {
            try rendered.png.write(to: URL(fileURLWithPath: path))
            let long = try card.render(
                .init(
                    title:
                        "Διεπιστημονική εκπαίδευση στον καρκίνο σε όλη την Ευρώπη για νοσηλευτές, γιατρούς και ερευνητές της ογκολογίας, με δώδεκα θεματικές ενότητες",
                    section: "Νέα", project: "INTERACT-EUROPE",
                    fundingStatement: "Με τη συγχρηματοδότηση της Ευρωπαϊκής Ένωσης"))
            try long.png.write(to: URL(fileURLWithPath: path + ".el.png"))
        }
        let probe = try ImageProbe(data: rendered.png)
        #expect(probe.format == .png && probe.width == 1200 && probe.height == 630)
        #expect(probe.metadata.isEmpty)
        #expect(rendered.titleLines == 1 && !rendered.titleShortened)
        #expect(rendered.titleShown == "Training across specialties")
    }

    @Test func sameTextSameBytesOtherTextOtherBytes() throws {
        let first = try card.render(text("Inter-specialty cancer training"))
        let second = try card.render(text("Inter-specialty cancer training"))
        #expect(first.png == second.png)
        #expect(try card.render(text("Inter-specialty cancer training!")).png != first.png)
    }

    @Test func aLongTitleIsWrappedToThreeLinesThenShortened() throws {
        let long = Array(repeating: "The curriculum for inter-specialty cancer training in Europe", count: 4)
            .joined(separator: " ")
        let rendered = try card.render(text(long))
        #expect(rendered.titleLines == 3)
        #expect(rendered.titleShortened)
        #expect(rendered.titleShown.hasSuffix("…") && long.hasPrefix(rendered.titleShown.dropLast()))
        // As many words as fit: one more would need a fourth line, so the shown text is long.
        #expect(rendered.titleShown.count > 60)
        let two = try card.render(text("Inter-specialty cancer training across Europe"))
        #expect(two.titleLines == 2 && !two.titleShortened)
    }

    @Test(arguments: [
        "Διεπιστημονική εκπαίδευση στον καρκίνο σε όλη την Ευρώπη για νοσηλευτές, γιατρούς και ερευνητές της ογκολογίας, με δώδεκα θεματικές ενότητες και πρακτική άσκηση",
        "Междисциплинарное обучение в области онкологии по всей Европе для медсестёр, врачей и исследователей, с двенадцатью темами и практикой в центрах",
        "Szkolenie interdyscyplinarne w onkologii dla pielęgniarek, lekarzy i badaczy w całej Europie, z dwunastoma tematami i praktyką w ośrodkach partnerskich",
    ])
    func otherScriptsWrapAndShorten(title: String) throws {
        let rendered = try card.render(text(title))
        #expect((2...3).contains(rendered.titleLines))
        #expect(title.hasPrefix(rendered.titleShown.replacingOccurrences(of: "…", with: "")))
        #expect(try ImageProbe(data: rendered.png).width == 1200)
    }

    @Test func oneEndlessWordIsCutByCharacters() throws {
        let word = String(repeating: "Krebsfrüherkennungsuntersuchung", count: 8)
        let rendered = try card.render(text(word))
        #expect(rendered.titleLines <= 3 && rendered.titleShortened)
        #expect(word.hasPrefix(rendered.titleShown.dropLast()))
    }

    @Test func markupInATitleIsText() throws {
        let rendered = try card.render(text("<b>Risks & benefits</b> of 'screening'"))
        #expect(rendered.titleShown == "<b>Risks & benefits</b> of 'screening'")
    }

    @Test func cardsAreCachedByTheirTexts() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ImageCache(directory: folder)
        let first = try cache.shareCard(text("Cached card"), using: card)
        #expect(!first.hit)
        let second = try cache.shareCard(text("Cached card"), using: card)
        #expect(second.hit && second.png == first.png && second.key == first.key)
        #expect(try card.render(text("Cached card")).png == first.png)
        let other = try cache.shareCard(text("Another card"), using: card)
        #expect(!other.hit && other.key != first.key)
        #expect(try cache.prune(keeping: [other.key]) == 1)
        #expect(!(try cache.shareCard(text("Cached card"), using: card).hit))
    }

    @Test func aMissingFontIsATypedError() {
        let broken = ShareCard(regularFont: "/nonexistent/NotoSans-Regular.ttf")
        #expect(throws: ImageError.fontUnavailable(path: "/nonexistent/NotoSans-Regular.ttf")) {
            try broken.render(text("x"))
        }
    }
}

@Suite struct ShareCardConcurrencyTests {
    /// The build draws share cards on every core, and Debian's libvips 8.14.1 is not safe with
    /// several threads in it (a CI build died of SIGFPE; see `Vips.exclusive` and `TextThread`):
    /// this draws cards on many short-lived threads at once and expects each to match the same
    /// card drawn alone. The crash was too rare to repeat here on demand, so this guards the
    /// results (same bytes from any thread), not the crash itself.
    @Test func cardsDrawnOnManyThreadsAtOnceMatchCardsDrawnAlone() throws {
        let titles = (0..<48).map { "Inter-specialty cancer training, module \($0) of the curriculum for Europe" }
        let card = ShareCard()
        let results = Results(count: titles.count)
        // A thread for each card, eight at a time: more threads than this machine's cores, so that
        // calls overlap, and threads that end while others draw (Pango keeps a font map per thread,
        // let go when the thread ends).
        for _ in 0..<2 {
            let group = DispatchGroup()
            let slots = DispatchSemaphore(value: 8)
            for index in titles.indices {
                slots.wait()
                group.enter()
                Thread {
                    let text = ShareCard.Text(
                        title: titles[index], section: "News", project: "INTERACT-EUROPE",
                        fundingStatement: "Co-funded by the European Union")
                    results.set(index, Result { () throws(ImageError) -> Data in try card.render(text).png })
                    slots.signal()
                    group.leave()
                }.start()
            }
            group.wait()
        }
        for (index, title) in titles.enumerated().filter({ $0.offset % 5 == 0 }) {
            let alone = try card.render(
                .init(
                    title: title, section: "News", project: "INTERACT-EUROPE",
                    fundingStatement: "Co-funded by the European Union"))
            #expect(try results.get(index).get() == alone.png)
        }
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Result<Data, ImageError>?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<Data, ImageError>) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> Result<Data, ImageError> { lock.withLock { values[index]! } }
    }
}
