package io.aftercare.fake;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.PackedRoute;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's stand-in for the inbound path of {@code dialplan/extensions_aftercare.conf}: the {@code route}
 * AGI, the CUT() lines that unpack {@code AC_ROUTE}, the {@code ivr} AGI when the route names a menu (the
 * caller keys one menu digit), and {@code [aftercare-vhold]}'s {@code vhold} AGI for a caller aftercare withdrew from
 * the queue ({@link #vhold}). {@link #play} does the socket I/O and must run off the simulator's lock;
 * {@link Played#emit} then writes the AMI events Asterisk would send for it, under the lock. Immutable results;
 * {@link #play} is thread-safe.
 */
final class SimulatedDialplan {
    static final String DEFAULT_QUEUE = "general-support";
    /** The keys a simulated caller presses in a menu: repairs, returns, technical, order status. */
    private static final String MENU_DIGITS = "1234";

    private SimulatedDialplan() {}

    /** One AGI() application run: the script and what happened (null: AGISTATUS FAILURE, aftercare unreachable). */
    record Step(String script, FakeAgiClient.Result result) {}

    /** The AGI runs of one call and the channel variables they leave. */
    record Played(List<Step> steps, Map<String, String> variables) {
        boolean agiFailed() {
            return steps.get(0).result() == null;
        }

        /**
         * AGI exec events, the VarSets of the unpacking and AGISTATUS for each step; returns the queue the
         * dialplan's Queue() gets (the default when none was chosen or the name is not a queue name).
         */
        String emit(SimEvents ev, SimChannel ch, PbxSimulator sim) {
            int priority = 3;
            for (Step step : steps) {
                ev.newexten(ch, priority++, "AGI", "agi://" + sim.agiHostPort() + "/" + step.script());
                if (step.result() != null) {
                    echo(ev, ch, sim, step.result());
                    // the CUT() lines: each a Set() and a VarSet event (CHANNEL(language) is a function: none)
                    PackedRoute.unpack(step.result().variablesSet().get(DialplanVariables.ROUTE)).forEach((name, value) -> {
                        if (!name.startsWith("CHANNEL(")) {
                            ev.varSet(ch, name, value);
                        }
                    });
                }
                ev.varSet(ch, "AGISTATUS", step.result() == null ? "FAILURE" : "SUCCESS");
            }
            // ${IF($["${QUEUE}" = ""]?general-support:${QUEUE})}; a name no queue could have is refused
            // here rather than carried into headers.
            String chosen = variables.getOrDefault(DialplanVariables.QUEUE, "");
            return PbxSimulator.isQueueName(chosen) ? chosen : DEFAULT_QUEUE;
        }
    }

    /** Runs the route and, when it names a menu, the IVR, as the caller's channel would. */
    static Played play(PbxSimulator sim, CallerId caller, SimChannel inbound) {
        List<Step> steps = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        FakeAgiClient.Result route = run(sim, client(sim, caller, inbound, "route")
                .env("agi_arg_1", inbound.linkedid));
        steps.add(new Step("route", route));
        if (route != null) {
            variables.putAll(route.afterDialplan());
        }
        String menu = variables.get(DialplanVariables.IVR_MENU);
        if (menu != null) {
            FakeAgiClient.Builder ivr = client(sim, caller, inbound, "ivr")
                    .channelVariable(DialplanVariables.IVR_MENU, menu)
                    .channelVariable(DialplanVariables.LINKEDID, inbound.linkedid)
                    .getDataReplies(Character.toString(MENU_DIGITS.charAt(Math.floorMod(inbound.uniqueid.hashCode(),
                            MENU_DIGITS.length()))));
            for (String name : List.of(DialplanVariables.CASE_ID, DialplanVariables.CUSTOMER_ID)) {
                if (variables.containsKey(name)) {
                    ivr.channelVariable(name, variables.get(name));
                }
            }
            FakeAgiClient.Result result = run(sim, ivr);
            steps.add(new Step("ivr", result));
            if (result != null) {
                variables.putAll(result.afterDialplan());
            }
        }
        return new Played(List.copyOf(steps), Map.copyOf(variables));
    }

    /**
     * {@code AGI(agi://${AC_AGI}/vhold,${CHANNEL(linkedid)},${AC_QUEUE_ENTERED})} with QUEUE set: the callback offer,
     * where the caller keys {@code digit} ({@code ""}: nothing, the offer times out).
     */
    static Step vhold(PbxSimulator sim, CallerId caller, SimChannel inbound, String queue, long entered,
                      String digit) {
        FakeAgiClient.Builder b = client(sim, caller, inbound, "vhold").env("agi_arg_1", inbound.linkedid)
                .env("agi_arg_2", Long.toString(entered)).channelVariable(DialplanVariables.QUEUE, queue);
        if (!digit.isEmpty()) {
            b.getDataReplies(digit);
        }
        return new Step("vhold", run(sim, b));
    }

    /**
     * The events of a {@link #vhold} step: the AGI() exec, each command, AGISTATUS; returns the AC_VHOLD_RESULT it
     * set ({@code ""} when none, or aftercare was unreachable).
     */
    static String emitVhold(SimEvents ev, SimChannel ch, PbxSimulator sim, Step step, long entered) {
        ev.newexten(ch, 4, "AGI", "agi://" + sim.agiHostPort() + "/vhold," + ch.linkedid + "," + entered);
        FakeAgiClient.Result result = step.result();
        if (result != null) {
            echo(ev, ch, sim, result);
        }
        ev.varSet(ch, "AGISTATUS", result == null ? "FAILURE" : "SUCCESS");
        return result == null ? "" : result.variablesSet().getOrDefault(DialplanVariables.VHOLD_RESULT, "");
    }

    private static FakeAgiClient.Builder client(PbxSimulator sim, CallerId caller, SimChannel inbound, String script) {
        return FakeAgiClient.builder().callerId(caller.agiNumber()).callerIdName(caller.agiName())
                .uniqueId(inbound.uniqueid).channel(inbound.name).script(script).readTimeout(sim.agiTimeout());
    }

    private static FakeAgiClient.Result run(PbxSimulator sim, FakeAgiClient.Builder client) {
        if (sim.agiAddress() == null) {
            return null;
        }
        try {
            return client.build().run(sim.agiAddress());
        } catch (IOException | RuntimeException e) {
            return null; // Asterisk's AGI() returns with AGISTATUS=FAILURE; the dialplan falls back.
        }
    }

    /** AGIExecStart/End per command, with the VarSet a successful SET VARIABLE causes. */
    private static void echo(SimEvents ev, SimChannel ch, PbxSimulator sim, FakeAgiClient.Result result) {
        for (int i = 0; i < result.commands().size(); i++) {
            String command = printable(result.commands().get(i));
            String reply = i < result.replies().size() ? result.replies().get(i) : "";
            String[] set = setVariable(command, reply);
            ev.agiExec(ch, sim.nextCommandId(), command, reply, set == null ? null : () -> ev.varSet(ch, set[0], set[1]));
        }
    }

    /** {@code SET VARIABLE NAME "value"} answered with 200: the name and value Asterisk's VarSet reports. */
    private static String[] setVariable(String command, String reply) {
        if (!reply.startsWith("200") || !command.regionMatches(true, 0, "SET VARIABLE ", 0, 13)) {
            return null;
        }
        String rest = command.substring(13).strip();
        int space = rest.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        return new String[] {unquote(rest.substring(0, space)), unquote(rest.substring(space + 1).strip())};
    }

    /** res_agi strips the quotes around an argument (asterisk-java quotes the name too). */
    private static String unquote(String arg) {
        return arg.length() >= 2 && arg.startsWith("\"") && arg.endsWith("\"") ? arg.substring(1, arg.length() - 1) : arg;
    }

    /** AGI lines come from a server we do not control: keep only printable characters for the AMI echo. */
    private static String printable(String s) {
        return new CallerId("", s).name();
    }
}
