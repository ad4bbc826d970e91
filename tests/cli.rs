//! All integration tests in one binary: golden registers for every fixture, bad input, batches,
//! output safety, and the shared corpus when it is present.
//!
//! Goldens: `fixtures/NAME.ext` is imported and compared with `fixtures/NAME.yaml`.
//! After a deliberate change, `DUTYCTL_BLESS=1 cargo test` rewrites them; review the diff.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn dutyctl() -> Command {
    Command::cargo_bin("dutyctl").expect("the dutyctl binary is built")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn fixture_inputs() -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "yaml" && e != "md"))
        .collect();
    inputs.sort();
    inputs
}

fn import_stdout(path: &Path) -> String {
    let output = dutyctl()
        .arg("import")
        .arg(path)
        .output()
        .expect("dutyctl runs");
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the register is UTF-8")
}

/// Imports one document to an output file, which must succeed.
fn import_to(input: impl AsRef<std::ffi::OsStr>, output: impl AsRef<std::ffi::OsStr>) {
    dutyctl()
        .arg("import")
        .arg(input)
        .arg("-o")
        .arg(output)
        .assert()
        .success();
}

fn register(yaml: &str) -> serde_yaml::Value {
    serde_yaml::from_str(yaml).expect("the register is YAML")
}

#[test]
fn every_fixture_imports_to_its_golden_register() {
    let bless = std::env::var_os("DUTYCTL_BLESS").is_some();
    let inputs = fixture_inputs();
    assert!(inputs.len() >= 8, "the fixtures are missing");
    let mut mismatches = Vec::new();
    for input in inputs {
        let actual = import_stdout(&input);
        let golden = input.with_extension("yaml");
        if bless {
            std::fs::write(&golden, &actual).expect("golden written");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!(
                "{} has no golden; run with DUTYCTL_BLESS=1",
                input.display()
            )
        });
        if actual != expected {
            let line = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, e)| a != e)
                .unwrap_or(0);
            mismatches.push(format!(
                "{}: first difference at line {}:\n  expected: {}\n  actual:   {}",
                input.display(),
                line + 1,
                expected.lines().nth(line).unwrap_or("<end>"),
                actual.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Facts about the fixtures stated independently of the goldens, so a wrong golden blessed by
/// mistake still fails here.
#[test]
fn fixtures_yield_the_assignments_their_documents_print() {
    let table = register(&import_stdout(&fixtures().join("table_first_leads.txt")));
    let first = &table["tasks"][0];
    assert_eq!(
        first["lead"][0], "县安委办",
        "the note makes the first unit lead"
    );
    assert_eq!(
        first["persons"][1], "赵敏",
        "a name spaced out to align is one person"
    );
    assert_eq!(
        first["persons"][3], "各乡镇（街道）主要负责人",
        "a fragment line finishes its cell's line"
    );
    assert_eq!(first["due"], "2024-06-30");
    assert_eq!(table["tasks"][1]["lead"][0], "临江县生态环境局开发区分局");

    let gbk = register(&import_stdout(
        &fixtures().join("table_lead_columns_gbk.txt"),
    ));
    assert_eq!(
        gbk["tasks"][0]["support"][1], "区财政局",
        "a list inherits its first member's prefix"
    );

    let plan = register(&import_stdout(
        &fixtures().join("outline_trailing_assignments.txt"),
    ));
    let tasks = plan["tasks"].as_sequence().expect("tasks");
    assert_eq!(
        tasks.len(),
        5,
        "目标, 实施步骤 and 保障措施 items are not tasks"
    );
    assert!(
        tasks[4]["support"]
            .as_sequence()
            .unwrap()
            .iter()
            .any(|u| u == "各县区政府"),
        "the standing note carries forward"
    );
    assert_eq!(tasks[0]["items"].as_sequence().unwrap().len(), 3);

    let notice = register(&import_stdout(
        &fixtures().join("outline_key_value_lines.txt"),
    ));
    assert_eq!(notice["document"]["doc_number"], "桂安办〔2024〕7号");
    assert_eq!(notice["tasks"][2]["lead"][1], "县自然资源局");
    assert_eq!(notice["tasks"][2]["support"][1], "县生态环境局");
    assert_eq!(notice["tasks"][1]["leaders"][0], "刘长青");

    let division = register(&import_stdout(
        &fixtures().join("leader_division_gb18030.txt"),
    ));
    assert_eq!(division["document"]["layout"], "leader-division");
    assert_eq!(
        division["tasks"][2]["seq"], "1",
        "a number lost to debris is inferred"
    );
    assert_eq!(division["people"][1]["backup"], "冯丽娟");
}

#[test]
fn register_reads_back_to_itself() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.yaml");
    import_to(fixtures().join("outline_trailing_assignments.txt"), &first);
    let again = dutyctl().arg("import").arg(&first).output().unwrap();
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        std::fs::read_to_string(&first).unwrap()
    );
    let json = dir.path().join("register.json");
    import_to(&first, &json);
    let from_json = dutyctl().arg("import").arg(&json).output().unwrap();
    assert_eq!(
        String::from_utf8(from_json.stdout).unwrap(),
        std::fs::read_to_string(&first).unwrap()
    );
}

#[test]
fn bad_inputs_get_one_line_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "empty"),
        (
            "report.txt",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            "PDF",
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "PNG",
        ),
        (
            "blob.txt",
            (0u8..=255).cycle().take(4096).collect(),
            "decode",
        ),
        (
            "binary.txt",
            [b"abc\x01\x02\x03\x04\x05".as_slice(); 50].concat(),
            "binary",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = dutyctl().arg("import").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name} should fail");
        assert!(
            stderr.contains(name) && stderr.contains(expected),
            "{name}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
    dutyctl()
        .arg("import")
        .arg(dir.path().join("missing.txt"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing.txt: no such file"));
    dutyctl()
        .arg("import")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("is a directory"));
}

#[test]
fn a_failed_import_leaves_the_old_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("register.yaml");
    std::fs::write(&out, "old good register\n").unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"%PDF-1.4").unwrap();
    dutyctl()
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "old good register\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".dutyctl"))
        .collect();
    assert!(leftovers.is_empty(), "a temporary file was left behind");
    import_to(fixtures().join("duty_list.txt"), &out);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("dutyctl: 1\n")
    );
}

