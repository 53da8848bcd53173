package dev.sift.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts for the learning loop's end-to-end test, made from templates so that each is distinct. Requests to export
 * one's data (an intent the default model does not know) come in two sets worded differently: the first is the
 * traffic the teacher labels, the second the fresh traffic the learned model is measured on. Complaints, praise and
 * chit-chat come in two disjoint halves the same way.
 */
final class LoopCorpus {

    private LoopCorpus() {
    }

    /** @return 80 requests for an export of one's data, as the teacher sees them */
    static List<String> exportsToLearn() {
        return combine(List.of("Please", "Could you", "I would like you to", "Kindly", "I am asking you to"),
                List.of("send me a copy of", "export", "email me an export of", "prepare a download of"),
                List.of("all the personal data you hold about me", "every record you keep on my account",
                        "my complete data file", "the information you store on me"), " ");
    }

    /** @return 36 requests for an export of one's data, worded unlike {@link #exportsToLearn()} */
    static List<String> freshExports() {
        return combine(List.of("Under GDPR I need you to", "Can you", "I want you to", "Would you"),
                List.of("give me a downloadable file with", "provide a full export of", "hand over a copy of"),
                List.of("the data you have collected about me", "everything you store about my profile",
                        "all information linked to my account"), " ");
    }

    /** @return 60 complaints; the first 40 to learn from, the rest fresh */
    static List<String> complaints() {
        return combine(List.of("My order", "The package", "My delivery", "The replacement", "The parcel"),
                List.of("arrived broken again", "was damaged and nobody answers my emails",
                        "is a week late and support keeps ignoring me", "came with missing parts"),
                List.of("this is unacceptable", "really disappointed", "worst service I have ever had"), ", ");
    }

    /** @return 48 compliments; the first 30 to learn from, the rest fresh */
    static List<String> praise() {
        return combine(List.of("Your support agent", "The team at the help desk", "Your new app", "The store staff"),
                List.of("was fantastic", "did a brilliant job", "made my day", "was incredibly helpful"),
                List.of("thank you so much", "five stars from me", "keep it up"), ", ");
    }

    /** @return 150 bits of chit-chat; the first 100 to learn from, the rest fresh */
    static List<String> chitChat() {
        return combine(List.of("Thanks", "Ok great", "Haha sure", "See you tomorrow", "Sounds good", "Cool",
                        "Morning", "Nice one", "Lol", "Fair enough"),
                List.of("everyone", "team", "folks", "mate", "all"),
                List.of("talk later", "have a nice day", "cheers"), ", ");
    }

    private static List<String> combine(List<String> a, List<String> b, List<String> c, String beforeLast) {
        List<String> out = new ArrayList<>();
        for (String z : c) {
            for (String y : b) {
                for (String x : a) {
                    out.add(x + " " + y + beforeLast + z);
                }
            }
        }
        return out;
    }
}
