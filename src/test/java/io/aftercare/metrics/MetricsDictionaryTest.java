package io.aftercare.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentStateChange;
import io.aftercare.calls.Outcome;
import io.aftercare.core.Coded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reads the worked examples of doc/metrics.md and checks the calculators give exactly those figures. */
class MetricsDictionaryTest {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final Pattern BLOCK = Pattern.compile("```(metrics-[a-z]+)([^\\n]*)\\n(.*?)```", Pattern.DOTALL);

    record Block(String kind, Map<String, String> params, List<String[]> rows) {}

    static List<Block> blocks() throws IOException {
        String doc = Files.readString(Path.of("doc/metrics.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            Map<String, String> params = new HashMap<>();
            for (String p : m.group(2).strip().split("\\s+")) {
                if (p.contains("=")) {
                    params.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
                }
            }
            List<String[]> rows = m.group(3).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split("\\s+")).toList();
            blocks.add(new Block(m.group(1), params, rows));
        }
        return blocks;
    }

    static Instant t(String seconds) {
        return seconds.equals("-") ? null : T0.plusSeconds(Long.parseLong(seconds));
    }

    static Long id(String s) {
        return s.equals("-") ? null : Long.valueOf(s);
    }

    static Duration s(String seconds) {
        return Duration.ofSeconds(Long.parseLong(seconds));
    }

    @Test
    void workedExamplesInTheDictionaryMatchTheCalculators() throws IOException {
        List<Block> blocks = blocks();
        Map<String, QueueRules.Rule> rules = new HashMap<>();
        List<CallFacts> calls = new ArrayList<>();
        List<AgentStateChange> states = new ArrayList<>();
        List<Block> expectations = new ArrayList<>();
        for (Block b : blocks) {
            switch (b.kind()) {
                case "metrics-queues" -> b.rows().forEach(r -> rules.put(r[0],
                        QueueRules.Rule.seconds(Integer.parseInt(r[1]), Integer.parseInt(r[2]))));
                case "metrics-calls" -> b.rows().forEach(r -> calls.add(new CallFacts("pbx1", r[0], r[1], t(r[5]),
                        t(r[6]), t(r[7]), t(r[8]), Coded.parse(Outcome.class, r[9], "outcome"), id(r[2]), id(r[3]),
                        r[4].equals("-") ? null : r[4], r[10].equals("-") ? List.of()
                        : List.of(new CallFacts.Handling(r[10], s(r[11]), s(r[12]), s(r[13]), true)))));
                case "metrics-states" -> b.rows().forEach(r -> states.add(new AgentStateChange("pbx1", r[0], "",
                        Coded.parse(AgentState.class, r[2], "state"), "", "q", t(r[1]))));
                case "metrics-expect" -> expectations.add(b);
                default -> throw new AssertionError("unknown block " + b.kind());
            }
        }
        assertThat(calls).hasSize(8);
        assertThat(expectations).hasSize(2);
        QueueRules queueRules = new QueueRules(rules);
        int checked = 0;
        for (Block b : expectations) {
            Map<String, Object> actual = actual(b, calls, states, queueRules);
            for (String[] r : b.rows()) {
                String key = r[0] + " " + r[1];
                assertThat(actual).as(key).containsKey(key);
                Object value = actual.get(key);
                if (r[2].equals("-")) {
                    assertThat(value).as(key).isNull();
                } else {
                    assertThat(value).as(key).isNotNull();
                    assertThat(((Number) value).doubleValue()).as(key).isCloseTo(Double.parseDouble(r[2]),
                            within(0.00005));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    static Map<String, Object> actual(Block b, List<CallFacts> calls, List<AgentStateChange> states,
                                      QueueRules rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (b.params().containsKey("asOf")) {
            put(out, "all", CallMetrics.queue(calls, rules));
            CallMetrics.byQueue(calls, rules).forEach((q, f) -> put(out, "queue:" + q, f));
            CallMetrics.byInterval(calls, rules, ZoneOffset.UTC, CallMetrics.Interval.DAY).forEach((day, f) ->
                    put(out, "day:" + LocalDate.ofInstant(day, ZoneOffset.UTC), f));
            CallMetrics.byAgent(calls).forEach((k, f) -> {
                out.put("agent:" + f.agent() + " handled", f.handled());
                out.put("agent:" + f.agent() + " aht", seconds(f.ahtMillis()));
            });
            var fcr = FirstContactResolution.of(calls, calls, rules, FirstContactResolution.DEFAULT_WINDOW,
                    t(b.params().get("asOf")));
            out.put("fcr resolved", fcr.resolved());
            out.put("fcr repeated", fcr.repeated());
            out.put("fcr pending", fcr.pending());
            out.put("fcr unidentified", fcr.unidentified());
            out.put("fcr rate", fcr.rate());
        } else {
            var occupancy = Occupancy.of(states, t(b.params().get("from")), t(b.params().get("to")), Instant.MAX);
            occupancy.forEach((k, f) -> {
                out.put("occupancy:" + f.agent() + " available", seconds(f.availableMillis()));
                out.put("occupancy:" + f.agent() + " handling", seconds(f.handlingMillis()));
                out.put("occupancy:" + f.agent() + " occupancy", f.occupancy());
            });
            out.put("occupancy:total occupancy", Occupancy.total(occupancy).occupancy());
        }
        return out;
    }

    static void put(Map<String, Object> out, String scope, QueueFigures f) {
        out.put(scope + " offered", f.offered());
        out.put(scope + " answered", f.answered());
        out.put(scope + " abandoned", f.abandoned());
        out.put(scope + " shortAbandoned", f.shortAbandoned());
        out.put(scope + " timedOut", f.timedOut());
        out.put(scope + " answeredWithinThreshold", f.answeredWithinThreshold());
        out.put(scope + " serviceLevelAnswered", f.serviceLevelAnswered());
        out.put(scope + " serviceLevelOffered", f.serviceLevelOffered());
        out.put(scope + " abandonRate", f.abandonRate());
        out.put(scope + " asa", seconds(f.asaMillis()));
        out.put(scope + " aht", seconds(f.ahtMillis()));
        out.put(scope + " talk", seconds(f.talkMillis()));
        out.put(scope + " hold", seconds(f.holdMillis()));
        out.put(scope + " wrapup", seconds(f.wrapupMillis()));
    }

    static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
