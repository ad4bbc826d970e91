//! `cargo bench --bench import`: median time to read each document in-process (decode, parse,
//! build the register, write YAML). Uses ../shared/corpus when present, else fixtures/.

use dutyctl::reader::{ReadOptions, read};
use dutyctl::writer::{Format, write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROUNDS: usize = 200;

fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let dir = if corpus.is_dir() {
        corpus
    } else {
        root.join("fixtures")
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a document folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn main() {
    let options = ReadOptions::default();
    println!(
        "{:<40} {:>10} {:>10} {:>7}",
        "document", "median", "p90", "tasks"
    );
    for path in documents() {
        let bytes = std::fs::read(&path).expect("readable");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
        let mut tasks = 0;
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let reading = read(&bytes, &name, &options).expect("imports");
            let yaml = write(&reading.register, Format::Yaml).expect("writes");
            times.push(start.elapsed());
            tasks = reading.register.tasks.len();
            std::hint::black_box(yaml);
        }
        times.sort();
        println!(
            "{:<40} {:>8.3}ms {:>8.3}ms {:>7}",
            name,
            times[ROUNDS / 2].as_secs_f64() * 1e3,
            times[ROUNDS * 9 / 10].as_secs_f64() * 1e3,
            tasks
        );
    }
}
