package dev.stscreds.cli.render;

import dev.stscreds.resolve.Explanation;
import dev.stscreds.resolve.SourceReport;
import java.time.Duration;
import java.time.Instant;

/** Renders an explanation as aligned plain text for a terminal. */
public final class ExplanationText {
    private ExplanationText() {}

    public static String render(Explanation e, Instant now) {
        return render(e, now, Style.PLAIN);
    }

    /** The same, with the sources' statuses in colour when {@code style} allows it. */
    public static String render(Explanation e, Instant now, Style style) {
        StringBuilder s = new StringBuilder();
        s.append(capitalize(e.target()));
        if (e.target().startsWith("default") && e.profileName().isPresent()) {
            s.append(" (its profile source: ").append(e.profileName().get()).append(')');
        }
        s.append(e.resolved() ? ", resolved" : ", not resolved (add --resolve to ask the sources)").append("\n\n");

        int width = e.sources().stream().mapToInt(r -> r.source().length()).max().orElse(10);
        s.append("Sources, in order:\n");
        for (SourceReport r : e.sources()) {
            s.append("  ").append(pad(r.source(), width)).append("  ").append(coloured(r.status(), pad(r.status().word(), 11), style))
                    .append("  ").append(indentContinuation(r.detail(), width + 17)).append('\n');
        }

        if (!e.profileChain().isEmpty()) {
            s.append("\nProfile chain:\n");
            for (int i = 0; i < e.profileChain().size(); i++) {
                Explanation.ChainStep step = e.profileChain().get(i);
                s.append("  ").append(i == 0 ? "" : "← ").append(step.profile()).append(": ").append(step.summary()).append('\n');
                for (Explanation.ExplainedKey k : step.keysUsed()) {
                    s.append("      ").append(k.key()).append(" = ").append(oneLine(k.value()))
                            .append("  (").append(k.location()).append(")\n");
                }
            }
        }

        if (!e.keys().isEmpty()) {
            s.append("\nKeys of profile ").append(e.profileName().orElse("?")).append(":\n");
            int keyWidth = e.keys().stream().mapToInt(k -> k.key().length()).max().orElse(10);
            for (Explanation.ExplainedKey k : e.keys()) {
                s.append("  ").append(pad(k.key(), keyWidth)).append(" = ").append(oneLine(k.value()))
                        .append("  (").append(k.location()).append(")\n");
            }
        }

        if (!e.settingsInEffect().isEmpty()) {
            s.append("\nSettings in effect:\n");
            for (String line : e.settingsInEffect()) s.append("  ").append(line).append('\n');
        }

        if (!e.warnings().isEmpty()) {
            s.append("\nWarnings:\n");
            for (String w : e.warnings()) s.append("  ").append(w).append('\n');
        }

        if (e.credentials().isPresent()) {
            Explanation.ResolvedCredentials c = e.credentials().get();
            s.append("\nCredentials: ").append(c.temporary() ? "session " : "long-term ").append(c.accessKeyId())
                    .append(" from ").append(c.source());
            c.accountId().ifPresent(a -> s.append(", account ").append(a));
            s.append('\n');
            c.expiration().ifPresentOrElse(
                    exp -> s.append("  expire ").append(exp).append(" (").append(until(now, exp)).append(")\n"),
                    () -> s.append("  do not expire\n"));
        }
        if (e.failure().isPresent()) {
            s.append("\nProblem: ").append(indentContinuation(e.failure().get().message(), 9)).append('\n');
            e.failure().get().hint().ifPresent(h -> s.append("  hint: ").append(h).append('\n'));
        }
        return s.toString();
    }

    private static String coloured(SourceReport.Status status, String text, Style style) {
        return switch (status) {
            case ANSWERED -> style.green(text);
            case FAILED -> style.red(text);
            case CONFIGURED -> text;
            default -> style.dim(text);
        };
    }

    private static String until(Instant now, Instant expiry) {
        Duration d = Duration.between(now, expiry);
        if (d.isNegative() || d.isZero()) return "expired";
        long minutes = d.toMinutes();
        if (minutes < 1) return "in " + d.toSeconds() + " s";
        if (minutes < 120) return "in " + minutes + " min";
        return "in " + d.toHours() + " h " + (minutes % 60) + " min";
    }

    private static String oneLine(String v) {
        return v.replace("\n", "\\n");
    }

    private static String indentContinuation(String text, int indent) {
        return text.replace("\n", "\n" + " ".repeat(indent));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String capitalize(String t) {
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

}
