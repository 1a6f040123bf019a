/**
 * HDFS (and every other file system the Hadoop client knows) for Sluice: {@link
 * io.sluice.hdfs.HadoopFileSystem} implements {@link io.sluice.fs.FileSystem} on Hadoop's client,
 * {@link io.sluice.hdfs.HdfsFile} is its {@link io.sluice.io.NativeFile}, and {@link
 * io.sluice.hdfs.HadoopFileSystemProvider} routes {@code hdfs://} URIs to it through
 * {@link io.sluice.fs.FileSystem#fromUri}.
 *
 * <h2>Short-circuit and zero-copy reads</h2>
 * With {@code HdfsOptions.builder().shortCircuit(true)} (URI: {@code ?short_circuit=true}) a client
 * on the same host as a DataNode reads local replicas without the DataNode's TCP path, and
 * {@code readBuffer}/{@code readBufferAt}/{@code readRanges} return views of the memory-mapped
 * block files, checksums verified from the block's {@code .meta} file. No native libhadoop is
 * needed. The DataNode must allow the client's user to ask for block paths:
 * <pre>{@code
 * <!-- hdfs-site.xml of the DataNode -->
 * <property><name>dfs.block.local-path-access.user</name><value>alice</value></property>
 * }</pre>
 * and the client must be able to read the DataNode's block files (same OS user, or group read
 * access to {@code dfs.datanode.data.dir}). Without that, reads silently take the normal path;
 * {@link io.sluice.hdfs.HdfsFile#statistics()} shows which path served them. Set
 * {@code dfs.client.read.shortcircuit.skip.checksum=true} (extra conf) to skip the verification.
 */
package io.sluice.hdfs;
