package io.consoul.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A lean closed-loop load generator for {@code POST /chat/stream}: plain keep-alive sockets driven by one selector
 * thread, each request written as one buffer of bytes, each response kept whole (about 1 KiB) and judged when its last chunk
 * arrives. It stands in for the JDK's HTTP client, which on this 2-core machine spent 0.6–1.8 ms of CPU per stream
 * beside the service's 1.5–3.7 ms, and whose single selector thread falls behind with thousands of streams open —
 * then the streams look slow to the client while the service is not. What is measured stays the same: from the
 * first byte of a request written to the last byte of its response read.
 *
 * <p>HTTP/1.1 only as far as the service speaks it: a status line, headers, then a chunked body (or one with a
 * {@code Content-Length}, as error replies have). A client whose connection closes reconnects for its next stream.
 */
final class StreamLoad implements AutoCloseable {
    private static final byte[] END_OF_CHUNKS = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long TIMEOUT_NANOS = 120_000_000_000L;

    /** What one stream came to; {@code failure} is null when the service answered 200 and ended with a done event. */
    interface Outcomes {
        void add(long startNanos, long latencyNanos, String failure);
    }

    private final InetSocketAddress address;
    private final String path;
    private final Selector selector;
    private final Queue<Client> arriving = new ConcurrentLinkedQueue<>();
    private final List<Client> clients = new ArrayList<>();
    private final Thread loop;
    private volatile boolean closed;

    StreamLoad(String host, int port, String path) throws IOException {
        this.address = new InetSocketAddress(host, port);
        this.path = path;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "stream-load");
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * One client: sends the body {@code bodyFor} gives for its n-th stream, again and again while {@code goOn} says
     * so, then calls {@code finished}.
     */
    void start(Function<Integer, String> bodyFor, BooleanSupplier goOn, Outcomes outcomes, Runnable finished) {
        arriving.add(new Client(bodyFor, goOn, outcomes, finished));
        selector.wakeup();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        long lastSweep = System.nanoTime();
        while (!closed) {
            try {
                selector.select(500);
                for (Client c; (c = arriving.poll()) != null; ) {
                    clients.add(c);
                    c.next();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client c = (Client) key.attachment();
                    if (!key.isValid()) continue;
                    if (key.isConnectable()) c.connected();
                    else if (key.isWritable()) c.write();
                    else if (key.isReadable()) c.read(buffer);
                }
                long now = System.nanoTime();
                if (now - lastSweep > 1_000_000_000L) { // a stream that never ends fails instead of hanging the run
                    lastSweep = now;
                    for (Client c : List.copyOf(clients)) {
                        if (c.startNanos != 0 && now - c.startNanos > TIMEOUT_NANOS) c.fail("timeout");
                    }
                }
            } catch (IOException e) {
                if (!closed) throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) key.channel().close();
        selector.close();
    }

    /** One connection and the stream on it. Only the selector thread touches it. */
    private final class Client {
        final Function<Integer, String> bodyFor;
        final BooleanSupplier goOn;
        final Outcomes outcomes;
        final Runnable finished;
        final ByteArrayOutputStream response = new ByteArrayOutputStream(2048);
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer request;
        int streams;
        long startNanos;
        int headerEnd = -1;
        long contentLength = -1; // -1: chunked
        boolean closeAfter;

        Client(Function<Integer, String> bodyFor, BooleanSupplier goOn, Outcomes outcomes, Runnable finished) {
            this.bodyFor = bodyFor;
            this.goOn = goOn;
            this.outcomes = outcomes;
            this.finished = finished;
        }

        /** Starts the next stream, on this connection when it is still open, or ends the client. */
        void next() {
            if (!goOn.getAsBoolean()) {
                closeChannel();
                clients.remove(this);
                finished.run();
                return;
            }
            byte[] body = bodyFor.apply(++streams).getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            request = ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
            response.reset();
            headerEnd = -1;
            contentLength = -1;
            closeAfter = false;
            startNanos = System.nanoTime();
            try {
                if (channel == null) {
                    channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                    if (channel.connect(address)) connected();
                } else {
                    write();
                }
            } catch (IOException e) {
                fail("connect: " + e.getClass().getSimpleName());
            }
        }

        void connected() {
            try {
                if (channel.finishConnect()) write();
            } catch (IOException e) {
                fail("connect: " + e.getClass().getSimpleName());
            }
        }

        void write() {
            try {
                channel.write(request);
                key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            } catch (IOException e) {
                fail("write: " + e.getClass().getSimpleName());
            }
        }

        void read(ByteBuffer buffer) {
            try {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    fail("closed by the service");
                    return;
                }
                buffer.flip();
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                response.write(bytes, 0, n);
                if (complete()) done();
            } catch (IOException e) {
                fail("read: " + e.getClass().getSimpleName());
            }
        }

        private boolean complete() {
            byte[] r = response.toByteArray();
            if (headerEnd < 0) {
                int end = indexOf(r, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
                if (end < 0) return false;
                headerEnd = end + 4;
                String headers = new String(r, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase();
                int at = headers.indexOf("\r\ncontent-length:");
                if (at >= 0) {
                    contentLength = Long.parseLong(headers.substring(at + 17, headers.indexOf('\r', at + 2)).trim());
                }
                closeAfter = headers.contains("\r\nconnection: close");
            }
            if (contentLength >= 0) return r.length - headerEnd >= contentLength;
            return r.length >= headerEnd + END_OF_CHUNKS.length - 2 && endsWith(r, END_OF_CHUNKS);
        }

        private void done() {
            long latency = System.nanoTime() - startNanos;
            String text = response.toString(StandardCharsets.UTF_8);
            String status = text.substring(9, 12);
            String failure = !status.equals("200") ? "HTTP " + status + errorCode(text)
                    : text.contains("event: error") ? "error event" + errorCode(text)
                    : !text.contains("event: done") ? "no done event" : null;
            outcomes.add(startNanos, latency, failure);
            startNanos = 0;
            if (closeAfter) closeChannel();
            next();
        }

        void fail(String why) {
            if (startNanos != 0) outcomes.add(startNanos, System.nanoTime() - startNanos, why);
            startNanos = 0;
            closeChannel();
            next();
        }

        private void closeChannel() {
            if (channel == null) return;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
            key = null;
        }
    }

    /** The contract's error code in a reply, e.g. " E111", or nothing. */
    private static String errorCode(String reply) {
        int at = reply.indexOf("\"code\":\"");
        return at < 0 ? "" : " " + reply.substring(at + 8, reply.indexOf('"', at + 8));
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        if (data.length < suffix.length) return false;
        for (int i = 0; i < suffix.length; i++) {
            if (data[data.length - suffix.length + i] != suffix[i]) return false;
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] target, int from) {
        outer:
        for (int i = from; i <= data.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (data[i + j] != target[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
