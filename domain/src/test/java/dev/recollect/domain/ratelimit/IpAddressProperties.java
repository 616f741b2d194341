package dev.recollect.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * {@link IpAddress} against the JDK's own literal parser ({@code InetAddress.getByName} parses a literal without a
 * look-up): every address in every spelling comes back in one canonical form, and whatever it accepts is an address.
 */
class IpAddressProperties {
    @SeededProperty
    void everyIpv4AddressReadsBackAsWritten(@ForAll @Size(4) byte[] bytes) throws UnknownHostException {
        String dotted = InetAddress.getByAddress(bytes).getHostAddress();
        assertThat(IpAddress.parse(dotted)).contains(new IpAddress(dotted));
    }

    @SeededProperty
    void everySpellingOfAnIpv6AddressHasOneCanonicalForm(@ForAll("ipv6") byte[] bytes) throws UnknownHostException {
        // A mapped address reads as its IPv4 address (the next property), which the JDK gives four bytes.
        Assume.that(!isMapped(bytes));
        String full = InetAddress.getByAddress(bytes).getHostAddress();
        IpAddress canonical = IpAddress.parse(full).orElseThrow();
        assertThat(IpAddress.parse(full.toUpperCase(Locale.ROOT))).contains(canonical);
        assertThat(IpAddress.parse(padded(full))).contains(canonical);
        assertThat(IpAddress.parse(canonical.canonical())).as("idempotent").contains(canonical);
        assertThat(canonical.canonical()).isEqualTo(canonical.canonical().toLowerCase(Locale.ROOT));
        assertThat(canonical.canonical().indexOf("::"))
                .isEqualTo(canonical.canonical().lastIndexOf("::"));
        assertThat(InetAddress.getByName(canonical.canonical()).getAddress())
                .as("the canonical form is the same address")
                .isEqualTo(InetAddress.getByName(full).getAddress());
    }

    @SeededProperty
    void anIpv4MappedIpv6AddressIsItsIpv4Address(@ForAll @Size(4) byte[] bytes) throws UnknownHostException {
        String dotted = InetAddress.getByAddress(bytes).getHostAddress();
        assertThat(IpAddress.parse("::ffff:" + dotted)).contains(new IpAddress(dotted));
        assertThat(IpAddress.parse("0:0:0:0:0:FFFF:" + dotted)).contains(new IpAddress(dotted));
    }

    @SeededProperty
    void whateverItAcceptsIsAnAddressTheJdkReadsTheSame(@ForAll("addressLike") String text) throws Exception {
        Optional<IpAddress> parsed = IpAddress.parse(text);
        if (parsed.isPresent()) {
            assertThat(InetAddress.getByName(parsed.get().canonical()).getAddress())
                    .isEqualTo(InetAddress.getByName(text).getAddress());
        }
    }

    @Example
    void theseAreNotAddresses() {
        for (String text : new String[] {
            "",
            " 1.2.3.4",
            "1.2.3.4 ",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "01.2.3.4",
            "1..2.3",
            "1.2.3.-4",
            "::1::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            ":1:2:3:4:5:6:7",
            "12345::",
            "::+1",
            "::z",
            "0000:0000:0000:0000:0000:0000:0000:00000",
            "::00000",
            "g::1",
            "fe80::1%eth0",
            "example.com",
            "localhost",
            "::1.2.3",
            "1.2.3.4::",
            "١.٢.٣.٤",
            null
        }) {
            assertThat(IpAddress.parse(text)).as(String.valueOf(text)).isEmpty();
        }
    }

    @Example
    void rfc5952sExamplesAreWrittenAsItRecommends() {
        assertThat(IpAddress.parse("2001:DB8:0:0:0:0:2:1")).contains(new IpAddress("2001:db8::2:1"));
        assertThat(IpAddress.parse("2001:db8:0:1:1:1:1:1")).contains(new IpAddress("2001:db8:0:1:1:1:1:1"));
        assertThat(IpAddress.parse("2001:0:0:1:0:0:0:1")).contains(new IpAddress("2001:0:0:1::1"));
        assertThat(IpAddress.parse("2001:db8:0:0:1:0:0:1")).contains(new IpAddress("2001:db8::1:0:0:1"));
        assertThat(IpAddress.parse("0:0:0:0:0:0:0:0")).contains(new IpAddress("::"));
        assertThat(IpAddress.parse("::1")).contains(new IpAddress("::1"));
        assertThat(IpAddress.parse("::ffff:192.0.2.1")).contains(new IpAddress("192.0.2.1"));
        assertThat(IpAddress.parse("::192.0.2.1")).contains(new IpAddress("::c000:201"));
        // The longest spelling there is, 45 characters, is still an address.
        assertThat(IpAddress.parse("0000:0000:0000:0000:0000:ffff:255.255.255.255"))
                .contains(new IpAddress("255.255.255.255"));
        assertThat(IpAddress.parse("1:0:0:0:0:ffff:0:1")).contains(new IpAddress("1::ffff:0:1"));
        assertThat(new IpAddress("::1").toString()).isEqualTo("::1");
    }

