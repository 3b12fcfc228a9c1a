package io.consoul.web;

import org.apache.catalina.Host;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@link JsonErrorReportValve} on Tomcat's host after Spring Boot's own error report valve (this customizer
 * runs last, Boot's has order 0), so ours, nearer the request's end, answers first for requests Tomcat rejects
 * before the application.
 */
@Component
class TomcatErrorsConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final JsonMapper json;

    TomcatErrorsConfig(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> ((Host) context.getParent()).getPipeline()
                .addValve(new JsonErrorReportValve(json)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
