//! The ranked cluster method's candidates, for `data/train_cluster_ranker.py`.
//!
//! Reads stories as JSON lines from stdin, each `{"id", "docs": [{"title", "text"}...],
//! "summary"}` (NeuS's `*_mds.jsonl`), and writes a first line `{"features": [names]}`, then
//! one line per candidate: `{"story", "sentences", "features", "score", "rouge1", "rouge2"}`,
//! the last two the candidate's ROUGE F1 against the story's `summary` (this crate's scorer,
//! which matches rouge-score). `--words N` sets the budget (default 100, the story summaries').

use std::io::{BufRead, Write};

use serde_json::{Value, json};
use textmill_summarize::{Budget, CLUSTER_FEATURES, Summarizer, rouge};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let words = match args.iter().position(|a| a == "--words") {
        Some(at) => args.get(at + 1).ok_or("--words needs a number")?.parse()?,
        None => 100,
    };
    let summarizer = Summarizer::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "{}", json!({ "features": &CLUSTER_FEATURES[..] }))?;
    for line in std::io::stdin().lock().lines() {
        let story: Value = serde_json::from_str(&line?)?;
        let field = |doc: &Value, name: &str| doc[name].as_str().unwrap_or("").to_string();
        let docs = story["docs"].as_array().ok_or("a story without docs")?;
        let titles: Vec<String> = docs.iter().map(|d| field(d, "title")).collect();
        let texts: Vec<String> = docs.iter().map(|d| field(d, "text")).collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let reference = story["summary"].as_str().unwrap_or("");
        for candidate in summarizer.cluster_candidates(&titles, &texts, Budget::Words(words)) {
            let text: Vec<&str> = candidate
                .sentences
                .iter()
                .map(|&(doc, i)| sentence(&summarizer, texts[doc], i))
                .collect();
            let scores = rouge::rouge(&text.join(" "), reference);
            let row = json!({
                "story": story["id"],
                "sentences": candidate.sentences,
                "features": candidate.features,
                "score": candidate.score,
                "rouge1": scores.rouge1.f1,
                "rouge2": scores.rouge2.f1,
            });
            writeln!(out, "{row}")?;
        }
    }
    Ok(())
}

fn sentence<'t>(summarizer: &Summarizer, text: &'t str, index: usize) -> &'t str {
    summarizer.segmenter().segment(text).sentences[index].text(text)
}
