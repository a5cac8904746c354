package io.aftercare.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers a test stops and starts again on the same port (aftercare's FastAGI, Asterisk's AMI),
 * picked below the kernel's ephemeral range: a port from bind(0) lies in that range, and while its server is down
 * any connection opened meanwhile (the suite opens many at once) may take it as its local port and keep the
 * server from coming back. Thread-safe.
 */
public final class RestartablePorts {
    private static final int SPAN = 10_000;

    private RestartablePorts() {}

    /** A port nothing listens on now, from the {@value #SPAN} ports below the ephemeral range. */
    public static int pick() {
        int ephemeralLow = ephemeralLow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(Math.max(1024, ephemeralLow - SPAN), ephemeralLow);
            try (ServerSocket probe = new ServerSocket(port)) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port below " + ephemeralLow);
    }

    private static int ephemeralLow() {
        // read line by line: procfs files say they are empty, and Files.readString then reads a single byte
        try (BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(range.readLine().strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768; // Linux's default
        }
    }
}
