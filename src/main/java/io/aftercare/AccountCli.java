package io.aftercare;

import io.aftercare.auth.AuthService;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aftercare account add|list}: sign-in accounts, through the same service as {@code /api/accounts}. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Add or list sign-in accounts.",
        subcommands = {AccountCli.Add.class, AccountCli.List.class})
final class AccountCli {
    private AccountCli() {}

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
    static final class Add extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "USERNAME") String username;
        @Option(names = "--role", required = true, description = "agent, supervisor or admin") String role;
        @Option(names = "--agent-login", description = "the agent an agent account acts as") String agentLogin;
        @Option(names = "--display-name", description = "default: the username") String displayName;
        @Option(names = "--password", interactive = true, arity = "0..1", required = true,
                description = "asked for when given without a value") String password;

        @Override
        public Integer call() {
            var account = withDatabase((db, loaded) -> App.Services.create(loaded, db, Clock.systemUTC()).auth()
                    .createAccount(new AuthService.AccountInput(username, displayName == null ? username : displayName,
                            role, agentLogin, password)));
            print("created account " + account.username() + " (" + account.role().code() + ", id " + account.id()
                    + ")");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class List extends AdminCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            withDatabase((db, loaded) -> App.Services.create(loaded, db, Clock.systemUTC()).auth().accounts())
                    .forEach(a -> print(a.username() + "\t" + a.role().code() + "\t" + a.displayName()
                            + (a.agentId() == null ? "" : "\tagent id " + a.agentId())
                            + (a.disabled() ? "\tdisabled" : "")));
            return 0;
        }
    }
}
