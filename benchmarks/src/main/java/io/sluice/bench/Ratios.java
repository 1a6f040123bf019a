package io.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a JMH CSV result file ({@code -rf csv -rff FILE}) into Markdown tables: the raw scores,
 * then, per benchmark, the best Sluice competitor against each peer measured in the same run.
 *
 * <p>Convention: every benchmark has one {@code @Param} naming the competitor, whose Sluice values
 * start with {@code SLUICE_}; all other params (sizes ...) identify a row. The ratio is "how many
 * times better Sluice is": {@code sluice / peer} for throughput modes, {@code peer / sluice} for
 * time-per-operation modes, so above 1.00 always means Sluice wins.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.sluice.bench.Ratios results.csv}
 */
public final class Ratios {
  static final String SLUICE_PREFIX = "SLUICE_";

  private Ratios() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp benchmarks.jar io.sluice.bench.Ratios JMH_RESULT.csv");
      System.exit(2);
    }
    System.out.print(toMarkdown(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
  }

  /** One JMH result row. */
  record Row(String benchmark, String mode, double score, double error, String unit,
      Map<String, String> params) {}

  static String toMarkdown(List<String> csvLines) {
    List<Row> rows = parse(csvLines);
    StringBuilder out = new StringBuilder();
    out.append("### Raw scores\n\n| benchmark | params | competitor | score | error (99.9%) | unit |\n"
        + "|---|---|---|---:|---:|---|\n");
    for (Row row : rows) {
      String competitorParam = competitorParam(rows, row.benchmark());
      out.append("| ").append(shortName(row.benchmark()))
          .append(" | ").append(otherParams(row, competitorParam))
          .append(" | ").append(competitorParam == null ? "" : row.params().get(competitorParam))
          .append(" | ").append(format(row.score()))
          .append(" | ").append(Double.isNaN(row.error()) ? "" : format(row.error()))
          .append(" | ").append(row.unit()).append(" |\n");
    }
    for (String benchmark : benchmarks(rows)) {
      String competitorParam = competitorParam(rows, benchmark);
      if (competitorParam != null) {
        appendRatios(out, rows, benchmark, competitorParam);
      }
    }
    return out.toString();
  }

  private static void appendRatios(StringBuilder out, List<Row> rows, String benchmark, String competitorParam) {
    List<String> peers = new ArrayList<>();
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row row : rows) {
      if (!row.benchmark().equals(benchmark)) {
        continue;
      }
      String competitor = row.params().get(competitorParam);
      if (!competitor.startsWith(SLUICE_PREFIX) && !peers.contains(competitor)) {
        peers.add(competitor);
      }
      groups.computeIfAbsent(otherParams(row, competitorParam), k -> new ArrayList<>()).add(row);
    }
    out.append("\n### ").append(shortName(benchmark))
        .append(": best Sluice vs each peer (x = times better; > 1.00 means Sluice wins)\n\n")
        .append("| params | best Sluice |");
    for (String peer : peers) {
      out.append(" vs ").append(peer).append(" |");
    }
    out.append("\n|---|---|").append("---:|".repeat(peers.size())).append('\n');
    for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
      Row best = null;
      for (Row row : group.getValue()) {
        if (row.params().get(competitorParam).startsWith(SLUICE_PREFIX)
            && (best == null || better(row, best))) {
          best = row;
        }
      }
      out.append("| ").append(group.getKey()).append(" | ")
          .append(best == null ? "-" : best.params().get(competitorParam)).append(" |");
      for (String peer : peers) {
        Row peerRow = null;
        for (Row row : group.getValue()) {
          if (row.params().get(competitorParam).equals(peer)) {
            peerRow = row;
          }
        }
        out.append(' ').append(best == null || peerRow == null ? "-"
            : String.format(Locale.ROOT, "%.2fx", ratio(best, peerRow))).append(" |");
      }
      out.append('\n');
    }
  }

  /** Times better {@code sluice} is than {@code peer}, whatever the mode. */
  static double ratio(Row sluice, Row peer) {
    return higherIsBetter(sluice) ? sluice.score() / peer.score() : peer.score() / sluice.score();
  }

  private static boolean better(Row a, Row b) {
    return higherIsBetter(a) ? a.score() > b.score() : a.score() < b.score();
  }

  private static boolean higherIsBetter(Row row) {
    return row.mode().equals("thrpt");
  }

  /** The param whose values include a {@code SLUICE_} name, or null when the benchmark has none. */
  static String competitorParam(List<Row> rows, String benchmark) {
    for (Row row : rows) {
      if (row.benchmark().equals(benchmark)) {
        for (Map.Entry<String, String> param : row.params().entrySet()) {
          if (param.getValue().startsWith(SLUICE_PREFIX)) {
            return param.getKey();
          }
        }
      }
    }
    return null;
  }

  private static List<String> benchmarks(List<Row> rows) {
    List<String> names = new ArrayList<>();
    for (Row row : rows) {
      if (!names.contains(row.benchmark())) {
        names.add(row.benchmark());
      }
    }
    return names;
  }

  private static String otherParams(Row row, String competitorParam) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, String> param : row.params().entrySet()) {
      if (!param.getKey().equals(competitorParam)) {
        s.append(s.length() == 0 ? "" : ", ").append(param.getKey()).append('=').append(param.getValue());
      }
    }
    return s.length() == 0 ? "-" : s.toString();
  }

  private static String shortName(String benchmark) {
    String[] parts = benchmark.split("\\.");
    return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static List<Row> parse(List<String> csvLines) {
    if (csvLines.isEmpty()) {
      throw new IllegalArgumentException("empty JMH CSV: no header line");
    }
    List<String> header = fields(csvLines.get(0));
    int benchmark = column(header, "Benchmark");
    int mode = column(header, "Mode");
    int score = column(header, "Score");
    int error = column(header, "Score Error (99.9%)");
    int unit = column(header, "Unit");
    List<Row> rows = new ArrayList<>();
    for (String line : csvLines.subList(1, csvLines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(line);
      if (f.get(benchmark).contains(":")) {
        continue; // secondary metrics of profilers (":gc.alloc.rate" ...) are not ranked
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).startsWith("Param: ") && i < f.size() && !f.get(i).isEmpty()) {
          params.put(header.get(i).substring("Param: ".length()), f.get(i));
        }
      }
      rows.add(new Row(f.get(benchmark), f.get(mode), Double.parseDouble(f.get(score)),
          parseOrNaN(f.get(error)), f.get(unit), params));
    }
    return rows;
  }

  private static double parseOrNaN(String s) {
    return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
  }

  private static int column(List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("not a JMH CSV: no column '" + name + "' in " + header);
    }
    return i;
  }

  /** Splits one CSV line; JMH quotes text fields with {@code "} and doubles embedded quotes. */
  static List<String> fields(String line) {
    Objects.requireNonNull(line, "line");
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