#[test]
fn one_bad_file_in_a_batch_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.txt");
    std::fs::write(&bad, b"").unwrap();
    let out = dir.path().join("registers");
    dutyctl()
        .arg("import")
        .arg(fixtures().join("duty_list.txt"))
        .arg(&bad)
        .arg(fixtures().join("outline_utf16.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.txt: the file is empty"))
        .stderr(predicate::str::contains("1 of 3 files failed"));
    assert!(out.join("duty_list.yaml").exists());
    assert!(out.join("outline_utf16.yaml").exists());
    assert!(!out.join("broken.yaml").exists());
}

#[test]
fn several_files_need_an_output_folder() {
    dutyctl()
        .arg("import")
        .arg(fixtures().join("duty_list.txt"))
        .arg(fixtures().join("outline_utf16.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o FOLDER"));
}

#[test]
fn strict_turns_warnings_into_failure_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.yaml");
    dutyctl()
        .args(["import", "--strict", "-o"])
        .arg(&out)
        .arg(fixtures().join("leader_division_gb18030.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "leader_division_gb18030.txt:8: number lost to conversion debris",
        ))
        .stderr(predicate::str::contains("--strict"));
    assert!(!out.exists());
}

#[test]
fn a_document_without_tasks_imports_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.txt");
    std::fs::write(&path, "关于召开会议的通知\n请各单位准时参会。\n").unwrap();
    let output = dutyctl().arg("import").arg(&path).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no tasks recognised"));
    assert_eq!(
        register(&String::from_utf8(output.stdout).unwrap())["tasks"]
            .as_sequence()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn layout_and_encoding_can_be_forced() {
    let output = dutyctl()
        .args(["import", "--layout", "outline"])
        .arg(fixtures().join("duty_list.txt"))
        .output()
        .unwrap();
    let forced = register(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(forced["document"]["layout"], "outline");
    assert_eq!(
        forced["tasks"][0]["leaders"].as_sequence().map(Vec::len),
        Some(0),
        "an outline takes no posts as leaders"
    );
    dutyctl()
        .args(["import", "--encoding", "utf-8"])
        .arg(fixtures().join("table_lead_columns_gbk.txt"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("invalid UTF-8"));
    dutyctl()
        .args(["import", "--encoding", "gbk"])
        .arg(fixtures().join("table_lead_columns_gbk.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("区住房和城乡建设局"));
}

#[test]
fn writing_over_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let register_path = dir.path().join("r.yaml");
    import_to(fixtures().join("duty_list.txt"), &register_path);
    let before = std::fs::read(&register_path).unwrap();
    dutyctl()
        .arg("import")
        .arg(&register_path)
        .arg("-o")
        .arg(&register_path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("over the input itself"));
    assert_eq!(std::fs::read(&register_path).unwrap(), before);
}

#[test]
fn schema_describes_the_register() {
    let output = dutyctl().arg("schema").output().unwrap();
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let task = &schema["$defs"]["Task"]["properties"];
    for key in [
        "id", "seq", "section", "title", "text", "lead", "support", "persons", "leaders",
        "deadline", "due", "items", "source",
    ] {
        assert!(
            task.get(key).is_some(),
            "Task.{key} missing from the schema"
        );
    }
    assert_eq!(
        schema["$defs"]["Layout"]["oneOf"].as_array().map(Vec::len),
        Some(4)
    );
}

/// The public corpus, where this checkout has it beside it (CI and developers do, users do not).
#[test]
fn corpus_documents_import_with_their_gold_layout_and_task_count() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let Ok(entries) = std::fs::read_dir(shared.join("eval/gold")) else {
        eprintln!("../shared/eval/gold not present: corpus test skipped");
        return;
    };
    let mut checked = 0;
    for entry in entries.filter_map(Result::ok) {
        let gold = register(&std::fs::read_to_string(entry.path()).unwrap());
        let doc = shared.join("corpus").join(gold["doc"].as_str().unwrap());
        if !doc.exists() {
            continue;
        }
        let got = register(&import_stdout(&doc));
        assert_eq!(
            got["document"]["layout"],
            gold["layout"],
            "{}",
            doc.display()
        );
        assert_eq!(
            got["tasks"].as_sequence().map(Vec::len),
            gold["tasks"].as_sequence().map(Vec::len),
            "{}",
            doc.display()
        );
        checked += 1;
    }
    assert!(
        checked > 0 || std::env::var_os("CI").is_none(),
        "CI has ../shared but no corpus document was checked"
    );
}

/// A register without what depends on the input's bytes and position (source name, hash, where
/// each task starts), for comparing the registers of one content in different formats.
fn content_of(yaml: &str) -> serde_yaml::Value {
    let mut value = register(yaml);
    let document = value["document"].as_mapping_mut().expect("a document");
    document.remove("source");
    document.remove("sha256");
    for task in value["tasks"].as_sequence_mut().expect("tasks") {
        task.as_mapping_mut().expect("a task").remove("source");
    }
    value
}

#[test]
fn office_files_give_the_register_of_their_text_twin() {
    let pairs = [
        ("table_merged_cells_word.docx", "table_merged_cells.txt"),
        ("table_merged_cells_excel.xlsx", "table_merged_cells.txt"),
        ("table_merged_cells_gbk.csv", "table_merged_cells.txt"),
        (
            "outline_auto_numbered.docx",
            "outline_trailing_assignments.txt",
        ),
    ];
    for (office, text) in pairs {
        let from_office = content_of(&import_stdout(&fixtures().join(office)));
        let from_text = content_of(&import_stdout(&fixtures().join(text)));
        assert_eq!(from_office, from_text, "{office} differs from {text}");
    }
    let merged = register(&import_stdout(
        &fixtures().join("table_merged_cells_excel.xlsx"),
    ));
    assert_eq!(
        merged["tasks"][1]["lead"][0], "区应急管理局",
        "a value merged down applies to every row"
    );
    assert_eq!(merged["tasks"][1]["source"]["cell"], "B5");
    assert_eq!(merged["tasks"][1]["source"]["sheet"], "分解表");
}

#[test]
fn docx_reads_the_body_with_inserted_but_not_deleted_revisions() {
    let yaml = import_stdout(&fixtures().join("outline_auto_numbered.docx"));
    assert!(!yaml.contains("页眉"), "the header is not part of the body");
    assert!(!yaml.contains("市城管局"), "deleted text is not read");
    assert_eq!(
        register(&yaml)["tasks"][2]["lead"][0],
        "市住建局",
        "inserted text is read"
    );
}

fn xlsx_with_dates() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("说明").unwrap();
    notes.write_string(0, 0, "本表按季度更新").unwrap();
    let sheet = book.add_worksheet().set_name("任务").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(0, 0, 0, 3, "某县重点任务分解表", &Format::new())
        .unwrap();
    for (col, header) in ["序号", "重点任务", "责任单位", "时间节点"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(1, col as u16, header).unwrap();
    }
    sheet.write_number(2, 0, 1.0).unwrap();
    sheet.write_string(2, 1, "完成排查。").unwrap();
    sheet.write_string(2, 2, "县应急局\n县公安局").unwrap();
    sheet
        .write_datetime_with_format(2, 3, ExcelDateTime::from_ymd(2024, 6, 30).unwrap(), &date)
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_numbers_dates_line_breaks_and_sheet_choice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasks.xlsx");
    std::fs::write(&path, xlsx_with_dates()).unwrap();
    let got = register(&import_stdout(&path));
    let task = &got["tasks"][0];
    assert_eq!(got["document"]["title"], "某县重点任务分解表");
    assert_eq!(task["seq"], "1", "a number stored as 1.0 prints as 1");
    assert_eq!(task["deadline"], "2024-06-30");
    assert_eq!(task["due"], "2024-06-30");
    assert_eq!(
        task["support"][1], "县公安局",
        "a line break separates units"
    );
    assert_eq!(task["source"]["cell"], "B3");
    dutyctl()
        .args(["import", "--sheet", "任务"])
        .arg(&path)
        .assert()
        .success();
    dutyctl()
        .args(["import", "--sheet", "说明"])
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no table found"));
    dutyctl()
        .args(["import", "--sheet", "其他"])
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no sheet named 其他"));
}

fn zip_with(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in members {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn damaged_protected_and_old_office_files_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ole = |stream: &str| {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend(vec![0u8; 504]);
        bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let mut no_table = rust_xlsxwriter::Workbook::new();
    no_table
        .add_worksheet()
        .write_string(0, 0, "只有一句话")
        .unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "broken.docx",
            b"PK\x03\x04\x14\x00\x00\x00garbage".to_vec(),
            "damaged file",
        ),
        (
            "empty.xlsx",
            no_table.save_to_buffer().unwrap(),
            "no table found",
        ),
        ("secret.xlsx", ole("EncryptedPackage"), "password-protected"),
        (
            "old.doc",
            ole("WordDocument"),
            "libreoffice --headless --convert-to docx",
        ),
        (
            "other.zip",
            zip_with(&[("readme.txt", b"hello")]),
            "neither a Word nor an Excel",
        ),
        (
            "bad.docx",
            zip_with(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
            "damaged file",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = dir.path().join(format!("{name}.yaml"));
        let output = dutyctl()
            .arg("import")
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name} should fail");
        assert!(
            stderr.contains(name) && stderr.contains(expected),
            "{name}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(!out.exists(), "{name}: nothing is written");
    }
}

#[test]
fn a_member_that_would_inflate_past_the_limit_is_refused() {
    // A small archive whose headers declare a 210 MB document.xml, as a zip bomb's do.
    let mut bytes = zip_with(&[("word/document.xml", b"<w:document/>")]);
    let declared = 210_000_000u32.to_le_bytes();
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = bytes
            .windows(4)
            .position(|w| w == signature)
            .expect("a zip header");
        bytes[at + offset..at + offset + 4].copy_from_slice(&declared);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    std::fs::write(&path, bytes).unwrap();
    dutyctl()
        .arg("import")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "refused: word/document.xml would inflate to 210 MB",
        ));
}

#[test]
fn a_docx_of_100000_empty_paragraphs_imports_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.docx");
    let body = "<w:p/>".repeat(100_000);
    let document = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    std::fs::write(
        &path,
        zip_with(&[("word/document.xml", document.as_bytes())]),
    )
    .unwrap();
    dutyctl()
        .arg("import")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("no tasks recognised"));
}

