package io.consoul.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller method that calls {@code RateLimitGate.admit} itself, at a moment of its choosing (e.g. with a
 * Redis read already in flight, so the two round trips overlap): {@link RateLimitedRoutes} then does not admit it a
 * second time. The method must admit before doing any work; {@code EveryRouteNeedsAKeyTest} checks that every
 * non-public route is limited, so a method marked here that forgets is caught.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdmitsItself {
}
