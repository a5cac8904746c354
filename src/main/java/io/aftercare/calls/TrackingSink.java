package io.aftercare.calls;


/** Where the call and agent trackers send what must be stored; implementations must not block. */
public interface TrackingSink {
    void contact(ContactRecord contact);

    void segment(SegmentRecord segment);

    void agentState(AgentStateChange change);
}
