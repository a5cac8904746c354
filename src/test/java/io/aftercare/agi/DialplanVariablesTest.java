package io.aftercare.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DialplanVariablesTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    @Test
    void readmeTableAndConstantsAgree() throws IOException {
        String readme = Files.readString(Path.of("dialplan/README.md"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(DialplanVariables.ALL);
    }

    @Test
    void dialplanUnpacksEveryRouteFieldFromItsPosition() throws IOException {
        String dialplan = Files.readString(Path.of("dialplan/extensions_aftercare.conf"));
        Matcher m = Pattern.compile("Set\\(([A-Za-z_()]+)=\\$\\{CUT\\(" + DialplanVariables.ROUTE + ",\\|,(\\d+)\\)}\\)")
                .matcher(dialplan);
        Map<String, Integer> unpacked = new LinkedHashMap<>();
        while (m.find()) {
            unpacked.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> packed = new LinkedHashMap<>();
        for (int i = 0; i < DialplanVariables.PACKED_BY_ROUTE.size(); i++) {
            packed.put(DialplanVariables.PACKED_BY_ROUTE.get(i), i + 1);
        }
        assertThat(unpacked).isEqualTo(packed);
        assertThat(PackedRoute.SEPARATOR).isEqualTo('|');
    }

    /** One address to change: every AGI() of the shipped dialplan reaches aftercare through AC_AGI. */
    @Test
    void everyAgiCallUsesTheOneGlobalAddress() throws IOException {
        List<String> agiCalls = Files.readAllLines(Path.of("dialplan/extensions_aftercare.conf")).stream()
                .filter(line -> !line.strip().startsWith(";") && line.contains("AGI(")).toList();
        assertThat(agiCalls).hasSize(4).allSatisfy(line -> assertThat(line).contains(
                "AGI(agi://${" + DialplanVariables.AGI_ADDRESS + "}/"));
    }

    @Test
    void dialplanUsesTheRouteVariables() throws IOException {
        String dialplan = Files.readString(Path.of("dialplan/extensions_aftercare.conf"));
        for (String name : DialplanVariables.ALL) {
            if (name.equals(DialplanVariables.ROUTE)) {
                assertThat(dialplan).contains("CUT(" + name + ",");
            } else if (!name.startsWith("CHANNEL(")) {
                assertThat(dialplan).as(name).contains("${" + name + "}");
            }
        }
    }
}
