package dev.recollect.domain.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An IP address as a rate limit keys it: parsed from its text alone (never looked up, so a host name is simply not an
 * address) and written in one canonical form, so that one address cannot pass for several. IPv4 is four decimal
 * octets without leading zeros (which some parsers read as octal); IPv6 is RFC 4291's text, written back as RFC 5952
 * recommends (lower case, the longest run of zero groups compressed); an IPv4-mapped IPv6 address is its IPv4 address.
 * Zone indexes ({@code fe80::1%eth0}) name an interface of one host and are refused.
 *
 * @param canonical the address in its canonical form
 */
public record IpAddress(String canonical) {
    private static final int MAX_TEXT = 45;

    /** The address {@code text} spells, or empty when it spells none. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text).map(IpAddress::dotted).map(IpAddress::new);
        }
        return ipv6(text).map(IpAddress::canonical6).map(IpAddress::new);
    }

    @Override
    public String toString() {
        return canonical;
    }

    private static Optional<int[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = 0;
            for (char c : part.toCharArray()) {
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return Optional.empty();
            }
            octets[i] = value;
        }
        return Optional.of(octets);
    }

    /** The eight 16-bit groups of an IPv6 address, or empty. */
    private static Optional<int[]> ipv6(String text) {
        int compression = text.indexOf("::");
        if (compression >= 0 && text.indexOf("::", compression + 1) >= 0) {
            return Optional.empty();
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        if (compression >= 0) {
            if (!groups(text.substring(0, compression), head, false)
                    || !groups(text.substring(compression + 2), tail, true)
                    || head.size() + tail.size() > 7) {
                return Optional.empty();
            }
        } else if (!groups(text, head, true) || head.size() != 8) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        return Optional.of(groups);
    }

    /**
     * Reads colon-separated groups into {@code into}; an empty text is no group. The last group may be a dotted IPv4
     * address, worth two groups, when {@code mayEndInIpv4}.
     */
    private static boolean groups(String text, List<Integer> into, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return true;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && part.indexOf('.') >= 0) {
                Optional<int[]> v4 = ipv4(part);
                if (v4.isEmpty()) {
                    return false;
                }
                into.add(v4.get()[0] << 8 | v4.get()[1]);
                into.add(v4.get()[2] << 8 | v4.get()[3]);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return false;
            }
            int value = 0;
            for (char c : part.toCharArray()) {
                boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex) {
                    return false;
                }
                value = value << 4 | Character.digit(c, 16);
            }
            into.add(value);
        }
        return into.size() <= 8;
    }

    private static String dotted(int[] octets) {
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (two or more) of zero groups as {@code ::}. */
    private static String canonical6(int[] groups) {
        boolean mapped = groups[5] == 0xffff;
        for (int i = 0; i < 5 && mapped; i++) {
            mapped = groups[i] == 0;
        }
        if (mapped) {
            return dotted(new int[] {groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff});
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }
}
