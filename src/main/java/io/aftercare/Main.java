package io.aftercare;

import picocli.CommandLine;

/** Entry point of aftercare.jar: dispatches to the sub-commands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.commandLine().execute(args));
    }
}
