package io.consoul.metrics;

import jakarta.servlet.http.HttpServletRequest;

/** The model a request used, for the {@code model} label of {@code consoul_request_total}. */
public final class RequestModel {
    private static final String ATTRIBUTE = RequestModel.class.getName();

    private RequestModel() {}

    public static void set(HttpServletRequest request, String model) {
        request.setAttribute(ATTRIBUTE, model);
    }

    static String of(HttpServletRequest request) {
        Object model = request.getAttribute(ATTRIBUTE);
        return model == null ? "none" : model.toString();
    }
}
