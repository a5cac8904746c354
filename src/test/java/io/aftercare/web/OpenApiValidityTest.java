package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.yaml} is a valid OpenAPI 3.1 document as swagger-parser reads it (no messages: a comma in an
 * unquoted flow-mapping value would split it into junk keys), with servers and a unique operationId on every
 * operation, so generated clients get stable names.
 */
class OpenApiValidityTest {
    private static String document() throws IOException {
        try (InputStream in = OpenApiValidityTest.class.getResourceAsStream("/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * No key without a value: in a flow mapping an unquoted comma ({@code description: a, b}) makes {@code b} a key
     * of its own, which the parser accepts inside schemas.
     */
    @Test
    void noFlowMappingValueWasSplitIntoJunkKeys() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(document());
        List<String> junk = new ArrayList<>();
        walk(root, "", junk);
        assertThat(junk).as("keys with no value").isEmpty();
    }

    private static void walk(JsonNode node, String at, List<String> junk) {
        node.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                junk.add(at + "." + e.getKey());
            }
            walk(e.getValue(), at + "." + e.getKey(), junk);
        });
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "[" + i + "]", junk);
            }
        }
    }

    @Test
    void theDocumentIsValidAndEveryOperationHasAUniqueId() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, options);
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getServers()).as("servers").isNotEmpty();
        List<String> missing = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> twice = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String id = op.getOperationId();
            if (id == null || id.isBlank()) {
                missing.add(method + " " + path);
            } else if (!ids.add(id)) {
                twice.add(id);
            }
        }));
        assertThat(missing).as("operations without an operationId").isEmpty();
        assertThat(twice).as("operationIds used twice").isEmpty();
    }
}
