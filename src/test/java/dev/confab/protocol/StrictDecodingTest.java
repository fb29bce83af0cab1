package dev.confab.protocol;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docs/protocol.md section 8: a field of the wrong JSON type is INVALID_MESSAGE, and the error text names the
 * field in words a client author can act on, without the JSON library's class names, settings or positions.
 */
@UnitTest
class StrictDecodingTest {

    private final ProtocolCodec codec = new ProtocolCodec();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"hello","version":"1"}                                              | field "version" must be an integer
            {"type":"hello","version":1.5}                                              | field "version" must be an integer
            {"type":"hello","version":1.0}                                              | field "version" must be an integer
            {"type":"hello","version":true}                                             | field "version" must be an integer
            {"type":"hello","version":null}                                             | field "version" must not be null
            {"type":"hello"}                                                            | field "version" is missing
            {"type":"hello","version":1,"client":7}                                     | field "client" must be a string
            {"type":"join","meetingId":4842628111,"displayName":"Ann"}                  | field "meetingId" must be a string
            {"type":"join","meetingId":"4842628111","displayName":false}                | field "displayName" must be a string
            {"type":"join","meetingId":"4842628111","displayName":null}                 | field "displayName" must not be null
            {"type":"join","meetingId":"4842628111","displayName":["Ann"]}              | field "displayName" must be a string
            {"type":"join","meetingId":"4842628111","displayName":"Ann","passcode":123} | field "passcode" must be a string
            {"type":"lock_meeting","locked":"true"}                                     | field "locked" must be true or false
            {"type":"lock_meeting","locked":1}                                          | field "locked" must be true or false
            {"type":"update_state","cameraOn":true,"sharing":false,"recording":false}   | field "muted" is missing
            {"type":"remove_participant","participantId":"2"}                           | field "participantId" must be an integer
            {"type":"remove_participant","participantId":99999999999}                   | field "participantId" is out of range
            {"type":"keyframe_request","participantId":2,"stream":1}                    | field "stream" must be one of CAMERA, AUDIO, SCREEN, PADDING, FILE
            {"type":"keyframe_request","participantId":2,"stream":"SMELL"}              | field "stream" must be one of CAMERA, AUDIO, SCREEN, PADDING, FILE
            {"type":"chat","to":"3","enc":"e2e","payload":"x"}                          | field "to" must be an array
            {"type":"chat","to":["3"],"enc":"e2e","payload":"x"}                        | field "to[0]" must be an integer
            {"type":"chat","to":[],"enc":1,"payload":"x"}                               | field "enc" must be a string
            {"type":"ping","nonce":"17"}                                                | field "nonce" must be an integer
            {"type":"share_options","allowViewerAnnotation":"yes"}                      | field "allowViewerAnnotation" must be true or false
            {"type":"set_recording_policy","policy":0}                                  | field "policy" must be one of HOST_ONLY, EVERYONE, NOBODY
            {"type":"annotate","shareId":2,"annotation":5}                              | field "annotation" must be an object
            {"type":"annotate","shareId":2,"annotation":{}}                             | field "annotation.op" is missing
            {"type":"annotate","shareId":2,"annotation":{"op":"UNDO","points":["0.5"]}} | field "annotation.points[0]" must be a number
            {"type":"view"}                                                             | field "show" is missing
            {"type":"view","show":null}                                                 | field "show" must not be null
            {"type":"view","show":{"participantId":2}}                                  | field "show" must be an array
            {"type":"view","show":[null]}                                               | field "show[0]" must not be null
            {"type":"view","show":[{"participantId":2,"width":640}]}                    | field "show[0].height" is missing
            {"type":"view","show":[{"participantId":"2","width":640,"height":360}]}     | field "show[0].participantId" must be an integer
            {"type":"view","show":[{"participantId":2,"width":640.5,"height":360}]}     | field "show[0].width" must be an integer
            {"type":"view","show":[{"participantId":0,"width":640,"height":360}]}       | field "show[0].participantId" must be 1 to 65535
            {"type":"view","show":[{"participantId":2,"width":0,"height":360}]}         | field "show[0].width" must be 1 to 7680
            {"type":"view","show":[{"participantId":2,"width":64,"height":36},{"participantId":3,"width":640,"height":-1}]} | field "show[1].height" must be 1 to 4320
            {"type":7}                                                                  | field "type" must be a string
            {"locked":true}                                                             | field "type" is missing
            """)
    void wrongTypesAreInvalidWithACleanText(String json, String expectedText) {
        assertThatThrownBy(() -> codec.decodeClient(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(e.getMessage()).isEqualTo(expectedText);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"hello","version":"1"}
            {"type":"join","meetingId":null,"displayName":"A"}
            {"type":"keyframe_request","participantId":2,"stream":"SMELL"}
            {"type":"remove_participant","participantId":99999999999}
            {"type": "chat",
            {"type":"leave"} trailing
            """)
    void errorTextsNeverShowLibraryInternals(String json) {
        assertThatThrownBy(() -> codec.decodeClient(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.getMessage())
                        .doesNotContain("com.fasterxml", "dev.confab", "java.", "`", "$", "line:", "column:",
                                "Coercion", "DeserializationFeature", "Source", "token"));
    }

    @Test
    void shareStartsAnnotationFlagIsOptionalAndDefaultsToFalse() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"share_start\"}")).isEqualTo(new ClientMessage.ShareStart(false));
        assertThat(codec.decodeClient("{\"type\":\"share_start\",\"allowViewerAnnotation\":null}"))
                .isEqualTo(new ClientMessage.ShareStart(false));
        assertThat(codec.decodeClient("{\"type\":\"share_start\",\"allowViewerAnnotation\":true}"))
                .isEqualTo(new ClientMessage.ShareStart(true));
    }

    @Test
    void wellTypedMessagesStillDecode() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"hello\",\"version\":1}")).isEqualTo(new ClientMessage.Hello(1, null));
        assertThat(codec.decodeClient("{\"type\":\"annotate\",\"shareId\":2,\"annotation\":{\"op\":\"UNDO\",\"id\":\"a\",\"width\":1}}"))
                .isEqualTo(new ClientMessage.Annotate(2, new Annotation(Annotation.Op.UNDO, "a", null, null, 1.0, null, null)));
    }

    @Test
    void jsonPastTheParsersLimitsIsMalformedWithAPlainReason() {
        String deep = "{\"type\":\"hello\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        String longNumber = "{\"type\":\"hello\",\"version\":" + "9".repeat(5_000) + "}";
        for (String hostile : new String[]{deep, longNumber}) {
            assertThatThrownBy(() -> codec.decodeClient(hostile))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.code()).isIn(ErrorCode.MALFORMED_MESSAGE, ErrorCode.INVALID_MESSAGE);
                        assertThat(e.getMessage()).doesNotContain("jackson", "Exception", "StreamConstraints");
                    });
        }
    }
}
