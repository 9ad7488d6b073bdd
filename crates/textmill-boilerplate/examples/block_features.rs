//! Reads JSON lines `{"id": ..., "html": ...}` on stdin (the page's bytes, each as the character
//! U+0000-U+00FF of the same value) and writes, for each page, one JSON line `{"id": ...,
//! "blocks": [{"text": ..., "features": [...]}, ...], "text": ..., "title": ..., "date": ...,
//! "authors": [...]}`: the blocks as the block model sees them, and the page cleaned (with the
//! model in the file given as `--model PATH`, else the shipped one). The first line out names
//! the features. Used by `data/train_block_model.py`.

use std::io::{BufRead, Write};
use std::sync::Arc;

use textmill_boilerplate::training::{FEATURES, html_blocks};
use textmill_boilerplate::{BlockModel, Cleaner, Config};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cleaner = Cleaner::new(Config::default());
    match args.as_slice() {
        [] => {}
        [flag, path] if flag == "--model" => {
            let model = BlockModel::parse(&std::fs::read_to_string(path)?)?;
            cleaner = cleaner.with_block_model(Arc::new(model));
        }
        _ => return Err("usage: block_features [--model PATH] < pages.jsonl".into()),
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut out, &serde_json::json!({ "features": FEATURES }))?;
    out.write_all(b"\n")?;
    for line in std::io::stdin().lock().lines() {
        let page: serde_json::Value = serde_json::from_str(&line?)?;
        let html: Vec<u8> = page["html"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .map(|c| u8::try_from(c).unwrap_or(b'?'))
            .collect();
        let cleaned = cleaner.clean_html(&html);
        let row = serde_json::json!({
            "id": page["id"],
            "blocks": html_blocks(&html),
            "text": cleaned.text,
            "title": cleaned.metadata.title,
            "date": cleaned.metadata.date,
            "authors": cleaned.metadata.authors,
        });
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
