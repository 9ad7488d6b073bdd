//! Cleans every file of a folder as HTML, `PASSES` times (default 5), and prints pages per
//! second and the bytes of text kept: the driver behind the instruction counts in
//! benches/RESULTS.md (`PASSES=1 valgrind --tool=callgrind target/release/examples/clean_folder DIR`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: clean_folder DIR  (PASSES=N in the environment)");
        return ExitCode::FAILURE;
    };
    let pages: Vec<Vec<u8>> = match std::fs::read_dir(&dir).and_then(|entries| {
        entries
            .map(|e| std::fs::read(e?.path()))
            .collect::<std::io::Result<_>>()
    }) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("clean_folder: {dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5);
    let cleaner = textmill_boilerplate::Cleaner::default();
    let started = std::time::Instant::now();
    let mut kept = 0;
    for _ in 0..passes {
        for page in &pages {
            kept += cleaner.clean_html(page).text.len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{:.1} pages/s, {kept} bytes of text kept",
        (passes * pages.len()) as f64 / seconds
    );
    ExitCode::SUCCESS
}
