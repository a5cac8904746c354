package io.aftercare.agi;

import io.aftercare.config.AftercareConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.internal.ServerSocketFacadeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener Asterisk's {@code AGI(agi://HOST:PORT/script)} reaches: asterisk-java's
 * {@link DefaultAgiServer} with the scripts of a {@link ScriptRegistry}, bound to the configured address, with
 * one worker per session up to {@code agi.max_sessions} (asterisk-java's default of 100 would refuse calls), as
 * many connections waiting to be accepted (asterisk-java's 200 made a burst of calls retry their SYN for seconds,
 * past Asterisk's 2 s connect timeout) and a read timeout. Thread-safe.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastAgiServer.class);
    /** Threads kept warm when idle; the rest are created per session and end 50 s after their call. */
    private static final int CORE_THREADS = 16;

    private final Server server;
    private final Thread acceptor;

    private FastAgiServer(Server server, Thread acceptor) {
        this.server = server;
        this.acceptor = acceptor;
    }

    /** Binds and starts accepting; returns once the port is open, or throws naming the address. */
    public static FastAgiServer start(AftercareConfig.Agi config, ScriptRegistry scripts) {
        int readTimeout = (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
        Server server = new Server(scripts, config.maxSessions(), readTimeout);
        try {
            server.setAddress(InetAddress.getByName(config.bind()));
        } catch (IOException e) {
            throw new UncheckedIOException("agi.bind '" + config.bind() + "' is not an address", e);
        }
        server.setPort(config.port());
        server.setPoolSize(Math.min(CORE_THREADS, config.maxSessions()));
        server.setMaximumPoolSize(config.maxSessions());
        server.setSocketReadTimeout(readTimeout);
        Thread acceptor = Thread.ofPlatform().daemon().name("agi-accept").unstarted(() -> {
            try {
                server.startup();
            } catch (IOException | RuntimeException e) {
                server.bound.completeExceptionally(e);
            }
        });
        acceptor.start();
        try {
            int port = server.bound.get(10, TimeUnit.SECONDS);
            LOG.info("FastAGI listening on {}:{} (scripts {}, up to {} sessions)", config.bind(), port, scripts.names(),
                    config.maxSessions());
            return new FastAgiServer(server, acceptor);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot listen for FastAGI on " + config.bind() + ":" + config.port()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            server.shutdown();
            throw new IllegalStateException("FastAGI server did not start on " + config.bind() + ":" + config.port(), e);
        }
    }

    /** The port actually bound (the configured one, or the one the OS chose for port 0). */
    public int port() {
        return server.bound.join();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * DefaultAgiServer with a listen backlog of its own (the kernel caps it at {@code net.core.somaxconn}) that
     * reports the port it bound; asterisk-java keeps its ServerSocket private.
     */
    private static final class Server extends DefaultAgiServer {
        private final CompletableFuture<Integer> bound = new CompletableFuture<>();
        private final int backlog;
        private final int readTimeoutMillis;

        Server(ScriptRegistry scripts, int backlog, int readTimeoutMillis) {
            super(scripts);
            this.backlog = backlog;
            this.readTimeoutMillis = readTimeoutMillis;
        }

        @Override
        protected ServerSocketFacade createServerSocket() throws IOException {
            ServerSocketFacade facade = new ServerSocketFacadeImpl(getPort(), backlog, getAddress());
            facade.setSocketReadTimeout(readTimeoutMillis);
            bound.complete(localPort(facade));
            return facade;
        }

        private int localPort(ServerSocketFacade facade) {
            if (getPort() != 0) {
                return getPort();
            }
            try { // port 0 (tests): read the chosen port from the facade's socket
                Field field = facade.getClass().getDeclaredField("serverSocket");
                field.setAccessible(true);
                return ((ServerSocket) field.get(facade)).getLocalPort();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot read the FastAGI port chosen for port 0", e);
            }
        }
    }
}
