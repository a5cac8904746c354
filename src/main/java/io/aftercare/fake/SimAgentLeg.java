package io.aftercare.fake;

import java.time.Duration;
import java.time.Instant;

/**
 * The agent side of one simulated call while it rings or talks: the agent's Local channel pair, the bridge, and
 * the event sequences that concern only them (ring, ring no answer, pick up, bridge, leave), in
 * ami-inbound-queue.txt's order. {@link SimulatedCall} decides when each happens. Not thread-safe: runs under the
 * simulator's lock.
 */
final class SimAgentLeg {
    final SimAgent agent;
    final SimChannel one;
    final SimChannel two;
    Instant calledAt;
    Instant connectedAt;
    private SimEvents.SimBridge bridge;

    private SimAgentLeg(SimAgent agent, SimChannel one, SimChannel two) {
        this.agent = agent;
        this.one = one;
        this.two = two;
    }

    /** The agent's Local pair comes up and app_queue rings it: AgentCalled, then DialBegin. */
    static SimAgentLeg ring(PbxSimulator sim, SimChannel inbound, CallerId caller, String queue, SimAgent agent) {
        SimEvents ev = sim.events();
        SimChannel[] pair = sim.localPair(agent.exten(), agent.context(), inbound.linkedid);
        SimAgentLeg leg = new SimAgentLeg(agent, pair[0], pair[1]);
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
        return leg;
    }

    /** app_queue gives up on this agent: AgentRingNoAnswer, DialEnd NOANSWER, the pair hangs up. */
    void noAnswer(SimEvents ev, SimChannel inbound, String queue, Instant now) {
        ev.agent("AgentRingNoAnswer", inbound, one, "Queue", queue, "MemberName", agent.memberName(),
                "Interface", agent.iface(), "RingTime", Long.toString(Duration.between(calledAt, now).toMillis()));
        ev.dialEnd(inbound, one, "NOANSWER");
        ev.hangup(one);
        ev.hangup(two);
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

    /** After AgentConnect: the agent's device is in use and a bridge joins the agent's ;1 leg and the caller. */
    void bridgeWith(SimEvents ev, SimChannel inbound, String bridgeId) {
        ev.device(agent.iface(), "INUSE");
        ev.device(agent.iface(), "INUSE");
        bridge = new SimEvents.SimBridge(bridgeId);
        ev.bridge("BridgeCreate", bridge, null);
        bridge.channels = 1;
        ev.bridge("BridgeEnter", bridge, one);
        bridge.channels = 2;
        ev.bridge("BridgeEnter", bridge, inbound);
        ev.varSet(one, "BRIDGEPEER", inbound.name);
        ev.varSet(inbound, "BRIDGEPEER", one.name);
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

    /** The agent's device is free again. */
    void idle(SimEvents ev) {
        ev.device(agent.iface(), "NOT_INUSE");
        ev.device(agent.iface(), "NOT_INUSE");
    }

    /** The bridge this leg talks in, for a blind transfer's event. */
    SimEvents.SimBridge bridge() {
        return bridge;
    }
}
