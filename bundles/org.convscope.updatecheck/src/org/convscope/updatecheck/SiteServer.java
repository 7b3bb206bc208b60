package org.convscope.updatecheck;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A p2 repository folder served over HTTP on the loopback interface, so that the product's own
 * transport (ECF's URLConnection provider, the only file transfer provider the product has) reads
 * the update site as it would read the published one. Answers GET and HEAD; anything outside the
 * folder or missing is a 404, which p2 takes as "this repository has no such file".
 */
final class SiteServer implements AutoCloseable {

    private final Path root;
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    SiteServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** @return the site's address, ending in a slash */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** @return each request served so far, as "METHOD /path STATUS" */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            boolean found = file.startsWith(root) && Files.isRegularFile(file);
            requests.add(method + " " + path + " " + (found ? 200 : 404));
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            exchange.getResponseHeaders().set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC)));
            if ("HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
