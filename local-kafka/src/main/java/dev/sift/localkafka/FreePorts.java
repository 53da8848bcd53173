package dev.sift.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Local TCP ports for the processes this module starts (brokers, gateways). */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * @return a port nothing listens on right now
     * @throws UncheckedIOException when the system has none to give
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
