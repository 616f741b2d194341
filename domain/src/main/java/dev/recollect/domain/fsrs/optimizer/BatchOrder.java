package dev.recollect.domain.fsrs.optimizer;

/**
 * The order batches are visited in each epoch, exactly as fsrs-rs draws it: rand's {@code StdRng} (ChaCha12) seeded
 * with {@code seed_from_u64}, and rand's Fisher–Yates shuffle over {@code IncreasingUniform}. One generator, created
 * once, continues across epochs; each epoch shuffles {@code 0..B−1} afresh. Any seeded shuffle would train as well;
 * this one gives fsrs-rs's parameters to the last digits.
 */
final class BatchOrder {
    private final int[] key = new int[8];
    private final int[] block = new int[16];
    private long counter;
    private int used = 16;

    BatchOrder(long seed) {
        long state = seed;
        for (int i = 0; i < 8; i++) {
            state = state * 0x5851F42D4C957F2DL + 0xA17654E46FBE17F3L;
            int xorshifted = (int) (((state >>> 18) ^ state) >>> 27);
            int rot = (int) (state >>> 59);
            key[i] = Integer.rotateRight(xorshifted, rot);
        }
    }

    /** The next epoch's order of {@code batches} batches. */
    int[] next(int batches) {
        int[] order = new int[batches];
        for (int i = 0; i < batches; i++) {
            order[i] = i;
        }
        if (batches <= 1) {
            return order;
        }
        long n = 0;
        long chunk = 0;
        int left = 1;
        for (int i = 0; i < batches; i++) {
            long next = n + 1;
            if (left == 0) {
                long product = next;
                long current = next + 1;
                while (product * current <= 0xFFFFFFFFL) {
                    product *= current;
                    current++;
                }
                chunk = below(product);
                left = (int) (current - next) - 1;
            } else {
                left--;
            }
            long j;
            if (left == 0) {
                j = chunk;
            } else {
                j = chunk % next;
                chunk /= next;
            }
            int swap = order[i];
            order[i] = order[(int) j];
            order[(int) j] = swap;
            n = next;
        }
        return order;
    }

    /** A uniform draw from {@code [0, n)}, for {@code 0 < n < 2^32}, as rand 0.10 draws a {@code u32} range. */
    long below(long n) {
        long x = nextU32();
        long m = x * n;
        long hi = m >>> 32;
        long lo = m & 0xFFFFFFFFL;
        long threshold = (0x1_0000_0000L - n) & 0xFFFFFFFFL;
        if (lo > threshold) {
            long y = nextU32();
            long carry = (y * n) >>> 32;
            if (lo + carry >= 0x1_0000_0000L) {
                hi++;
            }
        }
        return hi;
    }

    /** The generator's next 32 bits, unsigned. */
    long nextU32() {
        if (used == 16) {
            refill();
        }
        return block[used++] & 0xFFFFFFFFL;
    }

    private void refill() {
        int[] input = {
            0x61707865,
            0x3320646e,
            0x79622d32,
            0x6b206574,
            key[0],
            key[1],
            key[2],
            key[3],
            key[4],
            key[5],
            key[6],
            key[7],
            (int) counter,
            (int) (counter >>> 32),
            0,
            0
        };
        int[] x = input.clone();
        for (int round = 0; round < 6; round++) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 1, 5, 9, 13);
            quarter(x, 2, 6, 10, 14);
            quarter(x, 3, 7, 11, 15);
            quarter(x, 0, 5, 10, 15);
            quarter(x, 1, 6, 11, 12);
            quarter(x, 2, 7, 8, 13);
            quarter(x, 3, 4, 9, 14);
        }
        for (int i = 0; i < 16; i++) {
            block[i] = x[i] + input[i];
        }
        counter++;
        used = 0;
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }
}
