//! Sentence ends that web and e-mail text marks without a period, and the news text those rules
//! must leave alone.

use textmill_segment::sentences;

fn split(text: &str) -> Vec<&str> {
    sentences(text).iter().map(|s| s.text(text)).collect()
}

#[test]
fn e_mail_header_times_end_a_sentence() {
    assert_eq!(
        split("Sally Beck/ENRON@enronXgate 06/04/2001 05:54 PM Can you pass this along to Eli?"),
        [
            "Sally Beck/ENRON@enronXgate 06/04/2001 05:54 PM",
            "Can you pass this along to Eli?"
        ]
    );
    assert_eq!(
        split("Vince Kaminski on 01/24/2001 11:16:25 AM Your suggestion works."),
        [
            "Vince Kaminski on 01/24/2001 11:16:25 AM",
            "Your suggestion works."
        ]
    );
}

#[test]
fn a_clock_time_in_news_does_not() {
    let text = "The vote closes at 5:30 PM Eastern on Tuesday. Results follow.";
    assert_eq!(split(text).len(), 2);
    assert_eq!(split("We met at 10:15 AM Monday in Seoul.").len(), 1);
}

#[test]
fn separator_lines_and_urls_end_a_sentence_before_a_capital() {
    assert_eq!(
        split("See you there ______________________________ Do You Yahoo!? Tired of spam?"),
        [
            "See you there ______________________________",
            "Do You Yahoo!?",
            "Tired of spam?"
        ]
    );
    assert_eq!(
        split(
            "Read it at http://www.theadvocate.com/story.asp?StoryID=16473 With protests going on, nobody came."
        ),
        [
            "Read it at http://www.theadvocate.com/story.asp?StoryID=16473",
            "With protests going on, nobody came."
        ]
    );
    // Lower case after a URL, or a URL inside a sentence, is one sentence.
    assert_eq!(split("Go to http://example.com/a and look.").len(), 1);
    assert_eq!(split("Visit https://example.com/news.").len(), 1);
}

#[test]
fn emoticons_addresses_and_sign_offs_end_a_sentence() {
    assert_eq!(split("That was fun :) Now back to work.").len(), 2);
    assert_eq!(
        split("Write to <kay@example.com> Please reply soon.").len(),
        2
    );
    assert_eq!(split("Thanks, Sean").len(), 2);
}
