package io.aftercare.dispositions;

/**
 * Raised when a disposition is stored; the survey scheduler listens to it. Carries the queue the call was in
 * and whether its reason asks for a survey, and after what delay. Immutable.
 */
public record DispositionSaved(Disposition disposition, String queue, boolean surveyWanted, int surveyDelayMinutes) {}
