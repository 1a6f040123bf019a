package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {
  private static final String HEADER =
      "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
          + "\"Param: allocator\",\"Param: size\"";

  private static String row(String allocator, int size, double score) {
    return "\"io.sluice.bench.memory.AllocateFree.allocateAndFree\",\"thrpt\",1,5," + score + ",1.5,\"ops/s\","
        + allocator + "," + size;
  }

  @Test
  void comparesTheBestSluiceCompetitorWithEachPeerPerSize() {
    String markdown = Ratios.toMarkdown(List.of(HEADER,
        row("SLUICE_ARENA", 64, 300), row("SLUICE_SYSTEM", 64, 100), row("NETTY_POOLED", 64, 200),
        row("ARROW_ROOT", 64, 100),
        row("SLUICE_ARENA", 4096, 50), row("SLUICE_SYSTEM", 4096, 90), row("NETTY_POOLED", 4096, 100),
        row("ARROW_ROOT", 4096, 30)));

    assertTrue(markdown.contains("| params | best Sluice | vs NETTY_POOLED | vs ARROW_ROOT |"), markdown);
    assertTrue(markdown.contains("| size=64 | SLUICE_ARENA | 1.50x | 3.00x |"), markdown);
    assertTrue(markdown.contains("| size=4096 | SLUICE_SYSTEM | 0.90x | 3.00x |"), markdown);
    assertTrue(markdown.contains("| AllocateFree.allocateAndFree | size=64 | SLUICE_ARENA | 300 | 2 | ops/s |"),
        markdown);
  }

  @Test
  void timePerOperationModesInvertTheRatio() {
    Ratios.Row sluice = new Ratios.Row("b", "avgt", 10, 0, "ns/op", java.util.Map.of());
    Ratios.Row peer = new Ratios.Row("b", "avgt", 25, 0, "ns/op", java.util.Map.of());
    assertEquals(2.5, Ratios.ratio(sluice, peer), 1e-12);
  }

  @Test
  void quotedFieldsKeepCommasAndDoubledQuotes() {
    assertEquals(List.of("a,b", "say \"hi\"", "3"), Ratios.fields("\"a,b\",\"say \"\"hi\"\"\",3"));
  }

  @Test
  void aFileWithoutJmhColumnsIsRejectedNamingTheColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ratios.toMarkdown(List.of("\"Name\",\"Value\"")));
    assertTrue(e.getMessage().contains("Benchmark"), e.getMessage());
  }
}
