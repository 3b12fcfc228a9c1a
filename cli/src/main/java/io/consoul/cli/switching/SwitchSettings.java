package io.consoul.cli.switching;

import java.time.Duration;
import java.util.Optional;

/**
 * How a switch waits: for {@code url} to serve the new version, for the idle colour's instances to be ready, and how
 * long the former live colour keeps its capacity (the option, else {@code consoul:scaleDownDelay}, else 10 minutes).
 *
 * @param waitForScaleDown   true: the command waits out the delay, then scales down; false: it prints the follow-up
 * @param allowUnderCapacity true: a target colour whose minimum cannot be raised (Cloud Run / Container Apps, older
 *                           image) gets the traffic even with fewer ready instances than the live colour runs
 * @param warmUpRequests     the warm-up requests each ready instance of the target answers at least before the traffic
 *                           moves ({@link WarmUp}); 0: no warm-up
 * @param warmUpTimeout      the most the warm-up may take; past it the switch goes on
 */
record SwitchSettings(Duration verifyTimeout, Duration readyTimeout, Duration pollInterval,
                      Optional<Duration> scaleDownDelay, boolean waitForScaleDown, boolean allowUnderCapacity,
                      int warmUpRequests, Duration warmUpTimeout) {
    static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofMinutes(10);
}
