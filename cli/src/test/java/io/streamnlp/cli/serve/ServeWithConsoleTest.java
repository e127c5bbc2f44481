package io.streamnlp.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.Json;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code streamnlp serve --console} runs the API and the console in one process: the API on its bind address with
 * its token, the console on loopback with its own token, both on the same model registry.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class ServeWithConsoleTest {
    private static final Pattern URL = Pattern.compile("http://[^ /]+");

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersOnTheApiAndOnTheConsoleEachWithItsOwnToken(LocalStack stack) throws Exception {
        Path apiToken = Files.writeString(temp.resolve("api-token"), "api-s3cret\n");
        Path consoleToken = Files.writeString(temp.resolve("console-token"), "console-s3cret\n");
        ServeCommand command = new ServeCommand();
        PipedReader banner = new PipedReader();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(new PipedWriter(banner), true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(
                "--console",
                "--bind",
                "0.0.0.0",
                "--port",
                "0",
                "--token-file",
                apiToken.toString(),
                "--console.port",
                "0",
                "--console.token-file",
                consoleToken.toString(),
                "--model.registry.dir",
                temp.resolve("registry").toString(),
                "--model.ref",
                "support@champion",
                "--kafka.bootstrap.servers",
                stack.bootstrapServers(),
                "--registry.url",
                stack.schemaRegistryUrl()));
        try {
            BufferedReader lines = new BufferedReader(banner);
            String apiLine = lines.readLine();
            String consoleLine = lines.readLine();
            assertTrue(apiLine.startsWith("serving support@champion at "), apiLine);
            assertTrue(consoleLine.startsWith("console at "), consoleLine);
            URI api = url(apiLine);
            URI console = url(consoleLine);

            assertEquals(200, get(api.resolve("healthz"), null).statusCode());
            assertEquals(401, get(api.resolve("readyz"), null).statusCode());
            assertEquals(503, get(api.resolve("readyz"), "api-s3cret").statusCode(), "no version registered yet");

            assertTrue(InetAddress.getByName(console.getHost()).isLoopbackAddress(), console.toString());
            HttpResponse<String> config = get(console.resolve("api/config"), null);
            assertEquals(200, config.statusCode());
            assertTrue(Json.MAPPER.readTree(config.body()).path("writable").asBoolean(), config.body());
            URI rollback = console.resolve("api/models/support/rollback");
            assertEquals(403, post(rollback, "api-s3cret").statusCode(), "the API's token is not the console's");
            HttpResponse<String> known = post(rollback, "console-s3cret");
            assertEquals(404, known.statusCode(), "the console's registry is the API's, still empty: " + known.body());
        } finally {
            command.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    private static URI url(String line) {
        Matcher m = URL.matcher(line);
        assertTrue(m.find(), line);
        return URI.create(m.group() + "/");
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET(), token);
    }

    private HttpResponse<String> post(URI uri, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
