import Agreement
import Hummingbird
import LabelbenchCore

/// `/tasks/TASK/quality`: practitioners only.
struct QualityPageController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("tasks/:task/quality", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await services.database.task(named: try context.parameters.require("task"), visibleTo: user)
        let input = try await services.database.statisticsInput(for: task)
        let (report, skills) = try await offload {
            let report = AgreementReport(input.annotations, options: task.agreementOptions(gold: input.gold))
            // Skill and confusion come from Dawid–Skene, which needs one label per answer.
            let method: AggregationMethod = task.answer == .multiple ? .majority : .dawidSkene(iterations: 50)
            return (report, aggregate(input.annotations, method: method, labelOrder: task.labelNames, gold: input.gold))
        }
        let rulings = try await services.database.adjudications(in: task).reduce(into: [String: String]()) { $0[$1.item] = $1.answer.display }
        let page = QualityPage(
            chrome: Chrome(title: "Quality · \(task.title)", context: context), task: task, report: report, skills: skills, rulings: rulings)
        return try services.renderer.render(page, template: "quality/task")
    }
}
