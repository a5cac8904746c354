package io.aftercare.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs target/aftercare.jar as a user would: the packaged jar, not the IDE classpath. */
class PackagedJarIT {
    private static final Path JAR = Path.of(System.getProperty("aftercare.jar", "target/aftercare.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() throws Exception {
        List<String> commands = List.of("serve", "demo", "migrate", "seed", "import", "queue", "agent", "account");
        List<Started> helps = new java.util.ArrayList<>(); // all at once: each is a JVM that mostly starts up
        for (String command : commands) {
            helps.add(start(List.of(command, "--help"), Map.of()));
        }
        Started topHelp = start(List.of("--help"), Map.of());
        for (int i = 0; i < commands.size(); i++) {
            Result result = helps.get(i).await(Duration.ofSeconds(60));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Usage: aftercare " + commands.get(i));
        }
        Result top = topHelp.await(Duration.ofSeconds(60));
        assertThat(top.output()).contains("serve").contains("demo").contains("migrate").contains("seed");
    }

    @Test
    void badConfigurationStopsStartupNamingTheKey() throws Exception {
        Result result = run(List.of("migrate"), Map.of("AFTERCARE_HTTP_PORT", "eighty"), Duration.ofSeconds(60));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("AFTERCARE_HTTP_PORT").contains("http.port");
    }

    @Test
    void demoAnswersHealthWithin30SecondsAndStopsCleanlyOnSigterm() throws Exception {
        int httpPort = freePort();
        Path log = dir.resolve("demo.log");
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "demo", "--customers", "300")
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile());
        builder.environment().putAll(Map.of(
                "AFTERCARE_HTTP_PORT", String.valueOf(httpPort),
                "AFTERCARE_AGI_PORT", String.valueOf(freePort()),
                "AFTERCARE_DEMO_DB_PATH", dir.resolve("demo.db").toString()));
        Process process = builder.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(30);
            int status = 0;
            while (Instant.now().isBefore(deadline) && status != 200 && process.isAlive()) {
                try {
                    status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.onSpinWait();
                }
            }
            assertThat(status).as(Files.readString(log)).isEqualTo(200);
            // The connector logged into the demo PBX: asterisk-java's classpath scanning works in the shaded jar.
            String health = "";
            while (Instant.now().isBefore(deadline.plusSeconds(30)) && !health.contains("\"connected\"")) {
                health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(health).contains("\"pbx1\":\"connected\"");
            var login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"agent1\",\"password\":\"agent1-demo\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            var customers = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/api/customers?limit=5")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(customers.body()).contains("\"phones\"");
        } finally {
            process.destroy(); // SIGTERM, as Ctrl-C or a service manager would
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("aftercare stopped");
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> args, Map<String, String> env, Duration timeout) throws Exception {
        return start(args, env).await(timeout);
    }

    /** A command of the jar, running, its output (and errors) going to a file. */
    private record Started(List<String> command, Process process, Path out) {
        Result await(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out));
        }
    }

    private Started start(List<String> args, Map<String, String> env) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        var command = new java.util.ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .directory(dir.toFile());
        builder.environment().putAll(env);
        return new Started(command, builder.start(), out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
