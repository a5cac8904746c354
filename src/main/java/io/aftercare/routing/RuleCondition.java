package io.aftercare.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aftercare.cases.CaseType;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.Tier;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a rule applies: every condition that is set must hold (AND); a condition left null is not checked, so a
 * rule with no conditions matches every call. Time windows may wrap midnight (from 18:00 to 08:00). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleCondition(Set<Tier> tiers, CaseType openCaseType, Integer maxDaysSincePurchase,
                            Boolean warrantyActive, String language, String hotline, LocalTime from, LocalTime to,
                            Boolean unknownCaller) {

    public static final RuleCondition ALWAYS = new RuleCondition(null, null, null, null, null, null, null, null, null);

    public RuleCondition {
        tiers = tiers == null || tiers.isEmpty() ? null : Set.copyOf(tiers);
        language = blankToNull(language);
        hotline = blankToNull(hotline);
    }

    /** Problems a person can fix, each naming the field; empty when the condition is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (maxDaysSincePurchase != null && (maxDaysSincePurchase < 0 || maxDaysSincePurchase > 36_500)) {
            problems.add("when.maxDaysSincePurchase must be between 0 and 36500");
        }
        if ((from == null) != (to == null)) {
            problems.add("when.from and when.to must be given together");
        } else if (from != null && from.equals(to)) {
            problems.add("when.from and when.to must differ");
        }
        if (language != null && !language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            problems.add("when.language must be a language code such as en or fr_CA");
        }
        if (hotline != null && !hotline.matches("\\+?[0-9]{1,20}")) {
            problems.add("when.hotline must be the digits of the dialled number");
        }
        if (Boolean.TRUE.equals(unknownCaller) && (tiers != null || openCaseType != null
                || maxDaysSincePurchase != null || Boolean.TRUE.equals(warrantyActive))) {
            problems.add("when.unknownCaller cannot be combined with customer conditions");
        }
        return problems;
    }

    public void validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ValidationException(String.join("; ", problems));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
