package io.sluice.testing;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test (or test class) that ends with more Sluice pool memory allocated than it started
 * with, naming the amount; with {@code -Dsluice.memory.debugAllocations=true} the failure also
 * shows where each live allocation was made.
 *
 * <p>Registered for every test through JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}, set in the root pom's surefire
 * configuration). It reads the {@code io.sluice:type=Memory} MXBean rather than calling Sluice
 * classes, so this artifact does not depend on connector-core and core's own tests can use it.
 * Before this JVM allocated any Sluice memory the bean does not exist and the count is zero.
 *
 * <p>Memory dropped without {@code close()} counts as leaked: a test that means to show garbage
 * collection giving memory back must wait for that itself.
 */
public final class MemoryLeakExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final String BEAN = "io.sluice:type=Memory";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MemoryLeakExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put("class", outstandingBytes());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    check(context, "class", "test class " + context.getDisplayName());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put("test", outstandingBytes());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    check(context, "test", "test " + context.getDisplayName());
  }

  private static void check(ExtensionContext context, String key, String what) {
    Long before = context.getStore(NAMESPACE).get(key, Long.class);
    long after = outstandingBytes();
    if (before != null && after > before) {
      throw new AssertionError(what + " leaked " + (after - before) + " bytes of Sluice pool memory ("
          + before + " allocated before, " + after + " after)\n" + attribute("OutstandingAllocationSites"));
    }
  }

  /** Live Sluice pool bytes in this JVM, 0 before any pool was used. */
  public static long outstandingBytes() {
    Object value = attribute("OutstandingBytes");
    return value instanceof Long ? (Long) value : 0L;
  }

  private static Object attribute(String name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      return server.getAttribute(new ObjectName(BEAN), name);
    } catch (InstanceNotFoundException e) {
      return null;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + BEAN + "." + name, e);
    }
  }
}
