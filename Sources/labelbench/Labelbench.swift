import ArgumentParser

/// The `labelbench` command: the service, admin commands on a data folder, and API clients.
@main
struct Labelbench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labelbench",
        abstract: "A labeling-task workbench: tasks, annotator queue, agreement, and versioned dataset exports.",
        subcommands: [
            Serve.self, Users.self, Tokens.self, Backup.self, Tasks.self, Import.self, ImportAnnotations.self, ImportFrom.self,
            AgreementCommand.self, AggregateCommand.self, Export.self, Artifacts.self,
        ])
}
