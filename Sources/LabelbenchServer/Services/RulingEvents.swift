import LabelbenchCore
import Logging

/// The log lines of changes to a task's rulings, the same whether made on the review page or through the API.
enum RulingEvents {
    static func ruled(_ item: String, in task: LabelingTask, by user: User, logger: Logger) {
        logger.info("item adjudicated", metadata: ["task": "\(task.name)", "item": "\(item)", "user": "\(user.name)"])
    }

    static func withdrawn(_ item: String, in task: LabelingTask, by user: User, logger: Logger) {
        logger.info("ruling withdrawn", metadata: ["task": "\(task.name)", "item": "\(item)", "user": "\(user.name)"])
    }

    static func sentBack(_ items: Int, in task: LabelingTask, by user: User, logger: Logger) {
        logger.info(
            "items sent back for relabeling", metadata: ["task": "\(task.name)", "items": "\(items)", "user": "\(user.name)"])
    }
}
