//! Chinese and Japanese sentence ends (。！？), which need no space after them.

use textmill_segment::sentences;

fn split(text: &str) -> Vec<&str> {
    sentences(text).iter().map(|s| s.text(text)).collect()
}

#[test]
fn chinese_sentences_end_at_full_stops_and_full_width_marks() {
    assert_eq!(
        split("北京今天下雨。明天会晴吗？会的！"),
        ["北京今天下雨。", "明天会晴吗？", "会的！"]
    );
}

#[test]
fn a_closing_quote_stays_with_its_sentence_and_a_quoted_question_runs_on() {
    assert_eq!(
        split("彼は「雨だ。」と言った。今日は寒い。"),
        ["彼は「雨だ。」と言った。", "今日は寒い。"]
    );
    assert_eq!(
        split("「明日は晴れ？」と彼は聞いた。「はい。」"),
        ["「明日は晴れ？」と彼は聞いた。", "「はい。」"]
    );
}

#[test]
fn mixed_text_and_other_characters_of_the_same_lead_bytes_are_untouched() {
    // ｢ and ＄ share first bytes with the marks; ideographs around them are not ends.
    assert_eq!(
        split("価格は＄5です。Prices rose. 終わり。"),
        ["価格は＄5です。", "Prices rose.", "終わり。"]
    );
    assert_eq!(split("ひらがなだけ"), ["ひらがなだけ"]);
}
