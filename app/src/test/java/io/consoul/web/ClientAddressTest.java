package io.consoul.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        ClientAddress addresses = new ClientAddress("10.0.0.0/8");
        assertThat(addresses.of(from("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheLastUntrustedHop() {
        ClientAddress addresses = new ClientAddress("10.0.0.0/8, 192.168.1.1");
        // the client forged "6.6.6.6"; the proxies appended what they saw
        assertThat(addresses.of(from("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.168.1.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void withNoTrustedProxiesThePeerIsTheClient() {
        assertThat(new ClientAddress("").of(from("127.0.0.1", "1.2.3.4"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aMalformedTrustedProxyStopsTheStartUpNamingTheSetting() {
        assertThatThrownBy(() -> new ClientAddress("proxy.example.com")).hasMessageContaining("CONSOUL_TRUSTED_PROXIES");
        assertThatThrownBy(() -> new ClientAddress("10.0.0.0/40")).hasMessageContaining("CONSOUL_TRUSTED_PROXIES");
    }
}
