package org.wildex.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tells whether any of a few files changed (modification time or size), looking at most once per interval so that a
 * hot path may ask on every call.
 */
public final class FileWatch {

  private final List<Path> files;
  private final long intervalNanos;
  private List<Object> seen;
  private volatile long nextLook;

  /** Starts from the files as they are now. */
  public FileWatch(List<Path> files, Duration interval) {
    this.files = List.copyOf(files);
    this.intervalNanos = interval.toNanos();
    this.seen = stamps();
    this.nextLook = System.nanoTime() + intervalNanos;
  }

  /** True once after any of the files changed since the last true (or since the start). */
  public boolean changed() {
    if (System.nanoTime() - nextLook < 0) {
      return false; // the common case, without taking the lock
    }
    synchronized (this) {
      long now = System.nanoTime();
      if (now - nextLook < 0) {
        return false;
      }
      nextLook = now + intervalNanos;
      List<Object> current = stamps();
      if (current.equals(seen)) {
        return false;
      }
      seen = current;
      return true;
    }
  }

  /** Makes the next look report a change (after reading the files failed, say, so that it is tried again). */
  public synchronized void forget() {
    seen = List.of();
  }

  private List<Object> stamps() {
    List<Object> stamps = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        stamps.add(List.of(modified, Files.size(file)));
      } catch (IOException e) {
        stamps.add(Objects.toString(e.getClass().getSimpleName()));
      }
    }
    return stamps;
  }
}
