import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.PackageLeaves;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.routes.process.PackageCommitter;

/**
 * The validate stage's own work (what {@code ValidatePackage} calls: {@code PackageCodec.parse}, then
 * {@code PackageCommitter.check}: leaves, Merkle root, the originator's detached signature) on the bench's packages, in
 * one thread of an otherwise idle JVM: CPU per package over the first 1,000 packages (cold) and over the last half of
 * the run (warm), beside the parts (Yasson's binding alone, the leaves alone). Compare with the hub's
 * {@code wildex.process.validate} row of a bench run.
 *
 * <pre>
 *   java -cp ops/target/wildex.jar ops/bench/ValidateWarm.java 40000
 * </pre>
 */
public class ValidateWarm {
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args.length > 0 ? args[0] : "40000");
    Path dir = Files.createTempDirectory("wildex-validate");
    DemoPki.create(dir.resolve("pki"), List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256)));
    KeyHolder eia = new Workdir(dir).keys("eia");
    X509Certificate signer = eia.certificate();

    // the bench's own package generator (package-private): 16 KiB, 4 recipients
    Class<?> factory = Class.forName("org.wildex.ops.bench.PackageFactory");
    Constructor<?> make = factory.getDeclaredConstructors()[0];
    make.setAccessible(true);
    Object packages = make.newInstance(null, null, 16 * 1024, 4);
    Method json = factory.getDeclaredMethod("json", int.class, String.class);
    json.setAccessible(true);
    byte[][] submitted = new byte[200][];
    for (int i = 0; i < submitted.length; i++) {
      IntelligencePackage p = PackageCodec.parse((byte[]) json.invoke(packages, i, "eia"));
      submitted[i] = PackageCodec.toJson(PackageCommitter.commit(p, eia));
    }

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cold = 0;
    long[] warm = new long[3];
    for (int r = 0; r < rounds; r++) {
      byte[] b = submitted[r % submitted.length];
      long t0 = threads.getCurrentThreadCpuTime();
      PackageCommitter.check(PackageCodec.parse(b), signer);
      long t1 = threads.getCurrentThreadCpuTime();
      IntelligencePackage bound = PackageCodec.fromJson(b, IntelligencePackage.class);
      long t2 = threads.getCurrentThreadCpuTime();
      PackageLeaves.of(bound);
      long t3 = threads.getCurrentThreadCpuTime();
      if (r < 1000) {
        cold += t1 - t0;
      }
      if (r >= rounds / 2) {
        warm[0] += t1 - t0;
        warm[1] += t2 - t1;
        warm[2] += t3 - t2;
      }
    }
    int measured = rounds - rounds / 2;
    System.out.printf("%d bytes a package; validate (parse + schema + bind + commitment check): first 1000 %.3f ms, "
        + "last %d %.3f ms CPU per package; of which Yasson's binding alone %.3f ms, leaves alone %.3f ms%n",
        submitted[0].length, cold / 1e6 / 1000, measured, warm[0] / 1e6 / measured, warm[1] / 1e6 / measured,
        warm[2] / 1e6 / measured);
  }
}
