package io.consoul.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The client's address: the socket peer, or — only when the peer is a trusted proxy — the last address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (earlier entries can be forged by the client).
 */
public final class ClientAddress {
    private record Block(BigInteger network, int prefix, int bits) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length * 8 != bits) return false;
            BigInteger value = new BigInteger(1, bytes);
            return value.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
        }
    }

    private final List<Block> trusted;

    public ClientAddress(String trustedProxies) {
        this.trusted = trustedProxies == null ? List.of() : Arrays.stream(trustedProxies.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(ClientAddress::block).toList();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !isTrusted(peer)) return peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) return hop;
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty() || !looksLikeIp(address)) return false;
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return trusted.stream().anyMatch(b -> b.contains(parsed));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only literal addresses: never a DNS lookup on a header value. */
    private static boolean looksLikeIp(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }

    private static Block block(String spec) {
        String[] parts = spec.split("/", 2);
        if (!looksLikeIp(parts[0])) throw new IllegalArgumentException("CONSOUL_TRUSTED_PROXIES: '" + spec + "' is not an address or CIDR block");
        try {
            byte[] bytes = InetAddress.getByName(parts[0]).getAddress();
            int bits = bytes.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("CONSOUL_TRUSTED_PROXIES: bad prefix in '" + spec + "'");
            return new Block(new BigInteger(1, bytes), prefix, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("CONSOUL_TRUSTED_PROXIES: '" + spec + "' is not an address or CIDR block");
        }
    }
}
