package io.sluice.fs;

/** What {@link FileSystems#copyFiles} did: files published, source bytes read. */
public record CopyResult(int files, long bytes) {}
