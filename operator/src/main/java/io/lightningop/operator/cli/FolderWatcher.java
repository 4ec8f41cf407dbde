package io.lightningop.operator.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} once files under a folder stopped changing for a moment (editors write
 * in several steps). New sub-folders are watched too.
 */
final class FolderWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);
  private static final long QUIET_MS = 300;

  private final WatchService watch;
  private final Thread thread;
  private final Path ignored;

  /** {@code ignored}: a folder never watched, e.g. $LIGHTNING_HOME when it lies inside the project. */
  FolderWatcher(Path root, Path ignored, Runnable onChange) throws IOException {
    this.ignored = ignored.toAbsolutePath().normalize();
    this.watch = FileSystems.getDefault().newWatchService();
    register(root);
    this.thread = Thread.ofPlatform().daemon().name("project-folder-watcher").start(() -> loop(onChange));
  }

  private void register(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (d.getFileName() != null && d.getFileName().toString().startsWith(".") && !d.equals(dir)) return FileVisitResult.SKIP_SUBTREE;
        if (d.toAbsolutePath().normalize().startsWith(ignored)) return FileVisitResult.SKIP_SUBTREE;
        d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void loop(Runnable onChange) {
    try {
      while (true) {
        WatchKey key = watch.take();
        boolean changed = drain(key);
        // wait until a quiet period passes with no further events
        WatchKey more;
        while ((more = watch.poll(QUIET_MS, TimeUnit.MILLISECONDS)) != null) changed |= drain(more);
        if (changed) onChange.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("project folder watcher stopped", e);
    }
  }

  private boolean drain(WatchKey key) {
    boolean changed = false;
    Path dir = (Path) key.watchable();
    for (var event : key.pollEvents()) {
      if (event.context() instanceof Path p) {
        Path full = dir.resolve(p);
        if (p.getFileName().toString().startsWith(".")) continue; // editor swap files
        if (full.toAbsolutePath().normalize().startsWith(ignored)) continue; // our own data folder
        changed = true;
        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
          try {
            register(full);
          } catch (IOException e) {
            LOG.warn("cannot watch {}: {}", full, e.getMessage());
          }
        }
      } else {
        changed = true; // overflow: assume something changed
      }
    }
    key.reset();
    return changed;
  }

  @Override
  public void close() throws IOException {
    watch.close();
    thread.interrupt();
  }
}
