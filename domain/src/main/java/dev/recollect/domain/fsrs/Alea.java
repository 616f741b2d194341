package dev.recollect.domain.fsrs;

/**
 * Johannes Baagøe's Alea generator, as ts-fsrs (and seedrandom) implement it in JavaScript, reproduced with
 * doubles and JavaScript's {@code >>> 0} (ToUint32) and {@code | 0} (ToInt32) so that the same seed gives the same
 * numbers bit for bit.
 */
final class Alea {
    private static final double TWO_TO_MINUS_32 = 2.3283064365386963e-10;
    private static final double TWO_TO_32 = 4294967296.0;

    private double c = 1;
    private double s0;
    private double s1;
    private double s2;

    Alea(String seed) {
        Mash mash = new Mash();
        s0 = mash.mash(" ");
        s1 = mash.mash(" ");
        s2 = mash.mash(" ");
        s0 -= mash.mash(seed);
        if (s0 < 0) {
            s0 += 1;
        }
        s1 -= mash.mash(seed);
        if (s1 < 0) {
            s1 += 1;
        }
        s2 -= mash.mash(seed);
        if (s2 < 0) {
            s2 += 1;
        }
    }

    /** The next number in [0, 1). */
    double next() {
        double t = 2091639 * s0 + c * TWO_TO_MINUS_32;
        s0 = s1;
        s1 = s2;
        c = (int) (long) t;
        s2 = t - c;
        return s2;
    }

    /** Alea's seed hash; its state carries over from one call to the next. */
    private static final class Mash {
        private double n = 4022871197.0;

        double mash(String data) {
            for (int i = 0; i < data.length(); i++) {
                n += data.charAt(i);
                double h = 0.02519603282416938 * n;
                n = toUint32(h);
                h -= n;
                h *= n;
                n = toUint32(h);
                h -= n;
                n += h * TWO_TO_32;
            }
            return toUint32(n) * TWO_TO_MINUS_32;
        }

        private static double toUint32(double x) {
            return (double) (((long) x) & 0xFFFFFFFFL);
        }
    }
}
