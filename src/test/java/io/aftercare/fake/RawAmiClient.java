package io.aftercare.fake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare AMI client for tests: logs in over a raw socket and keeps every packet exactly as it
 * arrived (header names and order included); thread-safe.
 */
final class RawAmiClient implements AutoCloseable {

    private final Socket socket;
    private final List<AmiPacket> packets = new CopyOnWriteArrayList<>();

    RawAmiClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        in.readLine(); // banner
        OutputStream out = socket.getOutputStream();
        out.write("Action: Login\r\nActionID: raw\r\nUsername: hotline\r\nSecret: s3cret\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.ofVirtual().name("raw-ami-reader").start(() -> read(in));
    }

    private void read(BufferedReader in) {
        List<AmiHeader> current = new ArrayList<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!current.isEmpty()) {
                        packets.add(new AmiPacket(current));
                        current = new ArrayList<>();
                    }
                } else {
                    current.add(AmiHeader.parse(line));
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** Events received so far, in order. */
    List<AmiPacket> events() {
        return packets.stream().filter(AmiPacket::isEvent).toList();
    }

    boolean loggedIn() {
        return packets.stream().anyMatch(p -> p.isResponse() && p.getOrEmpty("ActionID").equals("raw"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
