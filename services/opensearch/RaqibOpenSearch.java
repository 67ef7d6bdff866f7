import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one OpenSearch 2.19 node for raqib's local services (`raqib services up`).
 *
 * Why a launcher instead of OpenSearchRunner's own main(): that main hides start-up errors
 * (it exits 1 without a message) and refuses HTTP ports above 9299. This one binds to
 * loopback, accepts any port, prints the cause of a failure and exits non-zero.
 * Usage: java -cp 'jars/*' RaqibOpenSearch.java BASE_PATH HTTP_PORT CLUSTER_NAME
 */
public class RaqibOpenSearch {
    public static void main(String[] args) throws Exception {
        String basePath = args[0];
        int httpPort = Integer.parseInt(args[1]);
        String clusterName = args.length > 2 ? args[2] : "raqib";
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("raqib: error while stopping OpenSearch: " + e);
            }
        }));
        try {
            runner.onBuild((index, settings) -> {
                settings.put("network.host", "127.0.0.1");
                settings.put("http.port", String.valueOf(httpPort));
                settings.put("transport.port", String.valueOf(httpPort + 100));
                settings.put("discovery.type", "single-node");
                settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
                settings.put("action.auto_create_index", "true");
            }).build("-basePath", basePath, "-numOfNode", "1",
                     "-baseHttpPort", String.valueOf(httpPort - 1), "-clusterName", clusterName);
        } catch (Throwable t) {
            System.err.println("raqib: OpenSearch failed to start: " + t);
            for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                System.err.println("  caused by: " + c);
            }
            System.exit(1);
        }
        System.out.println("raqib: OpenSearch listening on http://127.0.0.1:" + httpPort);
        while (!runner.isClosed()) {
            Thread.sleep(2000);
        }
    }
}
