package dev.stratus.functions.catalogimport;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from text: fields separated by commas, optionally in double quotes (a quote in a
 * quoted field doubled), records ended by CRLF or LF. Each record keeps the line it starts on, for the
 * report. A quoted field left open at the end of the text is a problem of that record, not an exception.
 */
final class CsvLines {
    /** One record: its first line (1-based), its fields, or the reason it could not be read. */
    record Row(int line, List<String> fields, String problem) {
    }

    private CsvLines() {
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            String problem = null;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        quoted = false;
                        i++;
                        continue;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    i++;
                    continue;
                }
                switch (c) {
                    case ',' -> {
                        fields.add(field.toString());
                        field.setLength(0);
                        wasQuoted = false;
                    }
                    case '"' -> {
                        if (field.length() == 0 && !wasQuoted) {
                            quoted = true;
                            wasQuoted = true;
                        } else if (problem == null) {
                            problem = "a quote inside an unquoted field (quote the whole field and double the quote)";
                        }
                    }
                    case '\r' -> {
                        if (i + 1 < n && text.charAt(i + 1) == '\n') {
                            i++;
                        }
                        endOfRecord = true;
                        line++;
                    }
                    case '\n' -> {
                        endOfRecord = true;
                        line++;
                    }
                    default -> {
                        if (wasQuoted && problem == null) {
                            problem = "text after a closing quote";
                        }
                        field.append(c);
                    }
                }
                i++;
            }
            if (quoted) {
                problem = "a quoted field is not closed before the end of the file";
            }
            fields.add(field.toString());
            if (!(fields.size() == 1 && fields.get(0).isEmpty() && problem == null)) {
                rows.add(new Row(startLine, fields, problem));
            }
        }
        return rows;
    }
}
