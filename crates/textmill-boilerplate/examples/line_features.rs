//! Reads JSON lines `{"id": ..., "text": ...}` on stdin and writes, for each text, one JSON line
//! `{"id": ..., "lines": [{"text": ..., "features": [...]}, ...], "text": ..., "title": ...}`: the
//! lines as the line model sees them, and the text cleaned (with the model in the file given as
//! `--model PATH`, else the shipped one). The first line out names the features. Used by
//! `data/train_line_model.py`.

use std::io::{BufRead, Write};
use std::sync::Arc;

use textmill_boilerplate::training::{LINE_FEATURES, text_lines};
use textmill_boilerplate::{Cleaner, Config, LineModel};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = Config::default();
    let mut cleaner = Cleaner::new(config.clone());
    match args.as_slice() {
        [] => {}
        [flag, path] if flag == "--model" => {
            let model = LineModel::parse(&std::fs::read_to_string(path)?)?;
            cleaner = cleaner.with_line_model(Arc::new(model));
        }
        _ => return Err("usage: line_features [--model PATH] < texts.jsonl".into()),
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut out, &serde_json::json!({ "features": LINE_FEATURES }))?;
    out.write_all(b"\n")?;
    for line in std::io::stdin().lock().lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let text = record["text"].as_str().unwrap_or_default();
        let cleaned = cleaner.clean_text(text);
        let row = serde_json::json!({
            "id": record["id"],
            "lines": text_lines(text, &config.text),
            "text": cleaned.text,
            "title": cleaned.metadata.title,
        });
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
