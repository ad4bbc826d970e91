//! `cargo bench --bench import`: median time to read each document in-process (decode, parse,
//! build the register, write YAML). Uses ../shared/corpus when present, else fixtures/, plus a
//! generated 50-row .xlsx and a 30-page .docx.

use dutyctl::reader::{ReadOptions, read};
use dutyctl::writer::{Format, WriteOptions, write};
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

/// A 50-row 责任分解表 as Excel would hold it.
fn xlsx_50_rows() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "某县重点工作任务分解表").unwrap();
    let headers = [
        "序号",
        "重点工作任务",
        "牵头单位",
        "配合单位",
        "责任人",
        "完成时限",
    ];
    for (col, header) in headers.into_iter().enumerate() {
        sheet.write_string(1, col as u16, header).unwrap();
    }
    for i in 0..50u32 {
        let row = i + 2;
        sheet.write_number(row, 0, f64::from(i + 1)).unwrap();
        sheet
            .write_string(row, 1, "开展隐患排查整治。一是全面排查。二是建立台账。")
            .unwrap();
        sheet.write_string(row, 2, "县应急管理局").unwrap();
        sheet
            .write_string(row, 3, "县发改局、工信局、住建局\n各乡镇人民政府")
            .unwrap();
        sheet
            .write_string(row, 4, "张  三      各乡镇主要负责人")
            .unwrap();
        sheet.write_string(row, 5, "2024年6月底前").unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// About 30 printed pages: 600 numbered paragraphs with assignments and one 50-row table.
fn docx_30_pages() -> Vec<u8> {
    let mut body = String::new();
    for section in 1..=10 {
        body.push_str(&format!(
            "<w:p><w:r><w:t>{section}、重点任务</w:t></w:r></w:p>"
        ));
        for task in 1..=60 {
            body.push_str(&format!(
                "<w:p><w:r><w:t>（{task}）开展专项整治，全面排查风险隐患，建立问题清单和整改台账，确保整改到位。\
                 （县应急管理局牵头，县发改局、工信局等按职责分工负责）</w:t></w:r></w:p>"
            ));
        }
    }
    body.push_str("<w:tbl>");
    for row in 0..50 {
        body.push_str("<w:tr>");
        for cell in [row.to_string(), "排查整治。".into(), "县应急管理局".into()] {
            body.push_str(&format!(
                "<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>"
            ));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn main() {
    let options = ReadOptions::default();
    println!(
        "{:<40} {:>10} {:>10} {:>7}",
        "document", "median", "p90", "tasks"
    );
    let mut inputs: Vec<(String, Vec<u8>)> = documents()
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("readable"))
        })
        .collect();
    inputs.push(("generated 50-row.xlsx".into(), xlsx_50_rows()));
    inputs.push(("generated 30-page.docx".into(), docx_30_pages()));
    // DUTYCTL_BENCH_ONLY=docx runs only the inputs whose name contains it (for a profiler).
    let only = std::env::var("DUTYCTL_BENCH_ONLY").ok();
    inputs.retain(|(name, _)| only.as_ref().is_none_or(|o| name.contains(o.as_str())));
    for (name, bytes) in inputs {
        let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
        let mut tasks = 0;
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let reading = read(&bytes, &name, &options).expect("imports");
            let yaml =
                write(&reading.register, Format::Yaml, &WriteOptions::default()).expect("writes");
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
