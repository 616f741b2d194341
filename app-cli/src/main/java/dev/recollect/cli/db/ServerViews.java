package dev.recollect.cli.db;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The embedded server, its data and its users, for people and as JSON. */
final class ServerViews {
    private ServerViews() {}

    /** Where the data lives, in a line. */
    static String describe(SharedPostgres.Location location) {
        return location.dataDirectory()
                + (location.insideHome()
                        ? " (in the home)"
                        : " (outside the home, which the postgres account cannot enter; recorded in "
                                + location.home().resolve("embedded-cluster.properties") + ")");
    }

    static Map<String, Object> location(SharedPostgres.Location location) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("home", location.home().toString());
        json.put("cluster", location.clusterDirectory().toString());
        json.put("dataDirectory", location.dataDirectory().toString());
        json.put("insideHome", location.insideHome());
        return json;
    }

    static Map<String, Object> server(SharedPostgres.Server server) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("port", server.port());
        json.put("postmasterPid", server.postmasterPid());
        json.put("keeperPid", server.keeperPid());
        json.put("keeperAlive", server.keeperAlive());
        json.put("startedAt", server.startedAt().toString());
        json.put("binaries", server.binaries());
        return json;
    }

    static List<Map<String, Object>> users(List<SharedPostgres.User> users) {
        return users.stream()
                .map(user -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("pid", user.pid());
                    json.put("role", user.role().name().toLowerCase(java.util.Locale.ROOT));
                    json.put("command", user.command());
                    json.put("since", user.since().toString());
                    return json;
                })
                .toList();
    }

    static String user(SharedPostgres.User user) {
        return "  pid " + user.pid() + "  " + user.role().name().toLowerCase(java.util.Locale.ROOT) + "  "
                + user.command() + "  since " + user.since();
    }
}
