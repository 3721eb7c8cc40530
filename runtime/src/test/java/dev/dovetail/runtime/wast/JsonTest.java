package dev.dovetail.runtime.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON reader of the command scripts. */
class JsonTest {
    @Test
    void readsTheShapesTheScriptsUse() {
        Json j = Json.parse("""
                {"commands": [{"type": "assert_return", "line": 12, "name": null,
                  "action": {"args": [{"type": "string", "value": "a\\"\\\\\\n\\u00e9\\ud83c\\udf70"}]},
                  "expected": [{"type": "bool", "value": true}, {"type": "f64", "value": -1.5e3}]}]}
                """);
        Json c = j.path("commands").get(0);
        assertEquals("assert_return", c.path("type").text());
        assertEquals(12, c.path("line").asInt());
        assertTrue(c.has("name"));
        assertTrue(c.path("name").isNull());
        assertEquals("fallback", c.path("name").text("fallback"));
        assertEquals("fallback", c.path("absent").text("fallback"));
        assertFalse(c.has("absent"));
        assertTrue(c.path("absent").isMissing());
        assertEquals("", c.path("absent").path("deeper").text());
        assertEquals("a\"\\\n\u00e9\ud83c\udf70", c.path("action").path("args").get(0).path("value").text());
        assertTrue(c.path("expected").get(0).path("value").bool());
        assertEquals("-1.5e3", c.path("expected").get(1).path("value").text());
        assertEquals(2, c.path("expected").size());
        assertTrue(c.path("expected").get(5).isMissing());
        List<String> types = new ArrayList<>();
        for (Json e : c.path("expected")) {
            types.add(e.path("type").text());
        }
        assertEquals(List.of("bool", "f64"), types);
        assertEquals("[{\"type\":\"bool\",\"value\":true},{\"type\":\"f64\",\"value\":-1.5e3}]",
                c.path("expected").toString());
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "\"\\u12g4\"", "tru", "[1] 2",
                "\"unterminated", "{\"a\": -}", "1.", "1e", "\"tab\there\"", "[".repeat(1000))) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
