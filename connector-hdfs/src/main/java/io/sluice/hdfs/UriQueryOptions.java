package io.sluice.hdfs;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query of a file system URI, read as untrusted input: only the keys of the allow-list may
 * appear, so no URI can name a class, a file system implementation or a security setting.
 *
 * <p>Allowed: {@code user}, {@code replication}, {@code buffer_size}, {@code default_block_size},
 * {@code kerb_ticket}, {@code short_circuit} (a boolean that only switches on two
 * {@code dfs.client.} booleans), and Hadoop client tuning keys {@code dfs.client.*} whose value is
 * a number ({@code 5000}, {@code 0.5}, {@code -1}), a boolean ({@code true}/{@code false}) or a
 * duration ({@code 30s}, {@code 500ms}). Keys are exact and case-sensitive, as Hadoop's are.
 *
 * <p>Anything else is an {@link IllegalArgumentException} naming the key: a key outside the list,
 * a {@code dfs.client.} value of another shape (a class name, a path, a {@code ${variable}}),
 * a repeated key (two values for one setting are ambiguous, so neither is taken), an empty key,
 * an empty parameter ({@code a=1&&b=2}), a parameter without {@code =}, and a malformed percent
 * escape. Keys and values are percent-decoded (form decoding: {@code +} is a space) before they
 * are checked, so an encoded key is judged by what it decodes to.
 */
final class UriQueryOptions {
  private static final Pattern DFS_CLIENT_KEY = Pattern.compile("dfs\\.client\\.[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,19})?");
  private static final Pattern BOOLEAN = Pattern.compile("(?i)true|false");
  /** Hadoop's {@code Configuration.getTimeDuration} units. */
  private static final Pattern DURATION = Pattern.compile("[0-9]{1,19}(ns|us|ms|s|m|h|d)");

  private UriQueryOptions() {}

  /** Applies the query of {@code uri} to {@code builder}; throws on anything not allowed. */
  static void apply(URI uri, HdfsOptions.Builder builder) {
    for (Map.Entry<String, String> parameter : parse(uri).entrySet()) {
      apply(builder, parameter.getKey(), parameter.getValue());
    }
  }

  /** The decoded parameters in URI order; rejects empty, valueless, malformed and repeated ones. */
  static Map<String, String> parse(URI uri) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        throw new IllegalArgumentException("empty query parameter in URI query '" + query + "'");
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("query parameter '" + decode(pair, pair)
            + "' has no value (expected key=value)");
      }
      String key = decode(pair.substring(0, eq), pair);
      String value = decode(pair.substring(eq + 1), pair);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("query parameter '" + pair + "' has an empty key");
      }
      if (parameters.containsKey(key)) {
        throw new IllegalArgumentException("query key '" + key + "' is repeated; give each key once");
      }
      parameters.put(key, value);
    }
    return parameters;
  }

  private static void apply(HdfsOptions.Builder builder, String key, String value) {
    switch (key) {
      case "user" -> builder.user(value);
      case "replication" -> builder.replication(parseInt(key, value));
      case "buffer_size" -> builder.bufferSize(parseInt(key, value));
      case "default_block_size" -> builder.defaultBlockSize(parseLong(key, value));
      case "kerb_ticket" -> builder.kerberosTicketCache(value);
      case "short_circuit" -> builder.shortCircuit(parseBoolean(key, value));
      default -> builder.extraConf(checkedClientTuningKey(key, value), value);
    }
  }

  private static String checkedClientTuningKey(String key, String value) {
    if (!DFS_CLIENT_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("URI query key '" + key + "' may not be set from a URI; allowed: user, "
          + "replication, buffer_size, default_block_size, kerb_ticket, short_circuit and dfs.client.* tuning keys"
          + " (other Hadoop settings come from HdfsOptions.extraConf or the site files)");
    }
    if (!NUMBER.matcher(value).matches() && !BOOLEAN.matcher(value).matches()
        && !DURATION.matcher(value).matches()) {
      throw new IllegalArgumentException("URI query key '" + key + "' must have a number, a boolean or a duration"
          + " (30s) as its value from a URI, not '" + value + "'");
    }
    return key;
  }

  private static int parseInt(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: '" + value + "'", e);
    }
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: '" + value + "'", e);
    }
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false: '" + value + "'");
    };
  }

  private static String decode(String s, String pair) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed percent escape in query parameter '" + pair + "': "
          + e.getMessage(), e);
    }
  }
}
