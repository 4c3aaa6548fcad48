package org.wildex.ops.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small ext4 file system of its own (an image file on a loop device, mounted with {@code errors=remount-ro}) for the
 * hub's data directory, so a test can fill it or make the kernel turn it read-only, as a failing disk would, while the
 * hub runs. Needs root, {@code mount} with loop devices and e2fsprogs: present on the CI machine, where {@code .ci/run}
 * sets {@code -Dwildex.disk.required=true} so a missing piece fails the test instead of skipping it.
 */
final class LoopDisk implements AutoCloseable {

  private static final Path FILLER = Path.of("filler");

  private final Path image;
  private final Path mountPoint;

  private LoopDisk(Path image, Path mountPoint) {
    this.image = image;
    this.mountPoint = mountPoint;
  }

  /** Creates an ext4 image of {@code sizeMiB} (no blocks reserved for root) and mounts it at {@code mountPoint}. */
  static LoopDisk create(Path image, Path mountPoint, int sizeMiB) throws Exception {
    requireAvailable();
    Files.createDirectories(mountPoint);
    run("truncate", "-s", sizeMiB + "M", image.toString());
    run("mkfs.ext4", "-q", "-F", "-m", "0", image.toString());
    LoopDisk disk = new LoopDisk(image, mountPoint);
    disk.mount();
    return disk;
  }

  Path mountPoint() {
    return mountPoint;
  }

  /** Takes all free space but {@code leaveBytes} with one preallocated file. */
  void fill(long leaveBytes) throws Exception {
    long usable = Files.getFileStore(mountPoint).getUsableSpace();
    run("fallocate", "-l", Long.toString(Math.max(0, usable - leaveBytes)), mountPoint.resolve(FILLER).toString());
  }

  void unfill() throws IOException {
    Files.deleteIfExists(mountPoint.resolve(FILLER));
  }

  /** Makes ext4 report an error: with {@code errors=remount-ro} the kernel turns the mount read-only at once. */
  void failReadOnly() throws Exception {
    String device = Path.of(run("findmnt", "-n", "-o", "SOURCE", mountPoint.toString()).trim()).getFileName().toString();
    Files.writeString(Path.of("/sys/fs/ext4", device, "trigger_fs_error"), "wildex test: disk failing\n");
    // access() may still say writable ("emergency_ro" is not a read-only mount flag): only a write tells
    try {
      Files.writeString(mountPoint.resolve("after-error"), "x");
    } catch (IOException expected) {
      return;
    }
    throw new IllegalStateException(mountPoint + " still takes writes after an ext4 error");
  }

  /** What an operator does once the hub is stopped: unmount, check and repair the file system, mount it again. */
  void repair() throws Exception {
    run("umount", mountPoint.toString());
    // e2fsck exits 1 when it corrected errors, which is the point here
    run(List.of(0, 1), "e2fsck", "-f", "-y", image.toString());
    mount();
  }

  @Override
  public void close() throws Exception {
    run(List.of(0, 32), "umount", mountPoint.toString());
  }

  private void mount() throws Exception {
    run("mount", "-o", "loop,errors=remount-ro", image.toString(), mountPoint.toString());
  }

  /** Skips the test (or fails it when required) unless this machine can mount loop devices. */
  static void requireAvailable() {
    String missing = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      missing = "root (to mount a loop device)";
    } else if (!Files.exists(Path.of("/dev/loop-control"))) {
      missing = "loop devices (/dev/loop-control)";
    } else {
      for (String tool : List.of("mkfs.ext4", "e2fsck", "mount", "fallocate", "findmnt")) {
        if (!onPath(tool)) {
          missing = tool;
          break;
        }
      }
    }
    if (missing == null) {
      return;
    }
    String why = "the disk fault tests need " + missing;
    if (Boolean.getBoolean("wildex.disk.required")) {
      fail(why + " (required: -Dwildex.disk.required=true)");
    }
    Assumptions.abort(why + " (skipped; .ci/run requires it)");
  }

  private static boolean onPath(String tool) {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(String... command) throws Exception {
    return run(List.of(0), command);
  }

  private static String run(List<Integer> okExitCodes, String... command) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
    }
    if (!okExitCodes.contains(p.exitValue())) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + output.trim());
    }
    return output;
  }
}
