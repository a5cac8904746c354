package io.aftercare.wallboard;

/**
 * Rolling figures that today cannot give yet, recomputed every few minutes: FCR of the calls whose window has
 * closed (offered between two windows and one window ago) and survey results of the last seven days. Either is
 * null until first computed. Immutable.
 */
public record Recent(FcrWindow fcr, SurveyWindow survey) {}
