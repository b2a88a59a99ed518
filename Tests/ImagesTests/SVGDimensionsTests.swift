import Foundation
import Images
import Testing

@Suite struct SVGDimensionsTests {
    func size(_ svg: String) -> SVGDimensions? { SVGDimensions(Data(svg.utf8)) }

    @Test func widthAndHeightWinOverTheViewBox() {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="40" viewBox="0 0 12 4"/>"#
        #expect(size(svg) == SVGDimensions(width: 120, height: 40))
    }

    @Test func theViewBoxGivesTheSizeOtherwise() {
        #expect(size(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80"/>"#)?.width == 200)
        #expect(size(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,200,80"/>"#)?.height == 80)
        // Percentages say nothing about the size; a tiny box keeps its ratio.
        let tiny = size(#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 1 0.5"/>"#)
        #expect(tiny == SVGDimensions(width: 200, height: 100))
    }

    @Test func noSizeAtAll() {
        #expect(size(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#) == nil)
        #expect(size("not xml") == nil)
    }
}
