/**
 * Abstract contract suites for {@link io.sluice.io.NativeFile}, written once and run against every
 * kind of file: {@link io.sluice.io.contract.SequentialReaderContract} (any readable file),
 * {@link io.sluice.io.contract.RandomAccessReaderContract} (seekable readers; includes the
 * sequential suite) and {@link io.sluice.io.contract.WriterContract} (any writable file).
 *
 * <p>Other modules use them through connector-core's test jar:
 * <pre>{@code
 * <dependency>
 *   <groupId>io.sluice</groupId>
 *   <artifactId>connector-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and extend a suite with the factory methods ({@code openReader(byte[])}, or {@code openWriter()}
 * plus {@code finish(writer)}) and the capability hooks where their kind legitimately differs
 * ({@code allowsSeekPastEnd()}, {@code readsAreZeroCopy()}, {@code capacity()}). Helpers for
 * hostile inputs ({@link io.sluice.io.contract.HostileInputStreams},
 * {@link io.sluice.io.contract.ByteArrayChannel}) live here too.
 */
package io.sluice.io.contract;
