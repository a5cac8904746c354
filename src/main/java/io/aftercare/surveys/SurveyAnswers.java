package io.aftercare.surveys;

/**
 * What the callee keyed in; null where a question was skipped (partial answers are kept). Immutable.
 *
 * @param csat 1-5
 * @param nps 0-10
 */
public record SurveyAnswers(Integer csat, Integer nps, Boolean resolved, boolean optedOut) {
    /** A detractor gets a follow-up: NPS 0-6, CSAT 1-2, or not resolved; empty when not a detractor. */
    public java.util.Optional<String> detractorReason() {
        java.util.List<String> why = new java.util.ArrayList<>();
        if (nps != null && nps <= 6) {
            why.add("NPS " + nps);
        }
        if (csat != null && csat <= 2) {
            why.add("CSAT " + csat);
        }
        if (Boolean.FALSE.equals(resolved)) {
            why.add("issue not resolved");
        }
        return why.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", why));
    }
}
