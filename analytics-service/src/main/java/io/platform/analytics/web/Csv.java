package io.platform.analytics.web;

import java.util.Arrays;
import java.util.stream.Collectors;

/** RFC 4180 CSV with a header line; values quoted when they contain a comma, quote or line break. */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private final StringBuilder text = new StringBuilder();

    Csv(String... header) {
        line((Object[]) header);
    }

    Csv row(Object... values) {
        return line(values);
    }

    private Csv line(Object... values) {
        text.append(Arrays.stream(values).map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
        return this;
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
