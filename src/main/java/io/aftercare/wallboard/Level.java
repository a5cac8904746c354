package io.aftercare.wallboard;

import io.aftercare.core.Coded;

/** How a wallboard figure stands against its queue's thresholds; sent as ok, amber or red. Immutable. */
public enum Level implements Coded { OK, AMBER, RED }
