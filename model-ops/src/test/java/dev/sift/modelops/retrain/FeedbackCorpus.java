package dev.sift.modelops.retrain;

import java.util.ArrayList;
import java.util.List;

/**
 * Snippet texts for the learning loop's integration test, made from templates so that each is distinct: requests to
 * export one's personal data (an intent the default model does not know), complaints, praise and chit-chat.
 */
final class FeedbackCorpus {

    private FeedbackCorpus() {
    }

    /** @return 150 distinct requests for an export of one's data */
    static List<String> dataExportRequests() {
        return combine(List.of("Please", "Could you", "I would like you to", "Under GDPR I am asking you to", "Kindly",
                "Can you"), List.of("send me a copy of", "export", "give me a downloadable file with",
                "email me an export of", "provide a full export of"), List.of("all the personal data you hold about me",
                "every record you keep on my account", "my complete data file", "the data you have collected about me",
                "everything you store about my profile"), " ");
    }

    /** @return 60 distinct complaints */
    static List<String> complaints() {
        return combine(List.of("My order", "The package", "My delivery", "The replacement", "The parcel"),
                List.of("arrived broken again", "was damaged and nobody answers my emails",
                        "is a week late and support keeps ignoring me", "came with missing parts, this is unacceptable"),
                List.of(".", ". Really disappointed.", ". Worst service I have ever had."), " ");
    }

    /** @return 48 distinct compliments */
    static List<String> praise() {
        return combine(List.of("Your support agent", "The team at the help desk", "Your new app", "The store staff"),
                List.of("was fantastic", "did a brilliant job", "made my day", "was incredibly helpful"),
                List.of(", thank you so much!", ", five stars from me.", ", keep it up!"), " ");
    }

    /** @return 75 distinct bits of chit-chat */
    static List<String> chitChat() {
        return combine(List.of("Thanks", "Ok great", "Haha sure", "See you tomorrow", "Sounds good"),
                List.of(" everyone", " team", " folks", " mate", " all"), List.of("", ", talk later",
                        ", have a nice day"), "");
    }

    private static List<String> combine(List<String> a, List<String> b, List<String> c, String separator) {
        List<String> out = new ArrayList<>();
        for (String x : a) {
            for (String y : b) {
                for (String z : c) {
                    out.add(x + separator + y + (z.startsWith(",") || z.startsWith(".") || z.isEmpty() ? z
                            : separator + z));
                }
            }
        }
        return out;
    }
}
