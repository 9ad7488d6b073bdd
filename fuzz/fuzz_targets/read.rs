//! The corpus readers on arbitrary files: JSONL (plain, gzip, zstd), WARC (plain, gzip), Parquet,
//! and whole .txt and .html files. The first byte picks the format; the rest is the file. Every
//! input gives records or typed error records, never a panic, and a JSONL file gives one item per
//! line that is not blank.
#![no_main]

use std::io::Write;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use textmill_batch::{ReadConfig, expand, read_files};

const NAMES: [&str; 8] = [
    "in.jsonl",
    "in.jsonl.gz",
    "in.jsonl.zst",
    "in.warc",
    "in.warc.gz",
    "in.parquet",
    "in.txt",
    "in.html",
];

/// libFuzzer's panic hook aborts on every panic, caught or not. The Parquet reader is run under
/// `catch_unwind` (textmill-batch's `parquet::guarded`), which turns a panic of the parquet
/// crate into an error record: such a panic is let through to that guard, and any other panic,
/// in textmill's own code, still aborts.
fn let_parquet_panics_reach_their_guard() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let abort_on_panic = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_parquet = info
                .location()
                .is_some_and(|l| l.file().contains("/parquet-"));
            if !in_parquet {
                abort_on_panic(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_parquet_panics_reach_their_guard();
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(body).unwrap();
    drop(file);
    let config = ReadConfig {
        // Small enough that the too-large path is taken too.
        max_bytes: 4096,
        keep_input: pick & 0x80 != 0,
        ..ReadConfig::default()
    };
    let items: Vec<_> = read_files(expand(&[path]).files, config).collect();
    let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    // (Lines near the size limit, and a file whose first bytes say gzip or zstd, which is then
    // read as one, are left out: not the behaviour checked here.)
    let compressed = body.starts_with(&[0x1f, 0x8b]) || body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    if name == "in.jsonl" && !compressed && lines.iter().all(|line| line.len() < 4000) {
        let records = lines
            .iter()
            .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
            .count();
        assert_eq!(items.len(), records);
    }
    if name == "in.txt" || name == "in.html" {
        assert_eq!(items.len(), 1);
    }
});
