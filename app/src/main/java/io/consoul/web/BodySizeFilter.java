package io.consoul.web;

import io.consoul.config.ConsoulProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Enforces {@code CONSOUL_MAX_BODY_SIZE}: a declared length over the limit is refused before reading,
 * and a chunked body is cut off as soon as it passes the limit, so no oversized body is ever buffered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeFilter extends OncePerRequestFilter {
    static final long MIN = 1024;
    static final long MAX = 100L * 1024 * 1024;

    private final boolean enabled;
    private final long limit;
    private final HandlerExceptionResolver errors;

    /** The reference's bounds: {@code CONSOUL_MAX_BODY_SIZE} from 1 KiB to 100 MiB; {@code CONSOUL_VALIDATION_ENABLED=false} turns it off. */
    BodySizeFilter(ConsoulProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.enabled = properties.validationEnabled();
        this.limit = properties.maxBodySize();
        this.errors = errors;
        if (limit < MIN || limit > MAX) {
            throw new IllegalArgumentException("CONSOUL_MAX_BODY_SIZE is " + limit + "; allowed: " + MIN + " to " + MAX + " bytes");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            // answered by ApiExceptionHandler, like every other error: one writer of error bodies and headers
            errors.resolveException(request, response, null, new BodyTooLargeException(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new LimitedStream(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) throw new BodyTooLargeException(limit);
        }

        @Override public boolean isFinished() { return in.isFinished(); }
        @Override public boolean isReady() { return in.isReady(); }
        @Override public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
