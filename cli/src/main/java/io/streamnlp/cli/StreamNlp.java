package io.streamnlp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamnlp} command. Subcommands are registered in {@link #commandLine()}. */
@Command(
        name = "streamnlp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Streaming NLP on Apache Flink, Kafka and ONNX Runtime.")
public final class StreamNlp implements Runnable {

    /** Exit code for bad arguments, as for any Unix tool. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StreamNlp());
        cl.addSubcommand(new io.streamnlp.cli.demo.DemoCommand());
        cl.addSubcommand(new io.streamnlp.cli.registry.RegistryCommand());
        cl.addSubcommand(new io.streamnlp.cli.drift.DriftCommand());
        cl.addSubcommand(new io.streamnlp.cli.serve.ServeCommand());
        cl.addSubcommand(new io.streamnlp.cli.console.ConsoleCommand());
        cl.addSubcommand(new io.streamnlp.cli.bench.BenchCommand());
        cl.addSubcommand(new io.streamnlp.cli.train.TrainCommand());
        cl.addSubcommand(new io.streamnlp.cli.train.EvalCommand());
        cl.addSubcommand(new io.streamnlp.cli.retrainer.RetrainerCommand());
        cl.addSubcommand(new io.streamnlp.cli.cluster.ClusterCommand());
        cl.addSubcommand(new io.streamnlp.cli.chaos.ChaosCommand());
        cl.addSubcommand(new io.streamnlp.cli.policy.PolicyCommand());
        cl.setParameterExceptionHandler(StreamNlp::oneLineUsageError);
        return cl;
    }

    /** A bad flag or unknown subcommand: one line on stderr, exit code 2. */
    private static int oneLineUsageError(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        String name = ex.getCommandLine().getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
