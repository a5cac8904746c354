package io.aftercare.surveys;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeSetVariable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * The FastAGI {@code survey?id=N} script: intro naming the company and the reason for the call, CSAT 1-5
 * (one digit), NPS 0-10 (two digits, ended by # or timeout), resolved 1 yes / 2 no; 9 at a one-digit prompt
 * (99 at the NPS prompt, where 9 is a score) opts out. Invalid or missing input is asked once more, then
 * skipped; whatever was answered is stored, even when the callee hangs up. Prompts are sound files under
 * {@code aftercare/}, played in the customer's language. Not a SafeAgiScript: a survey has no queue to fall back
 * to. The call of attempt N ({@code survey?id=J&attempt=N}) takes the job before the first prompt, whatever its
 * lease says ({@link SurveyResults#claim}); a call of another attempt answered after that hears a short goodbye
 * instead of a second survey. Thread-safe: one instance serves every call.
 */
public final class SurveyAgiScript implements AgiScript {
    static final String INTRO = "aftercare/survey-intro";
    static final String CSAT = "aftercare/survey-csat";
    static final String NPS = "aftercare/survey-nps";
    static final String RESOLVED = "aftercare/survey-resolved";
    static final String THANKS = "aftercare/survey-thanks";
    static final String OPTED_OUT = "aftercare/survey-opted-out";
    /** For a call answered after another attempt's call took the job: "you have already answered, goodbye". */
    static final String ALREADY_ANSWERED = "aftercare/survey-already-answered";
    static final long TIMEOUT_MS = 4000;

    private final SurveyResults results;
    private final SurveyScheduler scheduler;
    private final List<String> languages;
    private final Clock clock;

    public SurveyAgiScript(SurveyResults results, SurveyScheduler scheduler, List<String> languages, Clock clock) {
        this.results = results;
        this.scheduler = scheduler;
        this.languages = List.copyOf(languages);
        this.clock = clock;
    }

    private static final class OptOut extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        String id = request.getParameter("id");
        if (id == null || !id.matches("[0-9]{1,18}")) {
            return;
        }
        long jobId = Long.parseLong(id);
        Integer attempt = attempt(request, channel);
        Optional<SurveyJob> job = results.claim(jobId, attempt, clock.instant());
        if (job.isEmpty()) { // never survey twice on one job
            results.job(jobId).filter(j -> j.answeredAttempt() != null).ifPresent(j -> alreadyAnswered(channel, j,
                    attempt));
            return; // otherwise unknown, or ended without an answer
        }
        Answers answers = new Answers();
        try {
            ask(channel, job.get(), answers);
        } catch (AgiHangupException e) {
            // partial answers are kept below
        } catch (AgiException | RuntimeException e) {
            answers.detail = e.toString();
        } finally {
            results.record(job.get(), answers.toRecord(), clock.instant());
            if (answers.optedOut) {
                scheduler.doNotCall(job.get().e164(), job.get().customerId(), "keypad");
            }
        }
    }

    private static final class Answers {
        Integer csat;
        Integer nps;
        Boolean resolved;
        boolean optedOut;
        String detail = "";

        SurveyAnswers toRecord() {
            return new SurveyAnswers(csat, nps, resolved, optedOut);
        }
    }

    /** The attempt the dialplan passes, else the channel's {@code SURVEY_ATTEMPT} (an older dialplan), else null. */
    private static Integer attempt(AgiRequest request, AgiChannel channel) {
        String given = request.getParameter("attempt");
        if (given == null || given.isEmpty()) {
            try {
                given = channel.getVariable(DialplanVariables.SURVEY_ATTEMPT);
            } catch (AgiException e) {
                given = null; // the callee hung up already: the call still takes the job
            }
        }
        return given != null && given.matches("[0-9]{1,9}") ? Integer.valueOf(given) : null;
    }

    /** Another attempt's call took the job (the customer answered twice): thank them, no second survey. */
    private void alreadyAnswered(AgiChannel channel, SurveyJob job, Integer attempt) {
        if (!job.answeredAttempt().equals(attempt)) {
            results.superseded(job.id(), attempt, clock.instant());
        }
        try {
            greet(channel, job);
            channel.streamFile(ALREADY_ANSWERED);
            channel.hangup();
        } catch (AgiException e) {
            // the callee hung up first
        }
    }

    private void greet(AgiChannel channel, SurveyJob job) throws AgiException {
        channel.answer();
        String language = languages.contains(job.language()) ? job.language() : languages.getFirst();
        channel.sendCommand(new SafeSetVariable(DialplanVariables.LANGUAGE, language));
    }

    private void ask(AgiChannel channel, SurveyJob job, Answers a) throws AgiException {
        greet(channel, job);
        try {
            if (channel.streamFile(INTRO, "9") == '9'
                    || channel.streamFile("aftercare/survey-reason-" + job.source().replace('_', '-'), "9") == '9') {
                throw new OptOut();
            }
            a.csat = oneDigit(channel, CSAT, d -> d >= 1 && d <= 5);
            a.nps = nps(channel);
            Integer resolved = oneKey(channel, RESOLVED, d -> d == 1 || d == 2);
            a.resolved = resolved == null ? null : resolved == 1;
            channel.streamFile(THANKS);
        } catch (OptOut e) {
            a.optedOut = true;
            channel.streamFile(OPTED_OUT);
        }
        channel.hangup();
    }

    /** A one-digit question, asked at most twice; 9 opts out. */
    private static Integer oneDigit(AgiChannel channel, String prompt, IntPredicate valid)
            throws AgiException, OptOut {
        for (int attempt = 0; attempt < 2; attempt++) {
            String got = channel.getData(prompt, TIMEOUT_MS, 1);
            if ("9".equals(got)) {
                throw new OptOut();
            }
            if (got != null && got.length() == 1 && Character.isDigit(got.charAt(0))
                    && valid.test(got.charAt(0) - '0')) {
                return got.charAt(0) - '0';
            }
        }
        return null;
    }

    /** A one-key question played with STREAM FILE and read with WAIT FOR DIGIT (0 = timeout), asked twice. */
    private static Integer oneKey(AgiChannel channel, String prompt, IntPredicate valid)
            throws AgiException, OptOut {
        for (int attempt = 0; attempt < 2; attempt++) {
            char key = channel.streamFile(prompt, "0123456789");
            if (key == 0) {
                key = channel.waitForDigit((int) TIMEOUT_MS);
            }
            if (key == '9') {
                throw new OptOut();
            }
            if (key >= '0' && key <= '8' && valid.test(key - '0')) {
                return key - '0';
            }
        }
        return null;
    }

    /** NPS 0-10 in up to two digits (# or the timeout ends one digit); 99 opts out. */
    private static Integer nps(AgiChannel channel) throws AgiException, OptOut {
        for (int attempt = 0; attempt < 2; attempt++) {
            String got = channel.getData(NPS, TIMEOUT_MS, 2);
            if ("99".equals(got)) {
                throw new OptOut();
            }
            if (got != null && got.matches("[0-9]{1,2}") && Integer.parseInt(got) <= 10) {
                return Integer.parseInt(got);
            }
        }
        return null;
    }
}
