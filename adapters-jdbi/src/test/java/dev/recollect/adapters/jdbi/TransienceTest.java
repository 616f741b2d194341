package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.transaction.UnableToManipulateTransactionIsolationLevelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures the adapter's edge retries, by their SQL states, wherever in the failure they are. */
class TransienceTest {
    @ParameterizedTest
    @CsvSource({
        "08000, CONNECTION",
        "08003, CONNECTION",
        "08006, CONNECTION",
        "57P01, CONNECTION",
        "57P02, CONNECTION",
        "57P03, CONNECTION",
        "57014, PERMANENT",
        "40001, CONFLICT",
        "40P01, CONFLICT",
        "23505, PERMANENT",
        "42601, PERMANENT",
        "28P01, PERMANENT"
    })
    void eachSqlStateHasItsClass(String state, Transience expected) {
        assertThat(Transience.of(state)).isEqualTo(expected);
        assertThat(Transience.of(new ConnectionException(new SQLException("x", state))))
                .isEqualTo(expected);
    }

    @Test
    void aBrokenStatementHiddenBehindTheIsolationLevelsRestoreIsStillAConnectionFailure() {
        var restore = new UnableToManipulateTransactionIsolationLevelException(
                "Unable to set isolation level to 2", new SQLException("Connection is closed"));
        restore.addSuppressed(new ConnectionException(new SQLException("I/O error", "08006")));
        assertThat(Transience.of(restore)).isEqualTo(Transience.CONNECTION);
    }

    @Test
    void aFailureWithoutAnySqlStateIsUnknown_andSaysWhetherTheDriverRaisedIt() {
        var closed = new UnableToManipulateTransactionIsolationLevelException(
                "Unable to set isolation level to 2", new SQLException("Connection is closed"));
        assertThat(Transience.of(closed)).isEqualTo(Transience.UNKNOWN);
        assertThat(Transience.fromDriver(closed)).isTrue();
        IllegalStateException mapping = new IllegalStateException("no mapper");
        assertThat(Transience.of(mapping)).isEqualTo(Transience.UNKNOWN);
        assertThat(Transience.fromDriver(mapping)).isFalse();
    }

    @Test
    void thePoolsTimeoutIsAConnectionFailure_andAConnectionFailureAnywhereWins() {
        assertThat(Transience.of(new ConnectionException(new SQLTransientConnectionException("timed out"))))
                .isEqualTo(Transience.CONNECTION);
        var both = new ConnectionException(new SQLException("unique", "23505"));
        both.addSuppressed(new SQLException("deadlock", "40P01"));
        assertThat(Transience.of(both)).isEqualTo(Transience.CONFLICT);
        both.addSuppressed(new SQLException("gone", "57P01"));
        assertThat(Transience.of(both)).isEqualTo(Transience.CONNECTION);
    }
}
