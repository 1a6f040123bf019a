package io.sluice.hdfs;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a running {@link MiniHdfs}. Register it as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));
 * }</pre>
 * {@link #shared} reuses one cluster per JVM for all classes asking for the same settings (closed
 * when the test run ends); {@link #perClass} starts a cluster for this class alone and stops it
 * after the class, for tests that stop DataNodes or otherwise damage the cluster.
 */
public final class MiniHdfsExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MiniHdfsExtension.class);

  private final MiniHdfs.Settings settings;
  private final boolean shared;
  private MiniHdfs hdfs;

  private MiniHdfsExtension(MiniHdfs.Settings settings, boolean shared) {
    this.settings = settings;
    this.shared = shared;
  }

  public static MiniHdfsExtension shared(MiniHdfs.Settings settings) {
    return new MiniHdfsExtension(settings, true);
  }

  public static MiniHdfsExtension perClass(MiniHdfs.Settings settings) {
    return new MiniHdfsExtension(settings, false);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (shared) {
      // The root store closes its AutoCloseable values when the whole run ends.
      ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
      hdfs = store.getOrComputeIfAbsent(settings, key -> startUnchecked(), MiniHdfs.class);
    } else {
      hdfs = MiniHdfs.start(settings);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!shared && hdfs != null) {
      hdfs.close();
    }
    hdfs = null;
  }

  private MiniHdfs startUnchecked() {
    try {
      return MiniHdfs.start(settings);
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + settings, e);
    }
  }

  /** The running cluster; only valid between beforeAll and afterAll. */
  public MiniHdfs hdfs() {
    if (hdfs == null) {
      throw new IllegalStateException("MiniHdfsExtension is not started; register it as a static @RegisterExtension field");
    }
    return hdfs;
  }
}
