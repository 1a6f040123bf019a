package io.sluice.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sluice.fs.SubTreeFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PyArrow's {@code FileSystem.equals}: the same kind with equal options. */
class HadoopFileSystemEqualsTest {
  @RegisterExtension
  static final MiniHdfsExtension HDFS = MiniHdfsExtension.shared(new MiniHdfs.Settings(1, true));

  @Test
  void twoConnectionsWithEqualOptionsAreEqual() throws Exception {
    HdfsOptions options = HDFS.hdfs().options().shortCircuit(false).build();
    try (HadoopFileSystem a = HadoopFileSystem.connect(options);
        HadoopFileSystem b = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(false).build());
        HadoopFileSystem other = HadoopFileSystem.connect(HDFS.hdfs().options().shortCircuit(true).build())) {
      assertEquals(a, b);
      assertEquals(a.hashCode(), b.hashCode());
      assertNotEquals(a, other, "different options");
      assertEquals(new SubTreeFileSystem("/x", a), new SubTreeFileSystem("/x", b));
      assertNotEquals(new SubTreeFileSystem("/x", a), new SubTreeFileSystem("/x", other));
      assertNotEquals(a, new SubTreeFileSystem("/", a), "different kinds");
    }
  }
}