    /**
     * RFC 5952 exactly, restated another way: each group in lower-case hex without leading zeros, and the first of
     * the longest runs of two or more zero groups written {@code ::}.
     */
    @SeededProperty
    void theCanonicalFormIsRfc5952s(@ForAll("ipv6") byte[] bytes) throws UnknownHostException {
        Assume.that(!isMapped(bytes));
        String[] groups = new String[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = Integer.toHexString((bytes[2 * g] & 0xff) << 8 | (bytes[2 * g + 1] & 0xff));
        }
        String expected = String.join(":", groups);
        search:
        for (int length = 8; length >= 2; length--) {
            for (int start = 0; start + length <= 8; start++) {
                boolean zeros = true;
                for (int g = start; g < start + length; g++) {
                    zeros &= groups[g].equals("0");
                }
                if (zeros) {
                    String before = String.join(":", java.util.Arrays.copyOfRange(groups, 0, start));
                    String after = String.join(":", java.util.Arrays.copyOfRange(groups, start + length, 8));
                    expected = before + "::" + after;
                    break search;
                }
            }
        }
        String full = InetAddress.getByAddress(bytes).getHostAddress();
        assertThat(IpAddress.parse(full)).contains(new IpAddress(expected));
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /**
     * An IPv6 spelling of groups of up to four digits is read exactly when the JDK reads it (a text with a colon is
     * never looked up). Longer groups are where the two part: the JDK reads {@code ::00000}, RFC 4291 allows four
     * digits at most, and so does this parser (see {@link #theseAreNotAddresses}).
     */
    @SeededProperty
    void anIpv6SpellingIsReadExactlyWhenTheJdkReadsIt(@ForAll("ipv6Spellings") String text) {
        boolean jdk;
        try {
            InetAddress.getByName(text);
            jdk = true;
        } catch (UnknownHostException e) {
            jdk = false;
        }
        assertThat(IpAddress.parse(text).isPresent()).as(text).isEqualTo(jdk);
    }

    @Provide
    Arbitrary<String> ipv6Spellings() {
        Arbitrary<String> group = Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF")
                .ofMinLength(0)
                .ofMaxLength(4);
        return group.list()
                .ofMinSize(2)
                .ofMaxSize(10)
                .map(groups -> String.join(":", groups))
                .filter(text -> text.contains(":"));
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        // Half the groups zero, so that runs of zero groups (where the compression rules live) are common, ties
        // between equally long runs included.
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 0xffff)));
        // Group 5 is ffff now and then: an IPv4-mapped address when the groups before it are zero, an ordinary
        // one otherwise.
        Arbitrary<List<Integer>> eight = group.list().ofSize(8).flatMap(groups -> Arbitraries.of(false, false, true)
                .map(ffff -> {
                    List<Integer> copy = new java.util.ArrayList<>(groups);
                    if (ffff) {
                        copy.set(5, 0xffff);
                    }
                    return copy;
                }));
        return eight.map(groups -> {
            byte[] bytes = new byte[16];
            for (int g = 0; g < 8; g++) {
                bytes[2 * g] = (byte) (groups.get(g) >> 8);
                bytes[2 * g + 1] = (byte) (int) groups.get(g);
            }
            return bytes;
        });
    }

    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.").ofMaxLength(20);
    }

    /** Every group written with four digits, leading zeros included. */
    private static String padded(String full) {
        StringBuilder text = new StringBuilder();
        for (String group : full.split(":", -1)) {
            text.append(text.length() == 0 ? "" : ":")
                    .append("0".repeat(4 - group.length()))
                    .append(group);
        }
        return text.toString();
    }
}
