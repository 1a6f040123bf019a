package io.sluice.cli;

import io.sluice.fs.FileInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice mv SRC... DST}: renames within one file system; between file systems it copies
 * (atomically, bytes unchanged) and then deletes the sources. Never replaces a file without {@code -f}.
 */
@Command(name = "mv", customSynopsis = "sluice mv [-f] SRC... DST", description = {"Move or rename files and directories.",
    "Within one file system a rename; between file systems a copy (bytes unchanged) followed by deleting the"
        + " source. An existing file is never replaced without -f (exit 6)."})
final class MvCommand implements Callable<Integer> {
  @CommandLine.Mixin
  CommonOptions.Help help;

  @Parameters(arity = "2..*", paramLabel = "SRC|DST", description = "Sources (paths, URIs or globs), then the destination.")
  List<String> locations;

  @Option(names = {"-f", "--force"}, description = "Replace existing destination files.")
  boolean force;

  @Override
  public Integer call() {
    List<String> sources = locations.subList(0, locations.size() - 1);
    String dst = locations.get(locations.size() - 1);
    if (sources.contains("-") || dst.equals("-")) {
      throw CliException.usage("mv does not take - (standard input or output); use cp");
    }
    try (Locations resolver = new Locations()) {
      Location to = resolver.locate(dst);
      List<Location> from = new ArrayList<>();
      for (String source : sources) {
        from.addAll(resolver.expand(source, true));
      }
      FileInfo toInfo = to.info();
      if (from.size() > 1 && !toInfo.isDirectory()) {
        if (!toInfo.exists()) {
          throw new CliException(CliErrors.NO_SUCH_FILE, dst + ": no such directory (several sources need an"
              + " existing directory as destination)");
        }
        throw CliException.wrongType(dst, "not a directory (several sources need a directory as destination)");
      }
      for (Location source : from) {
        Location target = toInfo.isDirectory() ? to.child(source.baseName()) : to;
        if (source.sameFileSystem(target)) {
          rename(source, target);
        } else {
          moveAcross(resolver, source, target);
        }
      }
    }
    return 0;
  }

  private void rename(Location source, Location target) {
    FileInfo sourceInfo = source.info();
    FileInfo targetInfo = target.info();
    if (targetInfo.exists()) {
      if (sourceInfo.isFile() && targetInfo.isDirectory()) {
        throw CliException.wrongType(target.given(), "is a directory (a file was expected)");
      }
      if (sourceInfo.isDirectory() && targetInfo.isFile()) {
        throw CliException.wrongType(target.given(), "not a directory (cannot move directory " + source.given()
            + " onto a file)");
      }
      if (sourceInfo.isDirectory() || !force) {
        throw CliException.alreadyExists(target.given(), sourceInfo.isFile() ? " (use -f to replace it)" : "");
      }
    }
    String parentPath = target.path().substring(0, Math.max(1, target.path().lastIndexOf('/')));
    if (!target.at(parentPath, parentPath).info().isDirectory()) {
      throw new CliException(CliErrors.NO_SUCH_FILE, target.given() + ": parent directory does not exist");
    }
    try {
      source.fs().move(source.path(), target.path());
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(source.given(), e);
    }
  }

  private void moveAcross(Locations resolver, Location source, Location target) {
    Copier copier = new Copier(new Copier.Settings(force, false, true, true, 4, 1 << 20), ProgressReporter.none());
    Location writable = resolver.forWriting(target);
    FileInfo targetInfo = writable.info();
    if (source.info().isDirectory() && targetInfo.isDirectory()) {
      throw CliException.alreadyExists(target.given(), "");
    }
    copier.copyAll(copier.plan(List.of(source), writable));
    try {
      if (source.info().isDirectory()) {
        source.fs().deleteDir(source.path());
      } else {
        source.fs().deleteFile(source.path());
      }
    } catch (IOException | RuntimeException e) {
      throw CliErrors.at(source.given(), e);
    }
  }
}
