import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.util.FlinkUserCodeClassLoaders;
import org.apache.flink.util.MutableURLClassLoader;

/**
 * Two runs of the shaded job jar on one TaskManager, as the job image sets it up: the inference
 * libraries of docker/flink-lib on the parent class path, Flink's configuration from
 * docker/flink/config.yaml, and a fresh user-code class loader per run, as after a job restart.
 * Each run tokenizes a text and starts ONNX Runtime, which load their JNI libraries. Without the
 * parent-first patterns the second run fails with "already loaded in another classloader".
 *
 * <p>Usage: java RestartCheck.java FLINK_CONF_DIR LIB_DIR JOB_JAR TOKENIZER_JSON
 */
public final class RestartCheck {
    private static final int RUNS = 2;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RestartCheck FLINK_CONF_DIR LIB_DIR JOB_JAR TOKENIZER_JSON");
            System.exit(2);
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(args[0]);
        List<URL> lib = new ArrayList<>();
        File[] jars = new File(args[1]).listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalArgumentException("no jars in " + args[1]);
        }
        for (File jar : jars) {
            lib.add(jar.toURI().toURL());
        }
        ClassLoader flinkLib = new URLClassLoader(lib.toArray(new URL[0]), RestartCheck.class.getClassLoader());
        URL jobJar = new File(args[2]).toURI().toURL();
        Path tokenizerJson = Path.of(args[3]);

        System.out.println("parent-first additional: " + conf.get(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL));
        int failures = 0;
        for (int run = 1; run <= RUNS; run++) {
            try (MutableURLClassLoader userCode = FlinkUserCodeClassLoaders.create(new URL[] {jobJar}, flinkLib, conf)) {
                // task code runs with the user-code loader as context loader; DJL finds its resources through it
                Thread.currentThread().setContextClassLoader(userCode);
                System.out.println("run " + run + ": " + useNativeLibraries(userCode, tokenizerJson));
            } catch (InvocationTargetException e) {
                failures++;
                System.out.println("run " + run + ": FAILED " + rootCause(e));
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static String useNativeLibraries(ClassLoader userCode, Path tokenizerJson) throws Exception {
        Class<?> tokenizerClass = Class.forName("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", true, userCode);
        Object tokenizer = tokenizerClass.getMethod("newInstance", Path.class).invoke(null, tokenizerJson);
        Object encoding = tokenizerClass.getMethod("encode", String.class).invoke(tokenizer, "the printer on floor 3 is on fire");
        long[] ids = (long[]) encoding.getClass().getMethod("getIds").invoke(encoding);
        Class<?> ortEnvironment = Class.forName("ai.onnxruntime.OrtEnvironment", true, userCode);
        Object environment = ortEnvironment.getMethod("getEnvironment").invoke(null);
        return ids.length + " tokens, ONNX Runtime " + environment.getClass().getMethod("getVersion").invoke(environment)
                + ", DJL from " + describe(tokenizerClass.getClassLoader());
    }

    private static String describe(ClassLoader loader) {
        return loader instanceof URLClassLoader && !(loader instanceof MutableURLClassLoader)
                ? "lib/ (parent)" : "the job jar (user code)";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
