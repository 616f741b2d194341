package dev.recollect.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
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
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(bytes -> {
            // Runs of zero groups, where the compression rules live, are common in real addresses.
            for (int i = 0; i < 16; i++) {
                if ((bytes[i] & 3) == 0) {
                    bytes[i] = 0;
                }
            }
            if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
                bytes[11] = 0;
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
