package io.platform.provisioning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void parsesDecimalBinaryMilliAndExponentQuantities() {
        assertThat(Quantities.parse("2")).isEqualByComparingTo("2");
        assertThat(Quantities.parse("500m")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("1.5")).isEqualByComparingTo("1.5");
        assertThat(Quantities.parse("4Gi")).isEqualByComparingTo(BigDecimal.valueOf(4L * 1024 * 1024 * 1024));
        assertThat(Quantities.parse("512Mi")).isEqualByComparingTo(BigDecimal.valueOf(512L * 1024 * 1024));
        assertThat(Quantities.parse("1G")).isEqualByComparingTo("1000000000");
        assertThat(Quantities.parse("1e3")).isEqualByComparingTo("1000");
    }

    @Test
    void sameAmountsInDifferentNotationsAreTheSame() {
        assertThat(Quantities.same("2", "2000m")).isTrue();
        assertThat(Quantities.same("1Gi", "1024Mi")).isTrue();
        assertThat(Quantities.same("1G", "1Gi")).isFalse();
        assertThat(Quantities.same("10", "10")).isTrue();
    }

    @Test
    void rejectsWhatIsNoQuantity() {
        assertThatThrownBy(() -> Quantities.parse("two")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantities.parse("2Xi")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsForPeople() {
        assertThat(Quantities.formatCpu(new BigDecimal("12.50"))).isEqualTo("12.5 CPU");
        assertThat(Quantities.formatMemory(Quantities.parse("12Gi"))).isEqualTo("12Gi");
        assertThat(Quantities.formatMemory(Quantities.parse("1536Mi"))).isEqualTo("1536Mi");
    }
}
