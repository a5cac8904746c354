package io.aftercare.search;

import static io.aftercare.search.SearchKind.EMAIL;
import static io.aftercare.search.SearchKind.NAME;
import static io.aftercare.search.SearchKind.ORDER;
import static io.aftercare.search.SearchKind.PHONE;
import static io.aftercare.search.SearchKind.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.core.ValidationException;
import io.aftercare.persistence.SearchKeys;
import io.aftercare.telephony.PhoneNumbers;
import org.junit.jupiter.api.Test;

/** What a query is searched as, and the keys both sides of the comparison are folded to. */
class SearchQueryTest {
    private final PhoneNumbers phones = new PhoneNumbers("US");

    private SearchQuery parse(String q) {
        return SearchQuery.parse(q, phones);
    }

    @Test
    void foldsCaseAccentsAndSpacesOfNamesInAnyAlphabet() {
        assertThat(SearchKeys.text("  Ayşe   ÜNAL ")).isEqualTo("ayse unal");
        assertThat(SearchKeys.text("Ünal")).isEqualTo(SearchKeys.text("ünal")).isEqualTo("unal");
        assertThat(SearchKeys.text("İlkay Yıldız")).isEqualTo("ilkay yildiz");
        assertThat(SearchKeys.text("Straße Øre Łódź")).isEqualTo("strasse ore lodz");
        assertThat(SearchKeys.text("ΣΟΦΙΑ")).isEqualTo(SearchKeys.text("σοφια"));
        assertThat(SearchKeys.text(null)).isNull();
    }

    @Test
    void keepsOnlyLettersAndDigitsOfOrderAndSerialNumbers() {
        assertThat(SearchKeys.code("SO-104031")).isEqualTo("so104031");
        assertThat(SearchKeys.code("sn 12-ab")).isEqualTo(SearchKeys.code("SN12AB"));
        assertThat(SearchKeys.code("A/B.C_D#1")).isEqualTo("abcd1");
    }

    @Test
    void readsWhatTheTextCanBe() {
        assertThat(parse("so-104031").kinds()).containsExactlyInAnyOrder(ORDER, SERIAL, NAME, EMAIL);
        assertThat(parse("sn 12-ab").kinds()).containsExactlyInAnyOrder(ORDER, SERIAL, NAME);
        assertThat(parse("104031").kinds()).containsExactlyInAnyOrder(PHONE, ORDER, SERIAL);
        assertThat(parse("+1 212 555 0123").kinds()).containsExactly(PHONE);
        assertThat(parse("Ünal").kinds()).containsExactlyInAnyOrder(NAME, EMAIL, ORDER, SERIAL);
        assertThat(parse("ayşe ünal").kinds()).containsExactlyInAnyOrder(NAME, ORDER, SERIAL);
        assertThat(parse("ün").kinds()).containsExactly(NAME);
        assertThat(parse("a@b").kinds()).containsExactly(EMAIL);
        assertThat(parse("555").kinds()).as("too few digits for a phone").containsExactlyInAnyOrder(ORDER, SERIAL);
    }

    @Test
    void readsPhoneNumbersWholeOrByTheirDigits() {
        SearchQuery national = parse("(212) 555-0123");
        assertThat(national.phoneNumber()).isEqualTo("+12125550123");
        assertThat(national.phoneDigits()).isEqualTo("2125550123");
        SearchQuery french = parse("06 12 34 56 78");
        assertThat(french.phoneNumber()).as("not a US number").isEmpty();
        assertThat(french.phoneDigits()).as("the trunk 0 is not in E.164").isEqualTo("612345678");
        SearchQuery international = parse("+33 6 123");
        assertThat(international.phoneDigits()).isEqualTo("336123");
        assertThat(international.phoneFromStart()).isTrue();
    }

    @Test
    void seeksTheKeysThatBeginWithAPrefixBetweenBoundsThatSortAsInAscii() {
        assertThat(SearchQuery.seek("so1040")).isEqualTo(new SearchDao.Range("so1040", "so1041", "so1040%"));
        assertThat(SearchQuery.seek("so1049").to()).isEqualTo("so104a");
        assertThat(SearchQuery.seek("abz").to()).isEqualTo("ac");
        assertThat(SearchQuery.seek("a9z").to()).isEqualTo("aa");
        assertThat(SearchQuery.seek("zz").to()).isEqualTo("\uffff");
        assertThat(SearchQuery.seek("ab_").prefix()).isEqualTo("ab!_%");
        assertThat(parse("SO-104031").codeEnd().from()).isEqualTo("130401os");
    }

    @Test
    void matchesEveryWordOfANameOnItsOwnWithWildcardsEscaped() {
        assertThat(parse("ünal ayşe").nameWords()).containsExactly("%unal%", "%ayse%", "%");
        assertThat(parse("a b c d").nameWords()).containsExactly("%a%", "%b%", "%c d%");
        assertThat(parse("n 100%").nameWords()).containsExactly("%n%", "%100!%%", "%");
    }

    @Test
    void refusesWhatCannotBeSearched() {
        for (String q : new String[] {null, "", "   ", "a", "12", "%", "_", "+49 30", "a\nb", "x".repeat(101)}) {
            assertThatThrownBy(() -> parse(q)).as(String.valueOf(q)).isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("q ");
        }
    }
}
