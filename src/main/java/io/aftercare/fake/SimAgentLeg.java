package io.aftercare.fake;

import java.time.Duration;
import java.time.Instant;

/**
 * The agent side of one simulated call while it rings or talks: the agent's Local channel pair, the bridge, the
 * agent's phone, and the event sequences that concern only them (ring, ring no answer, pick up, bridge, leave), in
 * ami-inbound-queue.txt's order. The phone reports its device state on the member's state interface (RINGING, INUSE,
 * NOT_INUSE, as a SIP phone's would), which app_queue follows ({@link AppQueue#deviceState}). {@link SimulatedCall}
 * decides when each happens. Not thread-safe: runs under the simulator's lock.
 */
final class SimAgentLeg {
    final SimAgent agent;
    final SimChannel one;
    final SimChannel two;
    Instant calledAt;
    Instant connectedAt;
    private final AppQueue app;
    /** The device the agent's phone reports on: the member's state interface. */
    private final String phone;
    private SimEvents.SimBridge bridge;

    private SimAgentLeg(SimAgent agent, SimChannel one, SimChannel two, AppQueue app, String phone) {
        this.agent = agent;
        this.one = one;
        this.two = two;
        this.app = app;
        this.phone = phone;
    }

    /** The agent's Local pair comes up and app_queue rings it: AgentCalled, then DialBegin; the phone rings. */
    static SimAgentLeg ring(PbxSimulator sim, SimChannel inbound, CallerId caller, String queue, SimAgent agent) {
        SimEvents ev = sim.events();
        SimChannel[] pair = sim.localPair(agent.exten(), agent.context(), inbound.linkedid);
        SimAgentLeg leg = new SimAgentLeg(agent, pair[0], pair[1], sim.appQueue(), sim.queues().phone(agent));
        ev.newchannel(leg.one);
        ev.newchannel(leg.two);
        ev.newexten(leg.one, 1, "AppQueue", "(Outgoing Line)");
        leg.one.caller(caller);
        ev.newCallerid(leg.one);
        String peer = agent.exten() + "@" + agent.context();
        ev.varSet(leg.one, "DIALEDPEERNUMBER", peer);
        ev.varSet(leg.two, "DIALEDPEERNUMBER", peer);
        leg.two.caller(caller);
        leg.two.connected(caller);
        ev.newCallerid(leg.two);
        ev.newConnectedLine(leg.two);
        ev.localBridge(leg.one, leg.two);
        leg.calledAt = ev.agent("AgentCalled", inbound, leg.one, "Queue", queue, "Interface", agent.iface(),
                "MemberName", agent.memberName());
        ev.dialBegin(inbound, leg.one, agent.iface());
        leg.phoneState("RINGING");
        return leg;
    }

    /** app_queue gives up on this agent: AgentRingNoAnswer, DialEnd NOANSWER, the pair hangs up, the phone is idle. */
    void noAnswer(SimEvents ev, SimChannel inbound, String queue, Instant now) {
        ev.agent("AgentRingNoAnswer", inbound, one, "Queue", queue, "MemberName", agent.memberName(),
                "Interface", agent.iface(), "RingTime", Long.toString(Duration.between(calledAt, now).toMillis()));
        ev.dialEnd(inbound, one, "NOANSWER");
        ev.hangup(one);
        ev.hangup(two);
        phoneState("NOT_INUSE");
    }

    /** The agent answers: the pair goes up and the dial ends ANSWER (before app_queue's own events). */
    void pickUp(SimEvents ev, SimChannel inbound, CallerId caller) {
        ev.newexten(two, 1, "Answer", "");
        ev.newstate(two, SimChannel.UP);
        ev.newstate(one, SimChannel.UP);
        one.exten = inbound.exten;
        one.connected(caller);
        ev.newexten(one, 1, "AppQueue", "(Outgoing Line)");
        ev.newConnectedLine(one);
        ev.dialEnd(inbound, one, "ANSWER");
    }

    /**
     * After AgentConnect: the member is in a call, the agent's devices are in use and a bridge joins the agent's ;1
     * leg and the caller.
     */
    void bridgeWith(SimEvents ev, SimChannel inbound, String bridgeId) {
        app.inCall(agent.iface(), true);
        app.deviceState(agent.iface(), "INUSE");
        app.deviceState(agent.iface(), "INUSE");
        phoneState("INUSE");
        bridge = ev.twoParty(bridgeId, one, inbound);
    }

    /** The talk is over: neither side has a bridge peer any more. */
    void clearPeers(SimEvents ev, SimChannel inbound) {
        ev.varSet(one, "BRIDGEPEER", "");
        ev.varSet(inbound, "BRIDGEPEER", "");
    }

    /** {@code channel} leaves the bridge. */
    void leave(SimEvents ev, SimChannel channel) {
        bridge.channels--;
        ev.bridge("BridgeLeave", bridge, channel);
    }

    void destroyBridge(SimEvents ev) {
        ev.bridge("BridgeDestroy", bridge, null);
    }

    /**
     * The agent's devices are free again; a call they talked in counts for {@code queue} (CallsTaken, LastCall), which
     * the member's status events then show, as app_queue counts it before it announces the free phone.
     */
    void idle(String queue) {
        if (connectedAt != null) {
            app.inCall(agent.iface(), false);
            app.callTaken(queue, agent.iface());
        }
        app.deviceState(agent.iface(), "NOT_INUSE");
        app.deviceState(agent.iface(), "NOT_INUSE");
        phoneState("NOT_INUSE");
    }

    /** The agent's phone, when it is a device of its own (a state interface other than the Local channel's). */
    private void phoneState(String state) {
        if (!phone.equals(agent.iface())) {
            app.deviceState(phone, state);
        }
    }

    /** The bridge this leg talks in, for a blind transfer's event. */
    SimEvents.SimBridge bridge() {
        return bridge;
    }
}
