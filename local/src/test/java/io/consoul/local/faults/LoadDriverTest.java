package io.consoul.local.faults;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault suite's "no acknowledged message lost" check, next to the server's session bound. */
class LoadDriverTest {
    private static final List<String> ACKED = List.of("#0", "#1", "#2", "#3", "#4");

    @Test
    @DisplayName("a whole history misses nothing; a gap in it is a lost message")
    void aGapInAWholeHistoryIsALostMessage() {
        assertThat(LoadDriver.firstMissing(ACKED, ACKED)).isNull();
        assertThat(LoadDriver.firstMissing(ACKED, List.of("#0", "#1", "#3", "#4"))).isEqualTo("#2");
    }

    @Test
    @DisplayName("turns the bound dropped from the front are not lost, a gap after the oldest kept one is")
    void turnsDroppedByTheBoundAreNotLostButAGapAfterThemIs() {
        List<String> trimmed = List.of("#2", "#3", "#4");
        assertThat(LoadDriver.firstMissing(LoadDriver.keptByTheBound(ACKED, trimmed), trimmed)).isNull();

        List<String> trimmedWithAGap = List.of("#2", "#4");
        assertThat(LoadDriver.firstMissing(LoadDriver.keptByTheBound(ACKED, trimmedWithAGap), trimmedWithAGap))
                .isEqualTo("#3");
    }

    @Test
    @DisplayName("a trimmed history that kept none of the acknowledged messages lost them all")
    void aTrimmedHistoryWithoutAnyAcknowledgedMessageLostThem() {
        List<String> other = List.of("unacknowledged");
        assertThat(LoadDriver.firstMissing(LoadDriver.keptByTheBound(ACKED, other), other)).isEqualTo("#0");
    }
}
