import Foundation
import LabelbenchCore
import Testing

@testable import LabelbenchServer

/// The pieces of the long list pages that do not need a server: reading a GET form, the page
/// controls, and progress bars.
@Suite struct ListPageViewTests {
    @Test func aGetFormIsReadAsBrowsersSendIt() {
        let fields = ListQueryFormFields.read("q=Bulk+07&sort=newest&page=2&plus=a%2Bb&empty=&q=second")
        #expect(fields["q"] == "Bulk 07")
        #expect(fields["sort"] == "newest" && fields["page"] == "2")
        #expect(fields["plus"] == "a+b" && fields["empty"] == "")
    }

    @Test func aTaskWithoutItemsHasNoProgressBar() {
        let empty = ProgressBar(done: 0, total: 0)
        #expect(!empty.hasWork && empty.percent == 0)
        let part = ProgressBar(done: 1, total: 3)
        #expect(part.hasWork && part.percent == 33 && part.total == 3)
        #expect(ProgressBar(done: 9, total: 4).percent == 100)
    }
}