fn export(input: &Path, output: &Path, extra: &[&str]) {
    dutyctl()
        .arg("export")
        .arg(input)
        .arg("-o")
        .arg(output)
        .args(extra)
        .assert()
        .success();
}

/// Every sheet of a workbook as rows of cell strings, and its merged regions.
fn workbook(path: &Path) -> Vec<(String, Vec<Vec<String>>, Vec<calamine::Dimensions>)> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("an xlsx");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            let merges = book.merge_cells_by_sheet_name(&name).unwrap();
            (name, rows, merges)
        })
        .collect()
}

fn zipped_text(path: &Path, member: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(member).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn xlsx_is_a_table_an_office_can_circulate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("分解表.xlsx");
    import_to(fixtures().join("table_first_leads.txt"), &out);
    let sheets = workbook(&out);
    let names: Vec<&str> = sheets.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["责任分解表", "按单位汇总", "_dutyctl"]);
    let (_, rows, merges) = &sheets[0];
    assert_eq!(
        rows[0][0], "临江县2024年安全生产重点工作任务分解表",
        "the title already names the table"
    );
    assert_eq!(
        rows[1],
        [
            "序号",
            "重点工作任务",
            "牵头单位",
            "配合单位",
            "责任人",
            "责任领导",
            "完成时限"
        ]
    );
    assert_eq!(rows[2][0], "一、源头治理");
    assert_eq!(
        rows[3][3], "各负有安全生产监督管理职责的部门\n各乡镇（街道）",
        "units one per line"
    );
    let merged_rows: Vec<u32> = merges
        .iter()
        .filter(|m| m.start.1 == 0 && m.end.1 == 6)
        .map(|m| m.start.0)
        .collect();
    assert!(
        merged_rows.contains(&0) && merged_rows.contains(&2),
        "title and section rows merged across: {merged_rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0].starts_with("备注：各项工作排在第一位")),
        "notes under the table"
    );

    let (_, summary, _) = &sheets[1];
    assert_eq!(
        summary[0][..4],
        ["单位", "牵头任务数", "配合任务数", "合计"]
    );
    let totals: Vec<u32> = summary[1..].iter().map(|r| r[3].parse().unwrap()).collect();
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "busiest first: {totals:?}"
    );
    assert_eq!(totals.len(), 7, "every unit named as lead or support");
    assert_eq!(summary[1][1], "1", "among equal loads, leading units first");
    let chart = zipped_text(&out, "xl/charts/chart1.xml");
    assert!(chart.contains("barChart") && chart.contains("按单位汇总"));

    let sheet = zipped_text(&out, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#),
        "A4 landscape"
    );
    assert!(
        sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#) && sheet.contains(r#"fitToHeight="0""#),
        "one page wide"
    );
    assert!(
        sheet.contains("第 &amp;P 页 共 &amp;N 页"),
        "page numbers in the footer"
    );
    assert!(sheet.contains(r#"<pane ySplit="2""#), "header frozen");
    assert!(sheet.contains("<autoFilter"));
    assert!(
        zipped_text(&out, "xl/workbook.xml").contains("_xlnm.Print_Titles"),
        "header rows repeat on every page"
    );
    let styles = zipped_text(&out, "xl/styles.xml");
    assert!(
        styles.contains(r#"val="仿宋""#) && styles.contains(r#"val="黑体""#),
        "default fonts"
    );
}

#[test]
fn xlsx_options_choose_fonts_expand_items_and_add_unit_checklists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.xlsx");
    export(
        &fixtures().join("outline_trailing_assignments.txt"),
        &out,
        &[
            "--font",
            "宋体",
            "--title-font",
            "方正小标宋简体",
            "--expand-items",
            "--by-unit",
        ],
    );
    let styles = zipped_text(&out, "xl/styles.xml");
    assert!(styles.contains(r#"val="宋体""#) && styles.contains(r#"val="方正小标宋简体""#));
    let sheets = workbook(&out);
    let table = &sheets[0].1;
    assert_eq!(
        table[0][0],
        "滨河市2024年安全生产治本攻坚行动实施方案责任分解表"
    );
    let item_rows: Vec<&Vec<String>> = table
        .iter()
        .filter(|r| r[0].starts_with("（一）."))
        .collect();
    assert_eq!(item_rows.len(), 3, "one row per item of the first task");
    assert!(
        item_rows.iter().all(|r| r[2] == "市应急管理局"),
        "the parent's lead repeats"
    );
    let unit = sheets
        .iter()
        .find(|(n, _, _)| n == "市应急管理局")
        .expect("a checklist sheet for the unit");
    assert_eq!(unit.1[0][0], "市应急管理局任务清单");
    assert_eq!(unit.1[2][2], "牵头");
    assert!(unit.1.iter().any(|r| r.get(2).is_some_and(|c| c == "配合")));
}

#[test]
fn xlsx_and_csv_written_by_dutyctl_read_back_to_the_same_register() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = fixture_inputs();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    for input in inputs {
        let original = import_stdout(&input);
        let xlsx = dir.path().join("round.xlsx");
        export(&input, &xlsx, &[]);
        assert_eq!(
            content_of(&import_stdout(&xlsx)),
            content_of(&original),
            "xlsx round trip of {}",
            input.display()
        );
        // CSV is a flat table: the tasks survive, the document's metadata has no place in it.
        let csv = dir.path().join("round.csv");
        export(&input, &csv, &[]);
        assert_eq!(
            content_of(&import_stdout(&csv))["tasks"],
            content_of(&original)["tasks"],
            "csv round trip of {}",
            input.display()
        );
    }
}

#[test]
fn csv_is_utf8_with_bom_or_gbk_and_joins_lists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.csv");
    export(&fixtures().join("table_lead_columns_gbk.txt"), &out, &[]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM so Excel reads UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("序号,重点工作任务,牵头单位,配合单位,责任领导,完成时限,章节,ID")
    );
    assert!(text.contains("区发展和改革局、区财政局、区城管局"));
    export(
        &fixtures().join("table_lead_columns_gbk.txt"),
        &out,
        &["--encoding", "gbk"],
    );
    let gbk = std::fs::read(&out).unwrap();
    let (decoded, _, bad) = encoding_rs::GBK.decode(&gbk);
    assert!(!bad && decoded.starts_with("序号,"));
    let rare = dir.path().join("rare.txt");
    std::fs::write(&rare, "一、任务\n（一）排查𠀀。（县应急局牵头）\n").unwrap();
    dutyctl()
        .arg("export")
        .arg(&rare)
        .arg("-o")
        .arg(&out)
        .args(["--encoding", "gbk"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no GBK encoding"));
}

#[test]
fn markdown_has_section_headings_and_escaped_tables() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pipes.txt");
    std::fs::write(
        &input,
        "某县方案\n一、主要任务\n（一）排查A|B类隐患。\n完成整改。（县应急局牵头，县公安局配合）\n",
    )
    .unwrap();
    let output = dutyctl()
        .arg("export")
        .arg(&input)
        .args(["--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(output.stdout).unwrap();
    assert!(md.starts_with("# 某县方案责任分解表\n"), "{md}");
    assert!(md.contains("\n## 一、主要任务\n"), "{md}");
    assert!(
        md.contains("| 序号 | 重点工作任务 | 牵头单位 | 配合单位 |"),
        "{md}"
    );
    assert!(
        md.contains("| （一） | 排查A\\|B类隐患。<br>完成整改。 | 县应急局 | 县公安局 |"),
        "{md}"
    );
}

#[test]
fn export_refuses_xlsx_to_a_terminal_free_stdout_only_when_asked() {
    let output = dutyctl()
        .arg("export")
        .arg(fixtures().join("duty_list.txt"))
        .args(["--format", "xlsx"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "stdout is a pipe here, so xlsx bytes may go there"
    );
    assert!(output.stdout.starts_with(b"PK\x03\x04"));
}

fn diff_json(old: &Path, new: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let output = dutyctl()
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        code,
        serde_json::from_slice(&output.stdout).expect("a JSON diff"),
    )
}

/// `kind seq…` of every change, e.g. `changed （四） deadline support`, `split （五） （五） （六）`.
fn change_lines(diff: &serde_json::Value) -> Vec<String> {
    let seq = |t: &serde_json::Value| t["seq"].as_str().unwrap_or("").to_string();
    let mut lines: Vec<String> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| match c["kind"].as_str().unwrap() {
            "changed" => {
                let mut fields: Vec<&str> = c["details"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d["field"].as_str().unwrap())
                    .collect();
                fields.sort();
                format!("changed {} {}", seq(&c["new"]), fields.join(" "))
            }
            "added" => format!("added {}", seq(&c["new"])),
            "removed" => format!("removed {}", seq(&c["old"])),
            "split" => format!(
                "split {} {}",
                seq(&c["old"]),
                c["new"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(seq)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "merged" => format!(
                "merged {} {}",
                c["old"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(seq)
                    .collect::<Vec<_>>()
                    .join(" "),
                seq(&c["new"])
            ),
            other => panic!("unknown change kind {other}"),
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn diff_reports_every_kind_of_change_between_two_years_and_nothing_else() {
    let (old, new) = (
        fixtures().join("diff/2023.txt"),
        fixtures().join("diff/2024.txt"),
    );
    let (code, diff) = diff_json(&old, &new, &[]);
    assert_eq!(code, 1);
    let mut expected = vec![
        "changed （二） text",
        "changed （三） moved",
        "changed （四） deadline support",
        "changed （八） lead",
        "changed （九） renumbered",
        "split （五） （五） （六）",
        "merged （六） （七） （七）",
        "removed （九）",
        "removed （十）",
        "added （十）",
        "added （十一）",
        "added （十二）",
    ];
    expected.sort();
    assert_eq!(change_lines(&diff), expected);
    assert_eq!(
        diff["summary"],
        serde_json::json!({"unchanged": 1, "changed": 5, "added": 3, "removed": 2, "split": 1, "merged": 1})
    );
    let lead = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["new"]["seq"] == "（八）")
        .unwrap();
    assert_eq!(
        lead["details"][0],
        serde_json::json!({"field": "lead", "added": ["市应急管理局"], "removed": ["市消防救援支队"]})
    );
    let unit = diff["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "市消防救援支队")
        .unwrap();
    assert_eq!(unit["lead_lost"], serde_json::json!(["（八）"]));
}

#[test]
fn diff_of_a_register_with_itself_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("r.yaml");
    import_to(fixtures().join("diff/2023.txt"), &register);
    dutyctl()
        .arg("diff")
        .arg(&register)
        .arg(fixtures().join("diff/2023.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "11 unchanged, 0 changed, 0 added, 0 removed, 0 split, 0 merged",
        ));
}

#[test]
fn diff_of_an_edited_copy_reports_exactly_the_edits() {
    let mut originals = vec![fixtures().join("outline_trailing_assignments.txt")];
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/003_85b026d4e734c6f4.txt");
    if corpus.exists() {
        originals.push(corpus);
    }
    let dir = tempfile::tempdir().unwrap();
    for original in originals {
        let text = std::fs::read_to_string(&original).unwrap();
        // Swap the lead of the first task that has one, and drop the last task with an assignment.
        let (lead_at, _) = text.match_indices("牵头").next().unwrap();
        let open = text[..lead_at].rfind(['(', '（']).unwrap();
        let first_close = open + text[open..].find(['、', '，', ',']).unwrap();
        let edited = format!(
            "{}市审计局{}",
            &text[..open + text[open..].chars().next().unwrap().len_utf8()],
            &text[first_close..]
        );
        let last_task = edited
            .lines()
            .rfind(|l| {
                (l.starts_with('(') || l.starts_with('（'))
                    && l.trim_end_matches('。').ends_with([')', '）'])
            })
            .unwrap()
            .to_string();
        let edited = edited.replacen(&format!("{last_task}\n"), "", 1);
        let copy = dir.path().join("edited.txt");
        std::fs::write(&copy, edited).unwrap();
        let (_, diff) = diff_json(&original, &copy, &[]);
        let lines = change_lines(&diff);
        assert_eq!(lines.len(), 2, "{}: {lines:?}", original.display());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("changed") && l.ends_with(" lead")),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.starts_with("removed")), "{lines:?}");
    }
}

#[test]
fn diff_fail_on_limits_what_fails_and_units_directory_merges_names() {
    let (old, new) = (
        fixtures().join("diff/2023.txt"),
        fixtures().join("diff/2024.txt"),
    );
    dutyctl()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--fail-on", "removed,lead"])
        .assert()
        .code(1);
    dutyctl()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--fail-on", "persons,leaders"])
        .assert()
        .code(0);
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.yaml");
    std::fs::write(&units, "市应急管理局:\n  aliases: [市消防救援支队]\n").unwrap();
    let (_, diff) = diff_json(&old, &new, &["--units", units.to_str().unwrap()]);
    assert!(
        !change_lines(&diff).contains(&"changed （八） lead".to_string()),
        "the directory makes them one unit"
    );
    // Without a directory, standard short forms are one unit already.
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "一、任务\n（一）开展燃气整治。（市住建局牵头）\n").unwrap();
    std::fs::write(
        &b,
        "一、任务\n（一）开展燃气整治。（市住房和城乡建设局牵头）\n",
    )
    .unwrap();
    dutyctl().arg("diff").arg(&a).arg(&b).assert().code(0);
}

#[test]
fn diff_formats_for_people_and_programs() {
    let (old, new) = (
        fixtures().join("diff/2023.txt"),
        fixtures().join("diff/2024.txt"),
    );
    let text = dutyctl()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert!(text.contains("deadline: 2023年12月底前 → 2024年6月底前"));
    assert!(
        text.contains("{+严格+}"),
        "a character-level diff of the text"
    );
    let md = String::from_utf8(
        dutyctl()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .args(["--format", "md"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(md.contains("| 未变 | 变更 | 新增 | 删除 | 拆分 | 合并 |\n| --- | --- | --- | --- | --- | --- |\n| 1 | 5 | 3 | 2 | 1 | 1 |"), "{md}");
    assert!(md.contains("<details><summary>变更（5）</summary>"));
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("changes.xlsx");
    dutyctl()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--format", "xlsx", "-o"])
        .arg(&xlsx)
        .assert()
        .code(1);
    let sheets = workbook(&xlsx);
    let rows = &sheets[0].1;
    assert_eq!(
        rows[0][..5],
        ["状态", "原序号", "原任务", "新序号", "新任务"]
    );
    assert_eq!(rows.len(), 13, "a header and one row per change");
    assert!(
        zipped_text(&xlsx, "xl/styles.xml").contains("FFF2CC"),
        "changed cells highlighted"
    );
}

#[test]
fn diff_runs_between_every_pair_of_corpus_documents_and_fails_cleanly_on_bad_input() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let docs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    for a in &docs {
        for b in &docs {
            let code = dutyctl()
                .arg("diff")
                .arg(a)
                .arg(b)
                .output()
                .unwrap()
                .status
                .code();
            assert!(
                code == Some(0) || code == Some(1),
                "{} vs {}",
                a.display(),
                b.display()
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"%PDF-1.4").unwrap();
    dutyctl()
        .arg("diff")
        .arg(&bad)
        .arg(fixtures().join("duty_list.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt: not a text document"));
    dutyctl()
        .arg("diff")
        .arg(fixtures().join("duty_list.txt"))
        .arg(dir.path().join("missing.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.yaml"));
}

fn check(files: &[&Path], extra: &[&str]) -> (i32, String) {
    let output = dutyctl()
        .arg("check")
        .args(files)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8_lossy(&output.stderr),
    )
}

#[test]
fn check_passes_imported_registers_and_locates_schema_errors() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("2024.yaml");
    import_to(
        fixtures().join("outline_trailing_assignments.txt"),
        &register,
    );
    assert_eq!(check(&[&register], &["--today", "2024-01-01"]).0, 0);
    let text = std::fs::read_to_string(&register).unwrap();
    let broken = dir.path().join("broken.yaml");
    std::fs::write(
        &broken,
        text.replacen("  lead:\n  - 市应急管理局", "  lead: 市应急管理局", 1),
    )
    .unwrap();
    let line = text.lines().position(|l| l == "  lead:").unwrap() + 1;
    let (code, out) = check(&[&broken], &[]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("broken.yaml:{line}:9: error[schema]: tasks[0].lead: invalid type: string \"市应急管理局\", expected a sequence")), "{out}");
    let cases: [(&str, String, &str); 4] = [
        (
            "tabs.yaml",
            "dutyctl: 1\n\tdocument: {}\n".into(),
            "tabs.yaml:2:1: error[schema]",
        ),
        (
            "indent.yaml",
            "dutyctl: 1\ndocument:\n  title: a\n   source: b\n".into(),
            "indent.yaml:4:",
        ),
        (
            "version.yaml",
            text.replacen("dutyctl: 1", "dutyctl: 2", 1),
            "schema version 2 is not supported",
        ),
        (
            "long.yaml",
            format!(
                "dutyctl: 1\ndocument: {{title: \"{}\"}}\n",
                "长".repeat(3_500_000)
            ),
            "long.yaml:2:",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let (code, out) = check(&[&path], &[]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(expected), "{name}: {out}");
    }
    let mut bomb =
        String::from("dutyctl: 1\ndocument:\n  notes: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..14u8 {
        let (name, previous) = ((b'a' + level) as char, (b'a' + level - 1) as char);
        bomb.push_str(&format!(
            "  n{level}: &{name} [{}]\n",
            vec![format!("*{previous}"); 10].join(", ")
        ));
    }
    let path = dir.path().join("bomb.yaml");
    std::fs::write(&path, bomb).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(check(&[&path], &[]).0, 1);
    assert!(
        started.elapsed().as_secs() < 10,
        "a YAML bomb is refused, not expanded"
    );
    assert_eq!(
        check(&[&dir.path().join("missing.yaml")], &[]).0,
        2,
        "a file that cannot be read"
    );
}

#[test]
fn check_lints_fire_and_can_be_denied_allowed_and_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("r.yaml");
    import_to(fixtures().join("table_lead_columns_gbk.txt"), &register);
    // Two deadlines fall before this date (warnings), and the third task has no deadline.
    let (code, out) = check(&[&register], &["--today", "2025-01-01"]);
    assert_eq!(code, 0, "past deadlines only warn by default: {out}");
    assert_eq!(out.matches("warning[past-deadline]").count(), 2, "{out}");
    assert_eq!(
        check(
            &[&register],
            &["--today", "2025-01-01", "--deny", "past-deadline"]
        )
        .0,
        1
    );
    let (code, out) = check(
        &[&register],
        &["--today", "2025-01-01", "--allow", "past-deadline"],
    );
    assert_eq!((code, out.as_str()), (0, ""));
    let text = std::fs::read_to_string(&register).unwrap();
    let edited =
        text.replacen("id: t2", "id: t1", 1)
            .replacen("due: 2024-09-30", "due: 2024-09-01", 1);
    std::fs::write(&register, edited).unwrap();
    let (code, out) = check(
        &[&register],
        &["--today", "2020-01-01", "--format", "github"],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("::error file=") && out.contains("title=dutyctl duplicate-id::"),
        "{out}"
    );
    assert!(out.contains("title=dutyctl due-mismatch::"), "{out}");
    let units = dir.path().join("units.yaml");
    std::fs::write(&units, "区住房和城乡建设局:\n区消防救援大队:\n").unwrap();
    let (_, out) = check(
        &[&register],
        &[
            "--today",
            "2020-01-01",
            "--units",
            units.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let findings: serde_json::Value = serde_json::from_str(&out).unwrap();
    let unknown: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unknown-unit")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        unknown.iter().any(|m| m.contains("区财政局"))
            && !unknown.iter().any(|m| m.contains("区消防救援大队")),
        "{unknown:?}"
    );
}

#[test]
fn units_lists_counts_suggests_a_directory_and_import_applies_it() {
    let out = String::from_utf8(
        dutyctl()
            .arg("units")
            .arg(fixtures().join("diff/2024.txt"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        out.starts_with("unit\tlead\tsupport\n市应急管理局\t"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("notice.txt");
    std::fs::write(&doc, "一、任务\n（一）排查。（市住建局牵头，市市场监管局配合）\n（二）整改。（市住房和城乡建设局牵头，市市场监督管理局配合）\n").unwrap();
    let suggestion = dutyctl()
        .args(["units", "--suggest"])
        .arg(&doc)
        .output()
        .unwrap();
    let suggestion = String::from_utf8(suggestion.stdout).unwrap();
    let proposed: std::collections::BTreeMap<String, serde_yaml::Value> =
        serde_yaml::from_str(&suggestion).unwrap();
    assert_eq!(proposed["市住房和城乡建设局"]["aliases"][0], "市住建局");
    assert_eq!(proposed["市市场监督管理局"]["aliases"][0], "市市场监管局");
    let units = dir.path().join("units.yaml");
    std::fs::write(&units, &suggestion).unwrap();
    let register = register(
        &String::from_utf8(
            dutyctl()
                .arg("import")
                .arg(&doc)
                .arg("--units")
                .arg(&units)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    );
    assert_eq!(register["tasks"][0]["lead"][0], "市住房和城乡建设局");
    assert_eq!(
        register["tasks"][0]["printed"]["市住房和城乡建设局"], "市住建局",
        "the printed name is kept"
    );
    if let Ok(corpus) = std::fs::canonicalize(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/000_8013d0af471d07cf.txt"),
    ) {
        let out = String::from_utf8(
            dutyctl()
                .args(["units", "--suggest"])
                .arg(corpus)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert!(
            out.contains("市市场监督管理局:\n  aliases:\n  - 市市场监管局"),
            "{out}"
        );
        assert!(
            out.contains("市住房和城乡建设局:\n  aliases:\n  - 市住建局"),
            "{out}"
        );
    }
}

#[test]
fn every_corpus_and_fixture_register_passes_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = fixture_inputs();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    for (i, input) in inputs.iter().enumerate() {
        let register = dir.path().join(format!("{i}.yaml"));
        import_to(input, &register);
        let (_, out) = check(&[&register], &["--format", "json"]);
        assert!(!out.contains("\"schema\""), "{}: {out}", input.display());
    }
}

/// The pre-commit hook of examples/ci, run in a scratch repository with this dutyctl on PATH.
#[test]
fn the_example_pre_commit_hook_checks_and_diffs_staged_registers() {
    let Ok(git) = which("git") else {
        eprintln!("git not found: hook test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let run = |args: &[&str]| {
        std::process::Command::new(&git)
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap()
    };
    run(&["init", "-q"]);
    run(&["config", "user.email", "clerk@example.org"]);
    run(&["config", "user.name", "clerk"]);
    let register = repo.join("2024.yaml");
    import_to(fixtures().join("diff/2023.txt"), &register);
    run(&["add", "2024.yaml"]);
    run(&["commit", "-q", "-m", "year one"]);
    import_to(fixtures().join("diff/2024.txt"), &register);
    run(&["add", "2024.yaml"]);
    let hook = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/pre-commit");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_dutyctl"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let refused = std::process::Command::new("bash")
        .arg(&hook)
        .current_dir(repo)
        .env("PATH", &path)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&refused.stdout);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{out}{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(out.contains("- （九） 开展建筑施工安全整治"), "{out}");
    let allowed = std::process::Command::new("bash")
        .arg(&hook)
        .current_dir(repo)
        .env("PATH", &path)
        .env("DUTYCTL_ALLOW", "1")
        .output()
        .unwrap();
    assert_eq!(
        allowed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
}

fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn every_fixture_and_corpus_document_exports_to_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = fixture_inputs();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    for input in inputs {
        for format in ["xlsx", "csv", "md", "json", "yaml"] {
            let out = dir.path().join(format!("out.{format}"));
            dutyctl()
                .arg("export")
                .arg(&input)
                .arg("-o")
                .arg(&out)
                .args(["--by-unit", "--expand-items"])
                .assert()
                .success();
            assert!(
                std::fs::metadata(&out).unwrap().len() > 0,
                "{} as {format}",
                input.display()
            );
        }
    }
}

/// Old binary Word files are converted with LibreOffice when it is installed and asked for.
#[test]
fn convert_reads_an_old_doc_through_libreoffice() {
    let Ok(office) = which("soffice") else {
        eprintln!("soffice not found: --convert test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Ok(timeout) = which("timeout") else {
        eprintln!("timeout not found: --convert test skipped");
        return;
    };
    let converted = std::process::Command::new(timeout)
        .arg("120")
        .arg(office)
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(dir.path())
        .arg(fixtures().join("outline_auto_numbered.docx"))
        .output()
        .unwrap();
    let doc = dir.path().join("outline_auto_numbered.doc");
    if !converted.status.success() || !doc.exists() {
        eprintln!("soffice could not write a .doc here: --convert test skipped");
        return;
    }
    dutyctl()
        .arg("import")
        .arg(&doc)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--convert"));
    let output = dutyctl()
        .arg("import")
        .arg("--convert")
        .arg(&doc)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_doc = content_of(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(
        from_doc["tasks"],
        content_of(&import_stdout(
            &fixtures().join("outline_trailing_assignments.txt")
        ))["tasks"]
    );
}

// ---------------------------------------------------------------------------------------------
// Scale: check locates every finding in one pass; diff of many tasks (issue 11).

/// A register of `size` tasks, every one due before 2024, as YAML; each task's text is a
/// different random phrase, so that tasks are told apart as in a real notice.
fn register_of(size: usize) -> String {
    let pool: Vec<char> = "安全生产隐患排查专项整治危险化学品道路交通消防燃气管道建筑施工特种设备应急救援监管执法宣传教育"
        .chars()
        .collect();
    let mut state = 7u64;
    let mut phrase = |len: usize| -> String {
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                pool[(state >> 33) as usize % pool.len()]
            })
            .collect()
    };
    let mut yaml = String::from(
        "dutyctl: 1\ndocument:\n  title: null\n  doc_number: null\n  issuer: null\n  date: null\n  layout: table\n  source: a.txt\n  sha256: x\n  notes: []\npeople: []\ntasks:\n",
    );
    for i in 0..size {
        yaml.push_str(&format!(
            "- id: t{i}\n  seq: '{n}'\n  section: []\n  title: {title}\n  text: {title}。{text}。\n  lead: [市应急管理局]\n  support: []\n  persons: []\n  leaders: []\n  deadline: 2023年底前\n  due: 2023-12-31\n  items: []\n  source: {{line: {n}}}\n  printed: {{}}\n",
            n = i + 1,
            title = phrase(8),
            text = phrase(30),
        ));
    }
    yaml
}

#[test]
fn check_locates_each_finding_of_a_long_register_at_its_task() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    let yaml = register_of(300);
    std::fs::write(&path, &yaml).unwrap();
    let (code, out) = check(&[&path], &["--today", "2024-01-01", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(findings.len(), 300);
    let id_lines: Vec<usize> = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- id: "))
        .map(|(n, _)| n + 1)
        .collect();
    for (i, finding) in findings.iter().enumerate() {
        assert_eq!(finding["code"], "past-deadline");
        assert_eq!(
            finding["message"].as_str().unwrap().split(':').next(),
            Some(format!("tasks[{i}]").as_str())
        );
        assert_eq!(finding["line"], id_lines[i], "{finding}");
        assert_eq!(finding["column"], 3, "{finding}");
    }
}

#[test]
fn diff_of_a_long_register_with_an_edited_copy_reports_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.yaml");
    let new = dir.path().join("new.yaml");
    let yaml = register_of(2000);
    std::fs::write(&old, &yaml).unwrap();
    // Task 1000 reworded, task 1500 dropped.
    let reworded = yaml.find("- id: t999\n").unwrap()
        + yaml[yaml.find("- id: t999\n").unwrap()..]
            .find("。")
            .unwrap();
    let edited = format!(
        "{}。进一步{}",
        &yaml[..reworded],
        &yaml[reworded + "。".len()..]
    )
    .replacen("- id: t1499\n", "- id: gone\n", 1);
    let edited = {
        let start = edited.find("- id: gone\n").unwrap();
        let end = start + edited[start + 1..].find("- id: ").unwrap() + 1;
        format!("{}{}", &edited[..start], &edited[end..])
    };
    std::fs::write(&new, edited).unwrap();
    let (code, diff) = diff_json(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        diff["summary"],
        serde_json::json!({"unchanged": 1998, "changed": 1, "added": 0, "removed": 1, "split": 0, "merged": 0})
    );
    assert_eq!(change_lines(&diff), ["changed 1000 text", "removed 1500"]);
}
