package io.platform.e2e.harness;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar e2e-tests/target/platform-bench.jar load [--rate 100] [--duration 60] [--warm] [--keep] [--no-write]}
 * <br>{@code java -jar e2e-tests/target/platform-bench.jar faults [--requests 1000] [--rate 50] [--only NAME,...]}
 * <p>Run from the repository root with the modules built ({@code ./mvnw -q -DskipTests package}).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || arguments.contains("--help")) {
            System.out.println("usage: platform-bench.jar load [--rate 100] [--duration 60] [--warm] [--keep] [--no-write]");
            System.out.println("       platform-bench.jar faults [--requests 1000] [--rate 50] [--only kill-gateway-service,...] [--no-write]");
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        StackControl stack = new StackControl(root, root.resolve(".platform").resolve("logs").resolve("bench"));
        Path benchmarks = arguments.contains("--no-write") ? null : root.resolve("BENCHMARKS.md");
        switch (arguments.get(0)) {
            case "load" -> {
                var options = new LoadBenchmark.Options(number(arguments, "--rate", 100), (int) number(arguments, "--duration", 60),
                        !arguments.contains("--warm"), arguments.contains("--keep"), benchmarks);
                System.out.println(new LoadBenchmark(stack, System.out::println).run(options));
            }
            case "faults" -> {
                Path reliability = arguments.contains("--no-write") ? null : root.resolve("RELIABILITY.md");
                var suite = new FaultSuite(stack, new PlatformClient(), System.out::println);
                var options = new FaultSuite.Options((int) number(arguments, "--requests", 1000), number(arguments, "--rate", 50),
                        value(arguments, "--only"), reliability);
                boolean passed = suite.run(options);
                System.exit(passed ? 0 : 1);
            }
            default -> {
                System.err.println("unknown command " + arguments.get(0));
                System.exit(2);
            }
        }
    }

    private static double number(List<String> arguments, String name, double fallback) {
        String value = value(arguments, name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    private static String value(List<String> arguments, String name) {
        int at = arguments.indexOf(name);
        return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : null;
    }
}
