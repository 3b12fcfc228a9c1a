package io.consoul.web;

import io.consoul.ratelimit.RateLimitGate;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Counts every call of every route but {@link Routes#PUBLIC} against the caller's rate limit, so a new controller
 * is limited without anyone remembering to. The count is taken where the reference's {@code @limiter.limit} runs:
 * after authentication (the {@code AuthInterceptor}) and after the request was read and validated, just before the
 * controller method — so a 401, 413, 415 or 422 never uses a slot. No interceptor runs at that point, hence the
 * hook in Spring MVC's own handler adapter. Work that should share the limiter's round trip to Redis is started
 * just before the check by the {@link BeforeAdmission} beans; the route itself never admits.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitedRoutes {

    @Bean
    WebMvcRegistrations rateLimitedHandlers(ObjectProvider<RateLimitGate> limits, ObjectProvider<BeforeAdmission> before) {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new Adapter(limits, before);
            }
        };
    }

    private static final class Adapter extends RequestMappingHandlerAdapter {
        // looked up on the first request, not per request (the adapter exists before those beans), then kept
        private final SingletonSupplier<RateLimitGate> limits;
        private final SingletonSupplier<List<BeforeAdmission>> before;

        Adapter(ObjectProvider<RateLimitGate> limits, ObjectProvider<BeforeAdmission> before) {
            this.limits = SingletonSupplier.of(limits::getObject);
            this.before = SingletonSupplier.of(() -> before.orderedStream().toList());
        }

        @Override
        protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
            return new ServletInvocableHandlerMethod(handlerMethod) {
                @Override
                protected Object doInvoke(Object... args) throws Exception {
                    // the arguments are resolved and validated by now: the call is about to run
                    ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
                    HttpServletRequest request = current.getRequest();
                    if (!Routes.isPublic(request)) {
                        for (BeforeAdmission work : before.obtain()) work.start(request, args);
                        limits.obtain().admit(request, current.getResponse());
                    }
                    return super.doInvoke(args);
                }
            };
        }
    }
}
