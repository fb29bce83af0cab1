package dev.confab.media;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Codec options as an AVDictionary, and the check that the codec consumed all of them when it opened. */
final class CodecOptions implements AutoCloseable {
    private final AVDictionary dictionary = new AVDictionary(null);

    CodecOptions(Map<String, String> options) {
        options.forEach((key, value) -> avutil.av_dict_set(dictionary, key, value, 0));
    }

    AVDictionary dictionary() {
        return dictionary;
    }

    /** After avcodec_open2: what is left in the dictionary was not understood by the codec. */
    List<String> leftovers() {
        List<String> unused = new ArrayList<>();
        if (avutil.av_dict_count(dictionary) == 0) {
            return unused;
        }
        AVDictionaryEntry entry = null;
        while ((entry = avutil.av_dict_iterate(dictionary, entry)) != null) {
            unused.add(entry.key().getString() + "=" + entry.value().getString());
        }
        return unused;
    }

    @Override
    public void close() {
        avutil.av_dict_free(dictionary);
    }
}
