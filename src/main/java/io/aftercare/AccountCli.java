package io.aftercare;

import io.aftercare.auth.AuthService;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aftercare account add|list|token}: sign-in accounts and API tokens, through the same service as
 * {@code /api/accounts} and {@code /api/tokens}.
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Add or list accounts, issue API tokens.",
        subcommands = {AccountCli.Add.class, AccountCli.List.class, AccountCli.Token.class})
final class AccountCli {
    private AccountCli() {}

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
    static final class Add extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "USERNAME") String username;
        @Option(names = "--role", required = true,
                description = "agent, supervisor, admin, integration or display (the last two: API tokens only)")
        String role;
        @Option(names = "--agent-login", description = "the agent an agent account acts as") String agentLogin;
        @Option(names = "--display-name", description = "default: the username") String displayName;
        @Option(names = "--password", interactive = true, arity = "0..1",
                description = "asked for when given without a value; none for integration and display accounts")
        String password;

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

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue an API token for an account (shown once), e.g. for the shop's integration or a TV.")
    static final class Token extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "USERNAME") String username;
        @Option(names = "--label", defaultValue = "", description = "what the token is for") String label;
        @Option(names = "--days", defaultValue = "365", description = "validity, 1 to 3650 days (default 365)")
        int days;

        @Override
        public Integer call() {
            if (days < 1 || days > 3650) {
                throw new io.aftercare.core.ValidationException("--days must be between 1 and 3650");
            }
            var session = withDatabase((db, loaded) -> {
                AuthService auth = App.Services.create(loaded, db, Clock.systemUTC()).auth();
                long id = auth.accounts().stream().filter(a -> a.username().equals(username)).findFirst()
                        .orElseThrow(() -> new io.aftercare.core.NotFoundException("no account " + username)).id();
                return auth.apiToken(id, label, java.time.Duration.ofDays(days));
            });
            print(session.token());
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
