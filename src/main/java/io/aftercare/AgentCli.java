package io.aftercare;

import io.aftercare.agents.AgentInput;
import io.aftercare.agents.AgentProfile;
import io.aftercare.agents.AgentSaved;
import io.aftercare.agents.Assignment;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aftercare agent add|set|list|remove|assign}: the agents and the queues they may log in to, through the
 * same service as {@code /api/agent-profiles}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Add, change, list or remove agents; assign the queues they may log in to.",
        subcommands = {AgentCli.Add.class, AgentCli.Set.class, AgentCli.List.class, AgentCli.Remove.class,
            AgentCli.Assign.class})
final class AgentCli {
    private AgentCli() {}

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an agent.")
    static final class Add extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "LOGIN", description = "e.g. 1001 or agent1") String login;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--member-interface", required = true,
                description = "what QueueAdd adds, e.g. PJSIP/1001 or Local/1001@from-queue/n") String member;
        @Option(names = "--state-interface", description = "device app_queue watches, e.g. PJSIP/1001") String state;
        @Option(names = "--language", description = "default: en") String language;
        @Option(names = "--queue", paramLabel = "QUEUE[:PENALTY]", description = "a queue they may log in to")
        java.util.List<String> queues;

        @Override
        public Integer call() {
            AgentSaved saved = withAdministration(a -> a.agents().create(new AgentInput(login, name, member, state,
                    language, assignments(queues))));
            warn(saved.warnings());
            print(describe(saved.agent()));
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change an agent.")
    static final class Set extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "LOGIN") String login;
        @Option(names = "--name") String name;
        @Option(names = "--member-interface") String member;
        @Option(names = "--state-interface", description = "empty: the member interface") String state;
        @Option(names = "--language") String language;

        @Override
        public Integer call() {
            AgentSaved saved = withAdministration(a -> a.agents().update(login, new AgentInput(null, name, member,
                    state, language, null)));
            warn(saved.warnings());
            print(describe(saved.agent()));
            return 0;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Set the queues an agent may log in to (replacing the ones assigned; none: no queue).")
    static final class Assign extends AdminCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGIN") String login;
        @Parameters(index = "1..*", paramLabel = "QUEUE[:PENALTY]", arity = "0..*") java.util.List<String> queues;

        @Override
        public Integer call() {
            AgentSaved saved = withAdministration(a -> a.agents().assign(login, assignments(queues)));
            warn(saved.warnings());
            print(describe(saved.agent()));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the agents.")
    static final class List extends AdminCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            withAdministration(a -> a.agents().list()).forEach(agent -> print(describe(agent)));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Delete an agent; refused while accounts, cases or routing rules refer to them.")
    static final class Remove extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "LOGIN") String login;

        @Override
        public Integer call() {
            withAdministration(a -> {
                a.agents().delete(login);
                return null;
            });
            print("removed agent " + login);
            return 0;
        }
    }

    private static java.util.List<Assignment> assignments(java.util.List<String> queues) {
        return queues == null ? java.util.List.of() : queues.stream().map(Assignment::parse).toList();
    }

    static String describe(AgentProfile a) {
        return a.login() + "\t" + a.name() + "\t" + a.memberInterface()
                + (a.stateInterface().isEmpty() ? "" : " (state " + a.stateInterface() + ")") + "\t" + a.language()
                + "\tqueues: " + (a.queues().isEmpty() ? "none" : a.queues().stream()
                        .map(q -> q.queue() + ":" + q.penalty()).collect(Collectors.joining(" ")));
    }
}
