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

    let crawled = register(&import_stdout(
        &fixtures().join("outline_crawled_one_line.txt"),
    ));
    let titles: Vec<&str> = crawled["tasks"]
        .as_sequence()
        .expect("tasks")
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles.len(),
        7,
        "one line read as paragraphs: measures closed by brackets, numbered measures, an assigned 保障措施 item: {titles:?}"
    );
    assert_eq!(crawled["document"]["doc_number"], "某政办〔2024〕7号");
    assert_eq!(crawled["tasks"][1]["title"], "整治重点行业");
    assert_eq!(crawled["tasks"][4]["support"][1], "县水利局");
    assert!(
        crawled["tasks"][5]["support"]
            .as_sequence()
            .unwrap()
            .iter()
            .any(|u| u == "相关乡镇")
            && !crawled["tasks"][6]["support"]
                .as_sequence()
                .unwrap()
                .iter()
                .any(|u| u == "相关乡镇"),
        "a standing note reaches the later tasks under its top-level heading only"
    );

    let web = register(&import_stdout(&fixtures().join("table_web_rowspan.txt")));
    assert_eq!(web["tasks"].as_sequence().map(Vec::len), Some(5));
    assert_eq!(
        web["tasks"][1]["section"][0], "河道垃圾较多",
        "a row under a cell spanning rows lacks that cell, and the grouping column is its section"
    );
    assert_eq!(web["tasks"][1]["lead"][1], "县水利局");
    assert_eq!(web["tasks"][3]["support"][0], "各乡镇人民政府");

    let duties = register(&import_stdout(
        &fixtures().join("duty_list_by_department.txt"),
    ));
    assert_eq!(duties["document"]["layout"], "duty-list");
    assert_eq!(duties["tasks"].as_sequence().map(Vec::len), Some(6));
    assert_eq!(
        duties["tasks"][2]["support"],
        serde_yaml::Value::Sequence(vec!["县水利局".into()]),
        "a paragraph headed by its unit binds that unit only, not the units its duty names"
    );

    let closed = register(&import_stdout(
        &fixtures().join("outline_items_closed_by_assignment.txt"),
    ));
    assert_eq!(closed["tasks"].as_sequence().map(Vec::len), Some(3));
    assert_eq!(
        closed["tasks"][0]["items"].as_sequence().map(Vec::len),
        Some(3)
    );
    assert_eq!(closed["tasks"][2]["support"][1], "团区委");

    let wordings = register(&import_stdout(
        &fixtures().join("outline_assignment_wordings.txt"),
    ));
    let roles = |n: usize| {
        let units = |role: &str| -> Vec<String> {
            wordings["tasks"][n][role]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap().to_string())
                .collect()
        };
        (units("lead"), units("support"))
    };
    assert_eq!(
        roles(0).1,
        ["省商务厅", "省发改委"],
        "负责部门：…；适用范围：…"
    );
    assert_eq!(
        roles(1),
        (vec!["省市场监管局".into()], vec!["各市场主体".into()]),
        "A指导，B参与"
    );
    assert_eq!(
        roles(2).1,
        ["省公安厅", "省民政厅", "各有关市级人民政府"],
        "A、B等和C负责"
    );
    assert_eq!(
        roles(3).1,
        ["区卫健局", "区医保局"],
        "a scope note after a unit"
    );
    assert_eq!(
        wordings["tasks"][8]["seq"], "11",
        "a title that opens with digits"
    );

    let leaders = register(&import_stdout(
        &fixtures().join("leader_division_worded_otherwise.txt"),
    ));
    assert_eq!(leaders["document"]["layout"], "leader-division");
    let named: Vec<&str> = leaders["tasks"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["leaders"][0].as_str().unwrap())
        .collect();
    assert_eq!(named, ["王某某", "李某某", "赵某某", "钱某某", "孙某某"]);

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
    // A folder is read into a folder of registers, so without -o it is a one-line error.
    dutyctl()
        .arg("import")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give -o FOLDER/"));
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
        .filter(|e| e.file_name().to_string_lossy().contains(".dutyctl"))
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
        .code(2)
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
        .code(2)
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

/// Corpus documents whose layout or task count dutyctl does not yet get right. The list only
/// shrinks: a listed document that starts to pass fails this test until it is taken off.
const CORPUS_NOT_YET_READ: &[&str] = &[];

/// The public corpus, where this checkout has it beside it (CI and developers do, users do not):
/// every document imports with its gold layout and task count, but those listed above.
#[test]
fn corpus_documents_import_with_their_gold_layout_and_task_count() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let Ok(entries) = std::fs::read_dir(shared.join("eval/gold")) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/eval/gold beside the checkout"
        );
        eprintln!("../shared/eval/gold not present: corpus test skipped");
        return;
    };
    let mut checked = Vec::new();
    let mut wrong = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let gold = register(&std::fs::read_to_string(entry.path()).unwrap());
        let name = gold["doc"].as_str().unwrap().to_string();
        let doc = shared.join("corpus").join(&name);
        assert!(doc.exists(), "{name}: the answer key has no document");
        let got = register(&import_stdout(&doc));
        let layout_and_count = |v: &serde_yaml::Value, layout: &serde_yaml::Value| {
            (layout.clone(), v["tasks"].as_sequence().map(Vec::len))
        };
        let right = layout_and_count(&got, &got["document"]["layout"])
            == layout_and_count(&gold, &gold["layout"]);
        match (right, CORPUS_NOT_YET_READ.contains(&name.as_str())) {
            (true, true) => wrong.push(format!("{name} now reads right: take it off the list")),
            (false, false) => wrong.push(format!(
                "{name}: layout {:?} and {} tasks, the gold has {:?} and {}",
                got["document"]["layout"],
                got["tasks"].as_sequence().map_or(0, Vec::len),
                gold["layout"],
                gold["tasks"].as_sequence().map_or(0, Vec::len),
            )),
            _ => {}
        }
        checked.push(name);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for listed in CORPUS_NOT_YET_READ {
        assert!(
            checked.iter().any(|c| c == listed),
            "{listed} is listed but has no answer key"
        );
    }
    assert!(!checked.is_empty(), "no corpus document was checked");
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
        ("table_merged_cells_excel97.xls", "table_merged_cells.txt"),
        (
            "table_grouping_column_word.docx",
            "table_grouping_column.txt",
        ),
        (
            "table_grouping_column_excel.xlsx",
            "table_grouping_column.txt",
        ),
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
    assert_eq!(summary[0][0], "各单位任务汇总");
    assert_eq!(
        summary[1][..4],
        ["单位", "牵头任务数", "配合任务数", "合计"]
    );
    let totals: Vec<u32> = summary[2..]
        .iter()
        .take_while(|r| !r[3].is_empty())
        .map(|r| r[3].parse().unwrap())
        .collect();
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "busiest first: {totals:?}"
    );
    assert_eq!(totals.len(), 7, "every unit named as lead or support");
    assert_eq!(summary[2][1], "1", "among equal loads, leading units first");
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
    assert!(sheet.contains("第 &amp;P 页"), "page numbers in the footer");
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
            "未变 11，变更 0，新增 0，删除 0，拆分 0，合并 0",
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
        // The first unit's name ends at a separator or at its verb (`（市应急管理局牵头，…`).
        let separator = text[open..].find(['、', '，', ',']).unwrap();
        let verb = text[open..].find("牵头").unwrap_or(separator);
        let first_close = open + separator.min(verb);
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
    assert!(text.contains("完成时限：2023年12月底前 → 2024年6月底前"));
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
        rows[2][..5],
        ["状态", "原序号", "原任务", "新序号", "新任务"]
    );
    assert_eq!(
        rows.len(),
        15,
        "a title, the counts, a header and one row per change"
    );
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
        .stderr(predicate::str::contains("bad.txt: damaged file"));
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
        for format in ["xlsx", "docx", "csv", "md", "json", "yaml"] {
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
// Tables a clerk would send without touching (issue 14): every sheet read back, its row heights
// measured against its text, its print setup and titles checked.
// ---------------------------------------------------------------------------------------------

/// One worksheet as written: cell text by (row, column), merged ranges, row heights and column
/// widths (Excel units, as stored), and the sheet's XML for print settings.
struct WrittenSheet {
    name: String,
    cells: Vec<Vec<String>>,
    merges: Vec<calamine::Dimensions>,
    heights: std::collections::HashMap<u32, f64>,
    widths: Vec<f64>,
    xml: String,
}

fn written_sheets(path: &Path) -> Vec<WrittenSheet> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..].split('"').next()?.to_string())
    };
    workbook(path)
        .into_iter()
        .enumerate()
        .map(|(i, (name, cells, merges))| {
            let xml = zipped_text(path, &format!("xl/worksheets/sheet{}.xml", i + 1));
            let mut heights = std::collections::HashMap::new();
            for tag in xml.split("<row").skip(1).filter(|t| t.starts_with(' ')) {
                let tag = tag.split('>').next().unwrap();
                if let (Some(r), Some(ht)) = (attribute(tag, "r"), attribute(tag, "ht")) {
                    heights.insert(r.parse::<u32>().unwrap() - 1, ht.parse().unwrap());
                }
            }
            let mut widths = Vec::new();
            for tag in xml.split("<col").skip(1).filter(|t| t.starts_with(' ')) {
                let tag = tag.split('>').next().unwrap();
                let max: usize = attribute(tag, "max").unwrap().parse().unwrap();
                let width: f64 = attribute(tag, "width").unwrap().parse().unwrap();
                widths.resize(max, width);
            }
            WrittenSheet {
                name,
                cells,
                merges,
                heights,
                widths,
                xml,
            }
        })
        .collect()
}

/// Lines a cell's text needs, estimated independently of the writer: a CJK character is one
/// em (4/3 pixels a point), anything else half of one, in the column's pixels less padding.
fn lines_needed(text: &str, stored_width: f64, font_size: f64) -> f64 {
    let usable = stored_width * 7.0 - 6.0;
    let em = font_size * 4.0 / 3.0;
    text.split('\n')
        .map(|line| {
            let pixels: f64 = line
                .chars()
                .map(|c| if (c as u32) < 0x2E80 { em / 2.0 } else { em })
                .sum();
            (pixels / usable).ceil().max(1.0)
        })
        .sum()
}

/// Asserts that every row from `first_row` on is as tall as its tallest cell's text needs, and
/// no more than one line taller (merged cells count the width of every column they span).
fn assert_rows_fit_their_text(sheet: &WrittenSheet, first_row: usize, font_size: f64) {
    let line = dutyctl::writer::sheet::line_height(font_size);
    for (r, row) in sheet.cells.iter().enumerate().skip(first_row) {
        let needed = row
            .iter()
            .enumerate()
            .filter(|(_, text)| !text.is_empty())
            .map(|(c, text)| {
                let span = sheet
                    .merges
                    .iter()
                    .find(|m| m.start == (r as u32, c as u32))
                    .map(|m| m.start.1..=m.end.1)
                    .unwrap_or(c as u32..=c as u32);
                let width: f64 = span.map(|c| sheet.widths[c as usize]).sum();
                lines_needed(text, width, font_size)
            })
            .fold(1.0, f64::max);
        let Some(height) = sheet.heights.get(&(r as u32)) else {
            assert!(
                needed <= 1.0,
                "{}: row {} has no height: {row:?}",
                sheet.name,
                r + 1
            );
            continue;
        };
        // The writer adds a few points of padding, less than a line.
        let lines = (height / line).floor();
        assert!(
            lines >= needed - 1.0 && lines <= needed + 1.0,
            "{}: row {} is {height} pt ({lines} lines) for {needed} lines of text: {row:?}",
            sheet.name,
            r + 1
        );
    }
}

/// A4 landscape, one page wide, header rows repeated, page numbers counted on this sheet.
fn assert_prints_like_an_office_table(sheet: &WrittenSheet, book: &Path) {
    let xml = &sheet.xml;
    assert!(
        xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#),
        "{}: A4 landscape",
        sheet.name
    );
    assert!(
        xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#) && xml.contains(r#"fitToHeight="0""#),
        "{}: one page wide",
        sheet.name
    );
    assert!(
        xml.contains("第 &amp;P 页") && xml.contains(r#"useFirstPageNumber="1""#),
        "{}: page numbers that start at 1 on this sheet",
        sheet.name
    );
    let workbook_xml = zipped_text(book, "xl/workbook.xml");
    assert!(
        workbook_xml.contains(&format!("'{}'!$", sheet.name))
            || workbook_xml.contains(&format!(">{}!$", sheet.name)),
        "{}: header rows repeat on every page",
        sheet.name
    );
}

#[test]
fn diff_workbook_prints_old_and_new_side_by_side_with_rows_that_fit() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("changes.xlsx");
    dutyctl()
        .arg("diff")
        .arg(fixtures().join("diff/2023.txt"))
        .arg(fixtures().join("diff/2024.txt"))
        .arg("-o")
        .arg(&xlsx)
        .args(["--format", "xlsx"])
        .assert()
        .code(1);
    let sheets = written_sheets(&xlsx);
    let sheet = &sheets[0];
    assert_eq!(sheet.cells[0][0], "任务变化对照表");
    assert!(
        sheet.cells[1][0].contains("原：平安市2023年安全生产重点工作任务")
            && sheet.cells[1][0].contains("变更 5 项"),
        "{:?}",
        sheet.cells[1][0]
    );
    let header = &sheet.cells[2];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        column("新任务"),
        column("原任务") + 2,
        "old and new side by side"
    );
    assert_eq!(column("新牵头单位"), column("原牵头单位") + 1);
    let split = sheet.cells.iter().find(|r| r[0] == "拆分").unwrap();
    assert_eq!(split[column("新牵头单位")], "市公安局\n市交通运输局");
    let total: f64 = sheet.widths.iter().sum();
    assert!(
        total < 175.0,
        "{total} units fit A4 landscape at a readable scale"
    );
    assert_rows_fit_their_text(sheet, 1, 10.5);
    assert_prints_like_an_office_table(sheet, &xlsx);
}

/// A notice whose task numbers restart per section and which names one unit two ways.
const HOUSING_NOTICE: &str = "某市2024年住房安全工作方案\n一、排查整治\n（一）开展自建房排查。2024年6月底前完成。（市住建局牵头，各相关部门配合）\n（二）开展燃气排查。一是排查管道。二是排查用户。（市应急局牵头，市住房和城乡建设局、有关部门配合）\n二、宣传教育\n（一）开展安全宣传。（市住房和城乡建设局牵头，市应急局配合）\n";

#[test]
fn unit_summary_counts_one_unit_once_refers_to_tasks_unambiguously_and_fits_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("housing.txt");
    std::fs::write(&notice, HOUSING_NOTICE).unwrap();
    let out = dir.path().join("t.xlsx");
    export(&notice, &out, &[]);
    let sheets = written_sheets(&out);
    let summary = sheets.iter().find(|s| s.name == "按单位汇总").unwrap();
    let units: Vec<&str> = summary.cells[2..]
        .iter()
        .map(|r| r[0].as_str())
        .filter(|u| !u.is_empty())
        .collect();
    assert_eq!(
        units,
        ["市住房和城乡建设局", "市应急局"],
        "short and full forms are one unit; groups that name no one are not units"
    );
    let housing = &summary.cells[2];
    assert_eq!(housing[3], "3");
    assert_eq!(
        housing[4], "1. 开展自建房排查\n3. 开展安全宣传",
        "numbers run through the sections and come with the title"
    );
    assert_eq!(housing[5], "2. 开展燃气排查");
    assert_rows_fit_their_text(summary, 1, 12.0);
    assert_prints_like_an_office_table(summary, &out);
}

#[test]
fn tables_are_titled_after_what_a_notice_issues_and_a_table_keeps_its_own_title() {
    let dir = tempfile::tempdir().unwrap();
    for (fixture, title) in [
        (
            "outline_inline_key_values.txt",
            "2024年全县安全生产工作要点责任分解表",
        ),
        (
            "outline_key_value_lines.txt",
            "2024年安全生产重点工作任务责任分解表",
        ),
        (
            "table_first_leads.txt",
            "临江县2024年安全生产重点工作任务分解表",
        ),
        ("duty_list.txt", "区政府领导安全生产职责清单"),
    ] {
        let out = dir.path().join("t.xlsx");
        export(&fixtures().join(fixture), &out, &[]);
        assert_eq!(workbook(&out)[0].1[0][0], title, "{fixture}");
    }
    let mut inputs = fixture_inputs();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    for input in inputs
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let output = dutyctl()
            .arg("export")
            .arg(input)
            .args(["--format", "md"])
            .output()
            .unwrap();
        let md = String::from_utf8(output.stdout).unwrap();
        let heading = md.lines().next().unwrap_or_default();
        assert!(
            !heading.contains("的通知责任分解表"),
            "{}: {heading}",
            input.display()
        );
    }
}

#[test]
fn leader_divisions_and_duty_lists_get_their_own_columns_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("分工.xlsx");
    export(&fixtures().join("leader_division_gb18030.txt"), &out, &[]);
    let sheets = written_sheets(&out);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["领导分工", "责任分解表", "按单位汇总", "_dutyctl"]);
    let leaders = &sheets[0];
    assert_eq!(
        leaders.cells[0][0],
        "《西湖镇人民政府关于调整镇领导安全生产工作分工的通知》领导分工表"
    );
    assert_eq!(
        leaders.cells[1],
        ["领导", "职务", "分管工作", "分管单位", "AB角"]
    );
    let row = |name: &str| leaders.cells.iter().find(|r| r[0] == name).unwrap();
    assert_eq!(
        row("孔德明")[1..],
        [
            "镇党委委员、常务副镇长",
            "分管安全生产工作，负责应急管理、消防安全。",
            "",
            "冯丽娟"
        ]
    );
    assert_eq!(row("冯丽娟")[4], "孔德明", "A/B 角 both ways");
    assert_eq!(row("杨海峰")[1], "镇党委副书记、镇长");
    assert_rows_fit_their_text(leaders, 1, 12.0);
    assert_prints_like_an_office_table(leaders, &out);

    export(&fixtures().join("duty_list.txt"), &out, &[]);
    let sheets = written_sheets(&out);
    let duties = &sheets[0];
    assert_eq!(duties.name, "岗位职责");
    assert_eq!(duties.cells[0][0], "区政府领导安全生产职责清单");
    assert_eq!(duties.cells[1], ["岗位", "职责"]);
    assert_eq!(duties.cells[2][0], "区长");
    assert!(duties.cells[2][1].starts_with("（一）全面贯彻落实"));
    assert!(
        duties
            .merges
            .iter()
            .any(|m| m.start == (2, 0) && m.end.0 > 2),
        "the post merged down over its duties"
    );
    assert_rows_fit_their_text(duties, 1, 12.0);
    assert_prints_like_an_office_table(duties, &out);
    assert_eq!(
        content_of(&import_stdout(&out)),
        content_of(&import_stdout(&fixtures().join("duty_list.txt"))),
        "the task table still reads back"
    );
}

#[test]
fn unit_checklists_expand_items_fill_time_limits_and_number_pages_per_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.xlsx");
    export(
        &fixtures().join("table_first_leads.txt"),
        &out,
        &["--by-unit", "--expand-items"],
    );
    let sheets = written_sheets(&out);
    let unit = sheets.iter().find(|s| s.name == "县安委办").unwrap();
    assert_eq!(unit.cells[0][0], "县安委办任务清单");
    assert_eq!(unit.cells[1], ["序号", "重点工作任务", "角色", "完成时限"]);
    let numbers: Vec<&str> = unit.cells[2..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["1.一是", "1.二是", "1.三是"], "one row per item");
    assert!(
        unit.cells[2][1].contains("一是全面排查"),
        "{:?}",
        unit.cells[2]
    );
    assert!(
        unit.cells[2..].iter().all(|r| r[3] == "2024年6月底前"),
        "the task's time limit on each item"
    );
    for sheet in sheets.iter().filter(|s| s.name != "_dutyctl") {
        assert_rows_fit_their_text(sheet, 1, 12.0);
        assert_prints_like_an_office_table(sheet, &out);
    }
}

#[test]
fn csv_on_stdout_has_no_bom_and_diff_text_signs_every_task_number() {
    let csv = dutyctl()
        .arg("export")
        .arg(fixtures().join("table_first_leads.txt"))
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(
        csv.stdout.starts_with("序号,".as_bytes()),
        "no BOM in a pipe"
    );
    let old = fixtures().join("diff/2023.txt");
    let new = fixtures().join("diff/2024.txt");
    let text = String::from_utf8(
        dutyctl()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains("  市应急管理局  牵头单位：+（八）+（十一）+（十二）\n"),
        "{text}"
    );
    let same = String::from_utf8(
        dutyctl()
            .arg("diff")
            .arg(&old)
            .arg(&old)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        same.starts_with("未变 11，"),
        "no blank line first: {same:?}"
    );
}

#[test]
fn docx_table_is_a_gb9704_attachment_that_reads_back_to_the_same_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("分解表.docx");
    for fixture in [
        "table_first_leads.txt",
        "table_merged_cells.txt",
        "outline_trailing_assignments.txt",
    ] {
        let input = fixtures().join(fixture);
        export(&input, &out, &[]);
        assert_eq!(
            content_of(&import_stdout(&out))["tasks"],
            content_of(&import_stdout(&input))["tasks"],
            "docx round trip of {fixture}"
        );
    }
    export(&fixtures().join("table_first_leads.txt"), &out, &[]);
    let document = zipped_text(&out, "word/document.xml");
    assert!(
        document.contains(r#"w:w="16838" w:h="11906" w:orient="landscape""#),
        "A4 landscape"
    );
    assert!(document.contains("<w:tblHeader/>"), "header row repeated");
    assert!(
        document.contains(r#"<w:gridSpan w:val="7"/>"#),
        "section rows merged across"
    );
    assert!(document.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(document.contains("临江县2024年安全生产重点工作任务分解表"));
    let footer = zipped_text(&out, "word/footer1.xml");
    assert!(
        footer.contains("－ ") && footer.contains(" PAGE ") && footer.contains(" －"),
        "page numbers as － 1 －"
    );
}

// ---------------------------------------------------------------------------------------------
// Robustness (issue 10): outputs never harm a file, no input crashes or hangs, the conventions
// users know.
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
fn file_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn output_onto_a_fifo_writes_into_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    import_to(fixtures().join("duty_list.txt"), &fifo);
    // Checked first: had the FIFO been replaced, the reader would wait for ever.
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a file");
    assert!(reader.join().unwrap().starts_with("dutyctl: 1\n"));
}

#[cfg(unix)]
#[test]
fn output_onto_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.yaml");
    let link = dir.path().join("link.yaml");
    std::fs::write(&target, "old\n").unwrap();
    std::os::unix::fs::symlink("real.yaml", &link).unwrap();
    import_to(fixtures().join("duty_list.txt"), &link);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("dutyctl: 1\n")
    );

    let dangling = dir.path().join("dangling.yaml");
    std::os::unix::fs::symlink("created.yaml", &dangling).unwrap();
    import_to(fixtures().join("duty_list.txt"), &dangling);
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(
        dir.path().join("created.yaml").exists(),
        "the link's target is created"
    );
}

#[cfg(unix)]
#[test]
fn new_outputs_follow_the_umask_and_replaced_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    std::fs::File::create(&probe).unwrap();
    let fresh = dir.path().join("fresh.yaml");
    import_to(fixtures().join("duty_list.txt"), &fresh);
    assert_eq!(
        file_mode(&fresh),
        file_mode(&probe),
        "a new file gets the umask's mode"
    );

    let shared = dir.path().join("shared.yaml");
    std::fs::write(&shared, "old\n").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    import_to(fixtures().join("duty_list.txt"), &shared);
    assert_eq!(file_mode(&shared), 0o664, "a replaced file keeps its mode");
}

#[test]
fn two_inputs_writing_one_output_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(
            fixtures().join("duty_list.txt"),
            dir.path().join(sub).join("x.txt"),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    dutyctl()
        .arg("import")
        .arg(dir.path().join("a/x.txt"))
        .arg(dir.path().join("b/x.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was written"))
        .stderr(predicate::str::contains("x.yaml"));
    assert!(!out.exists(), "nothing is written, not even the folder");
    dutyctl()
        .arg("import")
        .arg(fixtures().join("duty_list.txt"))
        .arg(fixtures().join("duty_list.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
    // Names that differ only after their first dot are different outputs.
    std::fs::copy(
        fixtures().join("duty_list.txt"),
        dir.path().join("r.2023.txt"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("duty_list.txt"),
        dir.path().join("r.2024.txt"),
    )
    .unwrap();
    dutyctl()
        .arg("import")
        .arg(dir.path().join("r.2023.txt"))
        .arg(dir.path().join("r.2024.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("r.2023.yaml").exists() && out.join("r.2024.yaml").exists());
}

#[test]
fn several_inputs_onto_a_file_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.yaml");
    dutyctl()
        .arg("import")
        .arg(fixtures().join("duty_list.txt"))
        .arg(fixtures().join("outline_utf16.txt"))
        .arg("-o")
        .arg(&one)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names a file"));
    assert!(!one.exists(), "no folder named one.yaml");
    let folder = format!("{}/", dir.path().join("dotted.d").display());
    dutyctl()
        .arg("import")
        .arg(fixtures().join("duty_list.txt"))
        .arg(fixtures().join("outline_utf16.txt"))
        .arg("-o")
        .arg(&folder)
        .assert()
        .success();
    assert!(dir.path().join("dotted.d/duty_list.yaml").exists());
}

#[test]
fn diff_picks_its_report_format_from_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (
        fixtures().join("diff/2023.txt"),
        fixtures().join("diff/2024.txt"),
    );
    let md = dir.path().join("d.md");
    let xlsx = dir.path().join("d.xlsx");
    let json = dir.path().join("d.json");
    for out in [&md, &xlsx, &json] {
        dutyctl()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .arg("-o")
            .arg(out)
            .assert()
            .code(1);
    }
    assert!(
        std::fs::read_to_string(&md).unwrap().contains('|'),
        "a Markdown table"
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert!(report.is_object());
}

/// A workbook of one sheet whose XML is given, with the least calamine needs around it.
fn xlsx_with_sheet(sheet_xml: &str) -> Vec<u8> {
    zip_with(&[
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()),
    ])
}

fn sheet_xml(dimension: &str, cells: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
    )
}

/// An .ods whose content.xml is given.
fn ods_with_content(content_xml: &str) -> Vec<u8> {
    zip_with(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#,
        ),
        ("content.xml", content_xml.as_bytes()),
    ])
}

fn ods_table(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
}

const ODS_HEADER_ROW: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>牵头单位</text:p></table:table-cell></table:table-row>"#;

/// Imports bytes saved under `name` and returns (exit code, stderr), within a time limit.
fn import_bytes(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let output = dutyctl()
        .arg("import")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

/// One line, `dutyctl: FILE: message`, exit 2: the shape of every error.
fn assert_one_line_error(name: &str, (code, stderr): (i32, String), says: &str) {
    assert_eq!(code, 2, "{name}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    assert!(
        stderr.starts_with("dutyctl: ") && stderr.contains(name),
        "{stderr}"
    );
    assert!(
        stderr.contains(says),
        "{name}: expected {says:?} in {stderr}"
    );
}

#[test]
fn xlsx_cells_far_apart_or_outside_the_grid_are_refused_not_allocated() {
    let far_apart = sheet_xml(
        "A1:XFD1048576",
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    assert_one_line_error(
        "far.xlsx",
        import_bytes("far.xlsx", &xlsx_with_sheet(&far_apart)),
        "cells",
    );
    let outside = sheet_xml(
        "A1",
        r#"<row r="1"><c r="ZZZZZZZ99999999999"><v>1</v></c></row>"#,
    );
    assert_one_line_error(
        "outside.xlsx",
        import_bytes("outside.xlsx", &xlsx_with_sheet(&outside)),
        "ZZZZZZZ99999999999",
    );
    let bad_row = sheet_xml("A1", r#"<row r="99999999999"><c><v>1</v></c></row>"#);
    assert_one_line_error(
        "row.xlsx",
        import_bytes("row.xlsx", &xlsx_with_sheet(&bad_row)),
        "row number",
    );
    let backwards = sheet_xml("C7:A1", r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    assert_one_line_error(
        "backwards.xlsx",
        import_bytes("backwards.xlsx", &xlsx_with_sheet(&backwards)),
        "C7:A1",
    );
    // One value far down a sheet is one cell, not a million: read as usual.
    let lone = sheet_xml(
        "XFD1048576",
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    let (_, stderr) = import_bytes("lone.xlsx", &xlsx_with_sheet(&lone));
    assert!(stderr.contains("no table found"), "{stderr}");
}

#[test]
fn ods_that_never_closes_its_table_or_repeats_past_the_limit_is_refused() {
    let mangled = ods_table(ODS_HEADER_ROW).replace("</table:table>", "</taAAAAble:table>");
    assert_one_line_error(
        "mangled.ods",
        import_bytes("mangled.ods", &ods_with_content(&mangled)),
        "malformed XML",
    );
    let repeated = ods_table(&format!(
        r#"{ODS_HEADER_ROW}<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#
    ));
    assert_one_line_error(
        "repeated.ods",
        import_bytes("repeated.ods", &ods_with_content(&repeated)),
        "cells",
    );
}

#[test]
fn a_register_whose_aliases_expand_past_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.yaml");
    let golden = std::fs::read_to_string(fixtures().join("duty_list.yaml")).unwrap();
    // 1 MB repeated 100 times: 100 MB, past the 64 MB limit (and small enough to be harmless
    // were the limit missing).
    let long = "长".repeat(350_000);
    let aliases = vec!["*long"; 100].join(", ");
    let notes = format!("  notes: [&long \"{long}\", {aliases}]\n");
    let mut bomb = String::new();
    for line in golden.lines() {
        if line.starts_with("  notes:") {
            bomb.push_str(&notes);
        } else {
            bomb.push_str(line);
            bomb.push('\n');
        }
    }
    assert!(bomb.contains("*long"), "the fixture has a notes key");
    std::fs::write(&path, bomb).unwrap();
    let output = dutyctl().arg("import").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("aliases expand it past 64 MB"), "{stderr}");
}

#[test]
fn inputs_past_the_size_limit_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // sparse: costs no disk
    assert_one_line_error(
        "huge.txt",
        import_bytes_at(&path),
        "larger than the 64 MB dutyctl reads",
    );
}

fn import_bytes_at(path: &Path) -> (i32, String) {
    let output = dutyctl().arg("import").arg(path).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn export_of_a_unit_supporting_thousands_of_tasks_cuts_its_summary_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut register = String::from(
        "dutyctl: 1\ndocument:\n  title: null\n  doc_number: null\n  issuer: null\n  date: null\n  layout: table\n  source: big.txt\n  sha256: x\n  notes: []\npeople: []\ntasks:\n",
    );
    // Past ten tasks the summary lists task numbers alone: 9,000 of them pass Excel's limit.
    for n in 1..=9000 {
        register.push_str(&format!(
            "- id: t{n}\n  seq: 第{n}项\n  section: []\n  title: 任务{n}\n  text: 任务{n}\n  lead: []\n  support: [县应急局]\n  persons: []\n  leaders: []\n  deadline: null\n  due: null\n  items: []\n  source: {{line: {n}}}\n  printed: {{}}\n"
        ));
    }
    let input = dir.path().join("big.yaml");
    std::fs::write(&input, register).unwrap();
    let out = dir.path().join("big.xlsx");
    export(&input, &out, &[]);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let summary = book.worksheet_range("按单位汇总").unwrap();
    let row = summary
        .rows()
        .find(|r| matches!(r.first(), Some(calamine::Data::String(s)) if s == "县应急局"))
        .expect("the unit's row");
    let cell = row[5].to_string();
    assert!(cell.contains("字略"), "the cut is noted");
    assert!(cell.chars().count() <= 32_767);
}

/// A register written by dutyctl, with `edit` applied to its YAML text.
fn edited_register(dir: &Path, name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let golden = std::fs::read_to_string(fixtures().join("duty_list.yaml")).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, edit(&golden)).unwrap();
    path
}

#[test]
fn check_and_diff_escape_terminal_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = edited_register(dir.path(), "hostile.yaml", |yaml| {
        let (head, tasks) = yaml.split_once("\ntasks:\n").unwrap();
        let first_title = tasks.lines().find(|l| l.starts_with("  title: ")).unwrap();
        let tasks = tasks.replacen(
            first_title,
            "  title: \"\\e[2J\\e]0;pwned\\a\u{202e}txt.exe\"",
            1,
        );
        format!("{head}\ntasks:\n{tasks}")
    });
    let bad_layout = edited_register(dir.path(), "layout\u{1b}[2J.yaml", |yaml| {
        yaml.replacen("  layout: duty-list", "  layout: \"\\e[2J\u{202e}x\"", 1)
    });
    let (code, text) = check(&[bad_layout.as_path()], &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("layout\\x1b[2J.yaml"), "{text}");
    let diff = dutyctl()
        .arg("diff")
        .arg(fixtures().join("duty_list.yaml"))
        .arg(&hostile)
        .output()
        .unwrap();
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(diff.contains("\\x1b[2J"), "{diff}");
    for output in [&text, &diff] {
        assert!(!output.contains('\u{1b}'), "raw ESC printed: {output}");
        assert!(!output.contains('\u{202e}'), "raw U+202E printed: {output}");
        assert!(!output.contains('\u{7}'), "raw BEL printed: {output}");
    }
}

#[test]
fn check_github_annotations_escape_properties_and_report_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let odd = edited_register(dir.path(), "a,b:c.yaml", |yaml| {
        yaml.replacen("  lead:\n  - ", "  lead: 100%\n  - ", 1)
    });
    let missing = dir.path().join("missing.yaml");
    let output = dutyctl()
        .args(["check", "--format", "github"])
        .arg(&odd)
        .arg(&missing)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("a%2Cb%3Ac.yaml"), "{stdout}");
    assert!(!stdout.contains("a,b:c.yaml"), "{stdout}");
    let unreadable = stdout
        .lines()
        .find(|l| l.contains("missing.yaml"))
        .unwrap_or_else(|| panic!("no annotation for the unreadable file: {stdout}"));
    assert!(unreadable.starts_with("::error "), "{unreadable}");
}

#[test]
fn check_reports_every_broken_task_missing_keys_and_impossible_dates() {
    let dir = tempfile::tempdir().unwrap();
    let golden = std::fs::read_to_string(fixtures().join("duty_list.yaml")).unwrap();
    let task_lines: Vec<usize> = golden
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- id: "))
        .map(|(n, _)| n + 1)
        .collect();
    assert!(task_lines.len() >= 3, "the fixture has tasks");
    // Tasks 0 and 2 get a wrong type, task 1 loses its deadline key, task 2 an impossible date.
    let mut task = 0;
    let mut broken = String::new();
    for line in golden.lines() {
        if line.starts_with("- id: ") {
            task += 1;
        }
        match (task, line) {
            (1 | 3, l) if l.starts_with("  lead:") => broken.push_str("  lead: 7\n"),
            (1 | 3, l) if l.starts_with("  - ") && broken.ends_with("  lead: 7\n") => {}
            (2, l) if l.starts_with("  deadline:") => {}
            (3, l) if l.starts_with("  due:") => broken.push_str("  due: 2024-13-45\n"),
            _ => {
                broken.push_str(line);
                broken.push('\n');
            }
        }
    }
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, &broken).unwrap();
    let task_lines: Vec<usize> = broken
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- id: "))
        .map(|(n, _)| n + 1)
        .collect();
    let (code, out) = check(&[path.as_path()], &[]);
    assert_eq!(code, 1, "{out}");
    let errors: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("error[schema]"))
        .collect();
    let has = |needle: &str| errors.iter().any(|l| l.contains(needle));
    assert!(has("tasks[0].lead: invalid type"), "{out}");
    assert!(
        has(&format!("broken.yaml:{}:", task_lines[2])) && has("tasks[2].lead"),
        "{out}"
    );
    assert!(
        has(&format!("broken.yaml:{}:", task_lines[1])) && has("missing key `deadline`"),
        "{out}"
    );
    assert!(has("tasks[2].due: `2024-13-45` is not a date"), "{out}");
    assert!(
        !out.contains("past-deadline"),
        "an impossible date is not reported as past: {out}"
    );
}

#[test]
fn xls_whose_fat_lies_past_its_end_is_refused_not_a_panic() {
    // Found by bench/fuzz.sh: calamine asserted on a FAT sector cut short by the file's end.
    let mut xls = vec![0u8; 1024];
    xls[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    xls[0x1E] = 9; // 512-byte sectors
    xls[0x2C] = 1; // one FAT sector…
    xls[0x4C..0x50].copy_from_slice(&5u32.to_le_bytes()); // …at sector 5, past the end
    for i in 1..109 {
        xls[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    xls[0x30..0x34].copy_from_slice(&0u32.to_le_bytes());
    xls[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    assert_one_line_error(
        "cut.xls",
        import_bytes("cut.xls", &xls),
        "sector 5 lies past the end of the file",
    );
}

/// The fixture's .xls with its first BIFF record of this type and length changed by `mutate`.
fn xls_with_record(kind: u16, len: u16, mutate: impl Fn(&mut [u8])) -> Vec<u8> {
    let mut xls = std::fs::read(fixtures().join("table_merged_cells_excel97.xls")).unwrap();
    // The workbook stream lies in the file's sectors in order (LibreOffice writes it so).
    let header = [kind.to_le_bytes(), len.to_le_bytes()].concat();
    let at = (0..xls.len() - 4)
        .find(|&i| xls[i..i + 4] == header[..])
        .expect("the record");
    mutate(&mut xls[at + 4..at + 4 + usize::from(len)]);
    xls
}

#[test]
fn xls_declaring_or_spanning_too_many_cells_is_refused_not_allocated() {
    // Found by bench/fuzz.sh: calamine reserves what DIMENSIONS declares (43 TB here) and aborts.
    let huge_dimensions = xls_with_record(0x0200, 14, |data| {
        data[4..8].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    });
    assert_one_line_error(
        "dims.xls",
        import_bytes("dims.xls", &huge_dimensions),
        "outside the .xls grid",
    );
    // One cell at the grid's far corner: a dense range of 16 million cells.
    let far_cell = xls_with_record(0x00FD, 10, |data| {
        data[0..2].copy_from_slice(&0xFFFFu16.to_le_bytes());
        data[2..4].copy_from_slice(&0x00FFu16.to_le_bytes());
    });
    assert_one_line_error(
        "far.xls",
        import_bytes("far.xls", &far_cell),
        "the sheets span more than",
    );
}

#[test]
fn a_dash_reads_the_document_from_stdin() {
    let text = std::fs::read(fixtures().join("duty_list.txt")).unwrap();
    let output = dutyctl()
        .args(["import", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(output.status.success());
    let got = register(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(got["document"]["source"], "stdin");
    assert_eq!(
        content_of(&serde_yaml::to_string(&got).unwrap()),
        content_of(&import_stdout(&fixtures().join("duty_list.txt")))
    );
}

#[test]
fn an_odt_is_named_for_what_it_is() {
    let odt = zip_with(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]);
    let (code, stderr) = import_bytes("notice.odt", &odt);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("an OpenDocument text (.odt), which dutyctl does not read"),
        "{stderr}"
    );
    assert!(!stderr.contains("old binary"), "{stderr}");
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

// ---------------------------------------------------------------------------------------------
// Web pages (issue 12): a notice saved from a government website gives the register of the text
// a clerk would copy from it; pages without an article give no tasks, never a crash.
// ---------------------------------------------------------------------------------------------

#[test]
fn web_pages_give_the_register_of_their_text_twin() {
    for name in [
        "outline_web_page",
        "outline_web_page_gbk",
        "table_web_spans",
        "outline_word_export",
    ] {
        let page = fixtures().join(format!("{name}.html"));
        let from_page = content_of(&import_stdout(&page));
        let from_text = content_of(&import_stdout(
            &fixtures().join(format!("{name}_copied.txt")),
        ));
        assert_eq!(from_page, from_text, "{name}.html differs from its text");
        assert!(
            !from_page["tasks"].as_sequence().unwrap().is_empty(),
            "{name}: no tasks"
        );
    }
    let table = register(&import_stdout(&fixtures().join("table_web_spans.html")));
    // The 重点工作 cell spans the rows of its measures: the section of each.
    assert_eq!(
        table["tasks"][1]["section"][1], "健全责任体系",
        "a cell spanning rows applies to each"
    );
    assert_eq!(
        table["tasks"][1]["title"],
        "修订安全生产权力和责任清单，明确部门监管职责"
    );
    assert_eq!(
        table["tasks"][2]["lead"].as_sequence().map(Vec::len),
        Some(0)
    );
    assert_eq!(table["tasks"][3]["support"][1], "区消防救援大队");
    assert_eq!(
        table["tasks"][0]["source"]["line"], 22,
        "the source line of its task cell"
    );
}

#[test]
fn a_web_page_names_its_attachments_and_leaves_out_the_site() {
    let output = dutyctl()
        .arg("import")
        .arg(fixtures().join("table_web_spans.html"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "table_web_spans.html:63: attachment 临江区2024年安全生产重点工作任务分解表.xlsx"
        ),
        "{stderr}"
    );
    let yaml = import_stdout(&fixtures().join("outline_web_page.html"));
    for chrome in [
        "首页",
        "打印本页",
        "相关文章",
        "浏览次数",
        "主办单位",
        "不是正文",
    ] {
        assert!(!yaml.contains(chrome), "{chrome} is site chrome");
    }
}

#[test]
fn pages_without_a_notice_import_with_no_tasks() {
    let dir = tempfile::tempdir().unwrap();
    for (name, page) in [
        (
            "404.html",
            "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>",
        ),
        (
            "login.html",
            "<html><head><meta charset=utf-8><title>用户登录_某某县人民政府</title></head><body><form><input name=u><input type=password><button>登录</button></form></body></html>",
        ),
        ("empty.html", "<html><body></body></html>"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, page).unwrap();
        let output = dutyctl().arg("import").arg(&path).output().unwrap();
        assert!(output.status.success(), "{name}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("no tasks recognised"),
            "{name}"
        );
        let yaml = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            register(&yaml)["tasks"].as_sequence().map(Vec::len),
            Some(0)
        );
    }
}

/// A page of thousands of measures reads every one of them (how long it takes is measured by
/// bench/html.sh, never in a test).
#[test]
fn a_large_page_reads_every_measure() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph =
        "<p>（一）开展隐患排查。全面排查重点行业领域。（县应急管理局牵头，县住建局配合）</p>\n";
    let path = dir.path().join("big.html");
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8></head><body><div id=zoom><p>一、重点任务</p>\n{}</div></body></html>",
        paragraph.repeat(8_000)
    );
    std::fs::write(&path, page).unwrap();
    let register = register(&import_stdout(&path));
    let tasks = register["tasks"].as_sequence().unwrap();
    assert_eq!(tasks.len(), 8_000);
    assert_eq!(tasks[7_999]["lead"][0], "县应急管理局");
}

// ---- dutyctl serve: the review page's HTTP API (issue 15) ----
//
// Each test starts `dutyctl serve DIR --port 0` and reads the address it prints; requests are
// plain HTTP/1.1 over a TcpStream, so what is tested is what a browser would be sent. The page
// itself is tested in a real browser by scripts/browser-test.sh.

mod serve {
    use super::fixtures;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::path::Path;
    use std::process::{Child, Command, Stdio};

    /// A running server, stopped when dropped.
    struct Served {
        child: Child,
        address: SocketAddr,
    }

    impl Drop for Served {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn serve(dir: &Path) -> Served {
        serve_with(dir, &[])
    }

    fn serve_with(dir: &Path, options: &[&std::ffi::OsStr]) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("dutyctl"))
            .arg("serve")
            .arg(dir)
            .args(["--port", "0"])
            .args(options)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dutyctl serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let address = first
            .trim()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|_| panic!("an address on stdout, got {first:?}"));
        Served { child, address }
    }

    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Reply {
        fn json(&self) -> serde_json::Value {
            serde_json::from_slice(&self.body)
                .unwrap_or_else(|_| panic!("JSON, got {}", String::from_utf8_lossy(&self.body)))
        }

        fn error(&self) -> String {
            self.json()["error"]
                .as_str()
                .expect("an error message")
                .to_string()
        }

        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    /// One request; `head` holds extra header lines. The Host is the server's unless given.
    fn request(served: &Served, method: &str, target: &str, head: &[&str], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(served.address).unwrap();
        let mut text = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
        if !head
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("host:"))
        {
            text.push_str(&format!("Host: {}\r\n", served.address));
        }
        if !head
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("content-length:"))
        {
            text.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        for line in head {
            text.push_str(&format!("{line}\r\n"));
        }
        text.push_str("\r\n");
        stream.write_all(text.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        parse_reply(&raw)
    }

    fn parse_reply(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        let chunked = headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
        });
        if chunked {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    fn dechunk(mut rest: &[u8]) -> Vec<u8> {
        let mut body = Vec::new();
        loop {
            let end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..end]).unwrap().trim(), 16)
                .unwrap();
            if size == 0 {
                return body;
            }
            body.extend_from_slice(&rest[end + 2..end + 2 + size]);
            rest = &rest[end + 4 + size..];
        }
    }

    fn golden_tasks(name: &str) -> serde_json::Value {
        let path = fixtures().join(name).with_extension("yaml");
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        serde_json::to_value(yaml).unwrap()["tasks"].clone()
    }

    /// Every file of a folder with its bytes, to show that a refused request changed nothing.
    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    }

    /// Every key the page can highlight: lines, and a sheet's rows and cells.
    fn source_keys(opened: &serde_json::Value) -> Vec<String> {
        let source = &opened["source"];
        // A line is found by its key, or a row of a page's table by any of its cells'.
        let mut keys: Vec<String> = Vec::new();
        for line in source["lines"].as_array().unwrap() {
            keys.push(line["key"].as_str().unwrap().to_string());
            for also in line["also"].as_array().into_iter().flatten() {
                keys.push(also.as_str().unwrap().to_string());
            }
        }
        for sheet in source["sheets"].as_array().unwrap() {
            for row in sheet["rows"].as_array().unwrap() {
                keys.push(row["key"].as_str().unwrap().to_string());
                for cell in row["cells"].as_array().unwrap() {
                    keys.push(cell["key"].as_str().unwrap().to_string());
                }
            }
        }
        keys
    }

    fn source_key(source: &serde_json::Value) -> String {
        if let Some(line) = source["line"].as_u64() {
            format!("line:{line}")
        } else if let Some(paragraph) = source["paragraph"].as_u64() {
            format!("paragraph:{paragraph}")
        } else if let (Some(table), Some(row)) = (source["table"].as_u64(), source["row"].as_u64())
        {
            format!("table:{table}:row:{row}")
        } else {
            let sheet = source["sheet"].as_str().unwrap();
            let cell = source["cell"].as_str().unwrap();
            let row: String = cell.chars().filter(char::is_ascii_digit).collect();
            format!("sheet:{sheet}:row:{row}")
        }
    }

    #[test]
    fn an_upload_of_each_format_gives_its_golden_register_and_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let served = serve(dir.path());
        for (fixture, sheet) in [
            ("outline_key_value_lines.txt", false),
            ("leader_division_gb18030.txt", false),
            ("table_merged_cells_word.docx", false),
            ("table_merged_cells_excel.xlsx", true),
            ("table_merged_cells_gbk.csv", true),
            ("table_web_spans.html", false),
            ("outline_web_page_gbk.html", false),
            ("duty_list.yaml", false),
        ] {
            let bytes = std::fs::read(fixtures().join(fixture)).unwrap();
            let reply = request(
                &served,
                "POST",
                &format!("/api/import?name={fixture}"),
                &[],
                &bytes,
            );
            assert_eq!(
                reply.status,
                200,
                "{fixture}: {}",
                String::from_utf8_lossy(&reply.body)
            );
            let opened = reply.json();
            assert_eq!(
                opened["register"]["tasks"],
                golden_tasks(fixture),
                "{fixture}"
            );
            let sheets = opened["source"]["sheets"].as_array().unwrap();
            let lines = opened["source"]["lines"].as_array().unwrap();
            if fixture.ends_with(".yaml") {
                // A register read back has no text of its own to show.
                assert!(sheets.is_empty() && lines.is_empty(), "{fixture}");
                continue;
            }
            assert_eq!(opened["register"]["document"]["source"], fixture);
            // A sheet is shown as its grid, a text document as its lines.
            assert_eq!(!sheets.is_empty(), sheet, "{fixture}: sheets");
            assert_eq!(lines.is_empty(), sheet, "{fixture}: lines");
            // Every task's source is a line, or a row and cell, that the page can highlight.
            let keys = source_keys(&opened);
            for task in opened["register"]["tasks"].as_array().unwrap() {
                let key = source_key(&task["source"]);
                assert!(keys.contains(&key), "{fixture}: {key} not in {keys:?}");
                if let (Some(sheet), Some(cell)) = (
                    task["source"]["sheet"].as_str(),
                    task["source"]["cell"].as_str(),
                ) {
                    let cell = format!("sheet:{sheet}:cell:{cell}");
                    assert!(keys.contains(&cell), "{fixture}: {cell}");
                }
            }
        }
        assert!(snapshot(dir.path()).is_empty(), "an upload writes nothing");
    }

    #[test]
    fn a_workbook_is_shown_as_its_grid_with_merged_cells_spanning() {
        let dir = tempfile::tempdir().unwrap();
        let served = serve(dir.path());
        let bytes = std::fs::read(fixtures().join("table_merged_cells_excel.xlsx")).unwrap();
        let opened = request(&served, "POST", "/api/import?name=a.xlsx", &[], &bytes).json();
        let sheet = &opened["source"]["sheets"][0];
        assert_eq!(sheet["name"], "分解表");
        assert_eq!(
            sheet["columns"],
            serde_json::json!(["A", "B", "C", "D", "E"])
        );
        // The title merged across the table, and a 牵头单位 merged down over two tasks.
        let title = &sheet["rows"][0]["cells"][0];
        assert_eq!(
            (title["col_span"].as_u64(), title["row_span"].as_u64()),
            (Some(5), Some(1))
        );
        let merged_down: Vec<&serde_json::Value> = sheet["rows"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["cells"].as_array().unwrap())
            .filter(|c| c["row_span"].as_u64() > Some(1))
            .collect();
        assert_eq!(merged_down.len(), 1, "{merged_down:?}");
        assert_eq!(merged_down[0]["text"], "区应急管理局");
        assert_eq!(merged_down[0]["key"], "sheet:分解表:cell:C4");
        // The row below has no cell in that column: the span covers it.
        let below = &sheet["rows"][4];
        assert_eq!(below["key"], "sheet:分解表:row:5");
        let columns: Vec<u64> = below["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["column"].as_u64().unwrap())
            .collect();
        assert_eq!(columns, [0, 1, 3, 4]);
    }

    #[test]
    fn an_edit_is_saved_beside_the_notice_survives_a_restart_and_downloads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixtures().join("duty_list.txt"),
            dir.path().join("通知.txt"),
        )
        .unwrap();
        let served = serve(dir.path());
        let listing = request(&served, "GET", "/api/documents", &[], b"").json();
        assert_eq!(listing["documents"][0]["path"], "通知.txt");
        assert_eq!(listing["documents"][0]["saved"], false);

        let path = "/api/document?path=%E9%80%9A%E7%9F%A5.txt";
        let opened = request(&served, "GET", path, &[], b"").json();
        assert_eq!(opened["saved"], serde_json::Value::Null);
        let mut register = opened["register"].clone();
        register["tasks"][0]["lead"] = serde_json::json!(["市新设协调办公室"]);
        register["tasks"][0]["deadline"] = serde_json::json!("2025年6月底前");
        register["tasks"][0]["due"] = serde_json::Value::Null;
        register["tasks"][0]["checked"] = serde_json::json!(true);
        register["tasks"][1]["checked"] = serde_json::json!(false);
        let body = serde_json::to_vec(&register).unwrap();
        let saved = request(
            &served,
            "PUT",
            "/api/register?path=%E9%80%9A%E7%9F%A5.txt",
            &["Content-Type: application/json"],
            &body,
        );
        assert_eq!(
            saved.status,
            200,
            "{}",
            String::from_utf8_lossy(&saved.body)
        );
        assert_eq!(saved.json()["saved"], "通知.yaml");
        // A checked task is saved as such; one not checked carries no key, as before.
        let yaml = std::fs::read_to_string(dir.path().join("通知.yaml")).unwrap();
        assert_eq!(yaml.matches("checked: true").count(), 1, "{yaml}");
        assert!(!yaml.contains("checked: false"));
        // What was saved is a register `check` accepts, with the due date worked out again.
        super::dutyctl()
            .arg("check")
            .arg(dir.path().join("通知.yaml"))
            .args(["--today", "2024-01-01"])
            .assert()
            .success();
        drop(served);

        let served = serve(dir.path());
        let listing = request(&served, "GET", "/api/documents", &[], b"").json();
        assert_eq!(listing["documents"].as_array().unwrap().len(), 1);
        assert_eq!(listing["documents"][0]["saved"], true);
        let reopened = request(&served, "GET", path, &[], b"").json();
        assert_eq!(reopened["saved"], "通知.yaml");
        let task = &reopened["register"]["tasks"][0];
        assert_eq!(task["lead"], serde_json::json!(["市新设协调办公室"]));
        assert_eq!(task["due"], "2025-06-30");
        assert_eq!(task["checked"], true, "the check reopens");
        assert!(reopened["register"]["tasks"][1].get("checked").is_none());
        assert!(!reopened["source"]["lines"].as_array().unwrap().is_empty());

        let body = serde_json::to_vec(&reopened["register"]).unwrap();
        let download = request(
            &served,
            "POST",
            "/api/export?format=xlsx&name=%E9%80%9A%E7%9F%A5.txt",
            &["Content-Type: application/json"],
            &body,
        );
        assert_eq!(download.status, 200);
        assert!(
            download
                .header("content-disposition")
                .unwrap()
                .contains("filename*=UTF-8''%E9%80%9A%E7%9F%A5.xlsx")
        );
        use calamine::Reader;
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(download.body)).unwrap();
        let sheet = workbook.worksheet_range("责任分解表").unwrap();
        assert!(
            sheet
                .rows()
                .flatten()
                .any(|cell| cell.to_string().contains("市新设协调办公室")),
            "the edited lead unit is in the table"
        );
        for format in ["csv", "md", "yaml", "docx"] {
            let reply = request(
                &served,
                "POST",
                &format!("/api/export?format={format}&name=a.txt"),
                &[],
                &body,
            );
            assert_eq!(reply.status, 200, "{format}");
            assert!(!reply.body.is_empty(), "{format}");
        }
    }

    #[test]
    fn hostile_and_broken_requests_get_a_clear_error_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixtures().join("duty_list.txt"), dir.path().join("a.txt")).unwrap();
        // A Word document cut short, as a failed download leaves it.
        let docx = std::fs::read(fixtures().join("table_merged_cells_word.docx")).unwrap();
        std::fs::write(dir.path().join("broken.docx"), &docx[..docx.len() / 2]).unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "一、总体要求").unwrap();
        let served = serve(dir.path());
        let before = snapshot(dir.path());
        let register =
            request(&served, "GET", "/api/document?path=a.txt", &[], b"").json()["register"]
                .clone();
        let register_body = serde_json::to_vec(&register).unwrap();
        let escape = format!(
            "../{}/secret.txt",
            outside.path().file_name().unwrap().to_string_lossy()
        );

        let cases: Vec<(&str, Reply, u16, &str)> = vec![
            (
                "a name that resolves here (DNS rebinding)",
                request(
                    &served,
                    "GET",
                    "/api/documents",
                    &["Host: attacker.example"],
                    b"",
                ),
                421,
                "attacker.example: refused: not this server's address",
            ),
            (
                "a save from another site's page",
                request(
                    &served,
                    "PUT",
                    "/api/register?path=a.txt",
                    &["Origin: http://attacker.example"],
                    &register_body,
                ),
                403,
                "http://attacker.example: refused: a request from another site's page",
            ),
            (
                "an upload past the input limit",
                request(
                    &served,
                    "POST",
                    "/api/import?name=big.txt",
                    &["Content-Length: 67108865"],
                    b"",
                ),
                413,
                "big.txt: refused: larger than the 64 MB dutyctl reads",
            ),
            (
                "a document outside the folder",
                request(
                    &served,
                    "GET",
                    &format!("/api/document?path={escape}"),
                    &[],
                    b"",
                ),
                403,
                "refused: outside the served folder",
            ),
            (
                "a document outside the folder, the path encoded",
                request(
                    &served,
                    "GET",
                    &format!("/api/document?path={}", escape.replace('/', "%2F")),
                    &[],
                    b"",
                ),
                403,
                "refused: outside the served folder",
            ),
            (
                "an absolute path",
                request(
                    &served,
                    "GET",
                    "/api/document?path=%2Fetc%2Fpasswd",
                    &[],
                    b"",
                ),
                403,
                "/etc/passwd: refused: outside the served folder",
            ),
            (
                "a save outside the folder",
                request(
                    &served,
                    "PUT",
                    &format!("/api/register?path={escape}"),
                    &[],
                    &register_body,
                ),
                403,
                "refused: outside the served folder",
            ),
            (
                "a corrupt workbook",
                request(
                    &served,
                    "POST",
                    "/api/import?name=broken.xlsx",
                    &[],
                    b"PK\x03\x04 this is no zip archive",
                ),
                422,
                "broken.xlsx: ",
            ),
            (
                "a corrupt document of the folder",
                request(&served, "GET", "/api/document?path=broken.docx", &[], b""),
                422,
                "broken.docx: ",
            ),
            (
                "a save beside a corrupt document",
                request(
                    &served,
                    "PUT",
                    "/api/register?path=broken.docx",
                    &[],
                    b"{\"dutyctl\": 1",
                ),
                422,
                "broken.docx: not a register: ",
            ),
            (
                "an oversized save, its length declared",
                request(
                    &served,
                    "PUT",
                    "/api/register?path=a.txt",
                    &["Content-Length: 67108865"],
                    b"",
                ),
                413,
                "a.txt: refused: larger than the 64 MB dutyctl reads",
            ),
            (
                "a comparison of things that are no registers",
                request(
                    &served,
                    "POST",
                    "/api/compare?name=a.txt",
                    &[],
                    br#"{"old": {"dutyctl": 1}, "new": []}"#,
                ),
                422,
                "a.txt: not two registers: old",
            ),
            (
                "a save that is no register",
                request(
                    &served,
                    "PUT",
                    "/api/register?path=a.txt",
                    &[],
                    br#"{"dutyctl": 1, "document": {}, "tasks": [{"lead": "x"}]}"#,
                ),
                422,
                "a.txt: not a register: document",
            ),
        ];
        for (what, reply, status, message) in cases {
            assert_eq!(
                reply.status,
                status,
                "{what}: {}",
                String::from_utf8_lossy(&reply.body)
            );
            let error = reply.error();
            assert!(error.contains(message), "{what}: {error}");
            assert!(!error.contains('\n'), "{what}: one line: {error}");
        }
        assert_eq!(snapshot(dir.path()), before, "nothing was written");
        assert_eq!(
            std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
            "一、总体要求"
        );
        assert_eq!(snapshot(outside.path()).len(), 1);
    }

    #[test]
    fn the_page_is_served_from_the_binary_in_one_response() {
        let dir = tempfile::tempdir().unwrap();
        // A folder `x<` holding `script>.txt` is listed as `x</script>.txt`.
        std::fs::create_dir(dir.path().join("x<")).unwrap();
        std::fs::write(dir.path().join("x</script>.txt"), "一、总体要求").unwrap();
        let served = serve(dir.path());
        let page = request(&served, "GET", "/", &[], b"");
        assert_eq!(page.status, 200);
        let html = String::from_utf8(page.body).unwrap();
        assert!(html.contains("责任分解表核对"));
        // No CDN, no further request for style or script: the page works offline.
        assert!(
            !html.contains("https://") && !html.contains("src=\"/"),
            "{html}"
        );
        assert!(html.contains("<style>") && html.contains("function renderTasks"));
        // The folder's list is inside, a file name that reads as markup escaped.
        let start = html
            .find(r#"<script id="boot" type="application/json">"#)
            .unwrap();
        let json = &html[start..];
        let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
        let boot: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(boot["listing"]["documents"][0]["path"], "x</script>.txt");
        assert_eq!(boot["units"]["directory"], false);
    }

    #[test]
    fn last_years_notice_is_compared_as_diff_compares_it() {
        let dir = tempfile::tempdir().unwrap();
        let served = serve(dir.path());
        let read = |name: &str| {
            let bytes = std::fs::read(fixtures().join("diff").join(name)).unwrap();
            request(
                &served,
                "POST",
                &format!("/api/import?name={name}"),
                &[],
                &bytes,
            )
            .json()["register"]
                .clone()
        };
        let pair = serde_json::json!({"old": read("2023.txt"), "new": read("2024.txt")});
        let body = serde_json::to_vec(&pair).unwrap();
        let reply = request(&served, "POST", "/api/compare", &[], &body);
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let comparison = reply.json();
        // The same figures as `dutyctl diff --format json` of the two notices.
        let cli = super::dutyctl()
            .arg("diff")
            .arg(fixtures().join("diff/2023.txt"))
            .arg(fixtures().join("diff/2024.txt"))
            .args(["--format", "json"])
            .output()
            .unwrap();
        let diff: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
        assert_eq!(comparison["summary"], diff["summary"]);
        assert_eq!(comparison["units"], diff["units"]);
        let groups: Vec<(String, usize)> = comparison["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["group"].as_str().unwrap().to_string(),
                    g["changes"].as_array().unwrap().len(),
                )
            })
            .collect();
        let expected = [
            ("added", 3),
            ("removed", 2),
            ("changed", 3),
            ("renumbered", 2),
            ("split", 1),
            ("merged", 1),
        ];
        assert_eq!(
            groups,
            expected.map(|(g, n)| (g.to_string(), n)),
            "a task only renumbered or moved is grouped apart from the changed"
        );
        // A reworded task carries its wording compared character by character.
        let changed = &comparison["groups"][2]["changes"];
        let spans: Vec<&serde_json::Value> = changed
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["spans"].as_array().unwrap())
            .filter(|s| !s.is_null())
            .flat_map(|s| s.as_array().unwrap())
            .collect();
        assert!(spans.iter().any(|s| s["inserted"].is_string()), "{spans:?}");

        // The change table, as `diff -o changes.xlsx` writes it.
        let reply = request(
            &served,
            "POST",
            "/api/compare?format=xlsx&name=2024.txt",
            &[],
            &body,
        );
        assert_eq!(reply.status, 200);
        assert!(
            reply
                .header("content-disposition")
                .unwrap()
                .contains("filename*=UTF-8''2024-%E5%AF%B9%E6%AF%94.xlsx")
        );
        use calamine::Reader;
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(reply.body)).unwrap();
        let first = workbook.sheet_names()[0].clone();
        let sheet = workbook.worksheet_range(&first).unwrap();
        let text: String = sheet.rows().flatten().map(|c| c.to_string()).collect();
        assert!(
            text.contains("加强安全宣传教育") && text.contains("新增"),
            "{text}"
        );
        assert!(
            snapshot(dir.path()).is_empty(),
            "a comparison writes nothing"
        );
    }

    #[test]
    fn the_unit_directory_is_offered_and_tells_its_names() {
        let dir = tempfile::tempdir().unwrap();
        let units = dir.path().join("units.yaml");
        std::fs::write(
            &units,
            "县住房和城乡建设局: {aliases: [县建设局]}\n县应急管理局:\n",
        )
        .unwrap();
        let served = serve_with(dir.path(), &["--units".as_ref(), units.as_os_str()]);
        let offered = request(&served, "GET", "/api/units", &[], b"").json();
        assert_eq!(
            offered,
            serde_json::json!({"directory": true, "names": ["县住房和城乡建设局", "县应急管理局"]})
        );
        let reply = request(
            &served,
            "POST",
            "/api/units/lookup",
            &[],
            "[\"县住建局\", \"县建设局\", \"县应急管理局\", \"县新设协调办公室\"]".as_bytes(),
        );
        assert_eq!(
            reply.json(),
            serde_json::json!([
                {"name": "县住建局", "canonical": "县住房和城乡建设局"},
                {"name": "县建设局", "canonical": "县住房和城乡建设局"},
                {"name": "县应急管理局", "canonical": "县应急管理局"},
                {"name": "县新设协调办公室", "canonical": null},
            ])
        );
        drop(served);

        let served = serve(dir.path());
        assert_eq!(
            request(&served, "GET", "/api/units", &[], b"").json(),
            serde_json::json!({"directory": false, "names": []})
        );
        drop(served);
        // A directory that cannot be read stops the server before it starts, naming the file.
        let broken = dir.path().join("broken.yaml");
        std::fs::write(&broken, "- not a map\n").unwrap();
        super::dutyctl()
            .arg("serve")
            .arg(dir.path())
            .args(["--port", "0", "--units"])
            .arg(&broken)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("broken.yaml: "));
    }
}

// ---------------------------------------------------------------------------------------------
// Tables sent out and returned (issue 14, the rest): progress columns the units fill in and that
// read back as each task's progress, one file per unit, the diff text in the report's Chinese.
// ---------------------------------------------------------------------------------------------

/// A register of `input` with progress on some of its tasks, as a returned table would give it:
/// written parts (several lines, one part alone) and tasks left empty.
fn register_with_progress(input: &Path, dir: &Path) -> PathBuf {
    let mut value = register(&import_stdout(input));
    let tasks = value["tasks"].as_sequence_mut().expect("tasks");
    assert!(tasks.len() >= 2, "{} has too few tasks", input.display());
    let parts: [(&str, Option<&str>, Option<&str>); 2] = [
        (
            "已排查企业12家。\n整改隐患3处。",
            None,
            Some("年底前复查一次。"),
        ),
        ("", Some("人手不足，进度滞后。"), None),
    ];
    for (task, (done, problems, next)) in tasks.iter_mut().zip(parts) {
        let mut progress = serde_yaml::Mapping::new();
        let part = |v: Option<&str>| v.map_or(serde_yaml::Value::Null, |v| v.into());
        progress.insert("done".into(), part(Some(done).filter(|d| !d.is_empty())));
        progress.insert("problems".into(), part(problems));
        progress.insert("next_steps".into(), part(next));
        task.as_mapping_mut()
            .expect("a task")
            .insert("progress".into(), progress.into());
    }
    let name = input.file_stem().unwrap().to_string_lossy();
    let path = dir.join(format!("{name}.progress.yaml"));
    std::fs::write(&path, serde_yaml::to_string(&value).unwrap()).unwrap();
    path
}

#[test]
fn progress_reads_back_from_every_table_dutyctl_writes() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in [
        "table_first_leads.txt",
        "table_merged_cells.txt",
        "table_grouping_column.txt",
        "outline_trailing_assignments.txt",
        "outline_items_closed_by_assignment.txt",
    ] {
        let original = register_with_progress(&fixtures().join(fixture), dir.path());
        let expected = content_of(&import_stdout(&original));
        assert_eq!(
            expected["tasks"][0]["progress"]["done"], "已排查企业12家。\n整改隐患3处。",
            "{fixture}: the register holds the progress"
        );
        for format in ["xlsx", "csv", "docx"] {
            let out = dir.path().join(format!("back.{format}"));
            export(&original, &out, &[]);
            let back = content_of(&import_stdout(&out));
            assert_eq!(
                back["tasks"], expected["tasks"],
                "{fixture} through {format}"
            );
            if format == "xlsx" {
                assert_eq!(
                    back, expected,
                    "{fixture}: a workbook keeps the document too"
                );
            }
        }
        // Columns left empty give no progress: the register reads back as it was.
        let plain = content_of(&import_stdout(&fixtures().join(fixture)));
        let out = dir.path().join("empty.xlsx");
        export(&fixtures().join(fixture), &out, &["--progress-columns"]);
        assert_eq!(content_of(&import_stdout(&out)), plain, "{fixture}");
        assert!(!import_stdout(&out).contains("progress"));
    }
}

#[test]
fn progress_columns_are_empty_columns_after_the_table_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixtures().join("table_first_leads.txt");
    let xlsx = dir.path().join("t.xlsx");
    export(&input, &xlsx, &["--progress-columns"]);
    let sheets = workbook(&xlsx);
    let rows = &sheets[0].1;
    assert_eq!(
        rows[1][7..],
        ["完成情况", "存在问题", "下步计划"],
        "{:?}",
        rows[1]
    );
    assert!(
        rows[3][7..].iter().all(String::is_empty),
        "left for the units"
    );
    // Room to write in: a task row of one line is still three lines tall.
    let sheet_xml = zipped_text(&xlsx, "xl/worksheets/sheet1.xml");
    let height = |row: usize| -> f64 {
        let at = sheet_xml.find(&format!("<row r=\"{row}\"")).unwrap();
        let tail = &sheet_xml[at..];
        let start = tail.find(" ht=\"").unwrap() + 5;
        tail[start..start + tail[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    assert!(height(8) >= 3.0 * 16.0, "{}", height(8));
    let md = dir.path().join("t.md");
    export(&input, &md, &["--progress-columns"]);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.contains("| 完成时限 | 完成情况 | 存在问题 | 下步计划 |"),
        "{md}"
    );
    let csv = dir.path().join("t.csv");
    export(&input, &csv, &["--progress-columns"]);
    let csv = std::fs::read_to_string(csv).unwrap();
    assert!(
        csv.contains(",完成时限,完成情况,存在问题,下步计划,章节,ID\r\n"),
        "{csv}"
    );
    let docx = dir.path().join("t.docx");
    export(&input, &docx, &["--progress-columns"]);
    let document = zipped_text(&docx, "word/document.xml");
    assert!(document.contains(">下步计划<") && document.contains(r#"<w:gridSpan w:val="10"/>"#));
}

/// A CSV as a unit returns it: the 完成情况 of the first task filled in, as a spreadsheet saves it.
fn filled_csv(written: &Path, done: &str) -> Vec<u8> {
    let bytes = std::fs::read(written).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "完成情况").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    for (i, record) in reader.records().enumerate() {
        let mut fields: Vec<String> = record.unwrap().iter().map(String::from).collect();
        if i == 0 {
            fields[column] = done.to_string();
        }
        writer.write_record(&fields).unwrap();
    }
    writer.into_inner().unwrap()
}

#[test]
fn a_returned_table_keeps_what_the_units_wrote_for_diff_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("2024.yaml");
    import_to(fixtures().join("table_first_leads.txt"), &original);
    let sent = dir.path().join("sent.csv");
    export(&original, &sent, &["--progress-columns"]);
    let returned = dir.path().join("returned.csv");
    std::fs::write(
        &returned,
        filled_csv(&sent, "已完成全面排查。\n台账已建立。"),
    )
    .unwrap();
    let register = register(&import_stdout(&returned));
    assert_eq!(
        register["tasks"][0]["progress"],
        serde_yaml::from_str::<serde_yaml::Value>(
            "{done: \"已完成全面排查。\\n台账已建立。\", problems: null, next_steps: null}"
        )
        .unwrap()
    );
    assert!(register["tasks"][1].get("progress").is_none());

    let diff = dutyctl()
        .arg("diff")
        .arg(&original)
        .arg(&returned)
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let text = String::from_utf8(diff.stdout).unwrap();
    assert_eq!(
        text,
        "~ 1 开展重大事故隐患专项排查整治\n    完成情况：— → 已完成全面排查。⏎台账已建立。\n\n未变 2，变更 1，新增 0，删除 0，拆分 0，合并 0\n"
    );
    let (code, json) = diff_json(&original, &returned, &[]);
    assert_eq!(code, 1);
    assert_eq!(json["changes"][0]["details"][0]["field"], "progress");
    assert_eq!(
        json["changes"][0]["details"][0]["old"],
        serde_json::Value::Null
    );
    for (fail_on, code) in [("removed,lead", 0), ("progress", 1)] {
        dutyctl()
            .arg("diff")
            .arg(&original)
            .arg(&returned)
            .args(["--fail-on", fail_on])
            .assert()
            .code(code);
    }
    let md = String::from_utf8(
        dutyctl()
            .arg("diff")
            .arg(&original)
            .arg(&returned)
            .args(["--format", "md"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        md.contains("  - 完成情况：— → 已完成全面排查。 台账已建立。"),
        "{md}"
    );
    let changes = dir.path().join("changes.xlsx");
    dutyctl()
        .arg("diff")
        .arg(&original)
        .arg(&returned)
        .arg("-o")
        .arg(&changes)
        .assert()
        .code(1);
    let rows = &workbook(&changes)[0].1;
    assert_eq!(rows[2][12..], ["原进展", "新进展"]);
    assert_eq!(
        rows[3][12..],
        ["", "完成情况：已完成全面排查。\n台账已建立。"]
    );

    let units = String::from_utf8(
        dutyctl()
            .arg("units")
            .arg(&returned)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        units.starts_with("unit\tlead\tsupport\treported\n"),
        "{units}"
    );
    assert!(units.contains("\n县安委办\t1\t0\t1/1\n"), "{units}");
    assert!(units.contains("\n县应急管理局\t1\t0\t0/1\n"), "{units}");
    let before = String::from_utf8(
        dutyctl()
            .arg("units")
            .arg(&original)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        before.starts_with("unit\tlead\tsupport\n"),
        "no column to count before anyone reported: {before}"
    );
}

/// The units a register names as lead or support, each with its tasks' titles, without the
/// names of several bodies (各…).
fn units_of(register: &serde_yaml::Value) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut units: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for task in register["tasks"].as_sequence().unwrap() {
        let title = task["title"].as_str().unwrap().to_string();
        for key in ["lead", "support"] {
            for unit in task[key].as_sequence().unwrap() {
                let unit = unit.as_str().unwrap();
                let titles = units.entry(unit.to_string()).or_default();
                if !unit.starts_with('各') && !titles.contains(&title) {
                    titles.push(title.clone());
                }
            }
        }
    }
    units.retain(|unit, _| !unit.starts_with('各'));
    units
}

#[test]
fn split_by_unit_writes_each_unit_its_own_tasks_with_its_role() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixtures().join("diff/2024.txt");
    let whole = register(&import_stdout(&input));
    let expected = units_of(&whole);
    let out = dir.path().join("发各单位");
    let run = dutyctl()
        .arg("export")
        .arg(&input)
        .args(["--split-by-unit", "--progress-columns", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("no file for names of several bodies rather than one office (tasks naming them): 各县区政府 (2)"),
        "{stderr}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut wanted: Vec<String> = expected.keys().map(|u| format!("{u}.xlsx")).collect();
    wanted.sort();
    assert_eq!(files, wanted);
    for (unit, titles) in &expected {
        let file = out.join(format!("{unit}.xlsx"));
        let sheets = workbook(&file);
        let names: Vec<&str> = sheets.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["责任分解表", "_dutyctl"], "only the table is sent");
        let rows = &sheets[0].1;
        assert!(
            rows[0][0].ends_with(&format!("（{unit}）")),
            "{}",
            rows[0][0]
        );
        assert_eq!(rows[1][..3], ["序号", "重点工作任务", "角色"]);
        assert_eq!(rows[1][3], "牵头单位");
        let back = register(&import_stdout(&file));
        let got: Vec<&str> = back["tasks"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap())
            .collect();
        assert_eq!(&got, titles, "{unit}");
        // Each row's role is what the unit is in that task.
        for (row, task) in rows[2..]
            .iter()
            .filter(|r| !r[2].is_empty())
            .zip(back["tasks"].as_sequence().unwrap())
        {
            let leads = task["lead"]
                .as_sequence()
                .unwrap()
                .iter()
                .any(|u| u.as_str() == Some(unit.as_str()));
            assert_eq!(
                row[2],
                if leads { "牵头" } else { "配合" },
                "{unit}: {row:?}"
            );
        }
        assert!(
            back["tasks"][0]["text"]
                .as_str()
                .is_some_and(|t| !t.contains("角色"))
        );
    }
    let lead_of_eight = workbook(&out.join("市应急管理局.xlsx"));
    assert!(
        lead_of_eight[0]
            .1
            .iter()
            .any(|r| r[0] == "（八）" && r[2] == "牵头"),
        "{:?}",
        lead_of_eight[0].1
    );

    // The same from import, as Word documents, several notices each in a folder of its own.
    let words = dir.path().join("word/");
    dutyctl()
        .arg("import")
        .arg(fixtures().join("diff/2023.txt"))
        .arg(&input)
        .args(["--split-by-unit", "--format", "docx", "-o"])
        .arg(&words)
        .assert()
        .success();
    let docx = words.join("2024/市应急管理局.docx");
    let document = zipped_text(&docx, "word/document.xml");
    assert!(document.contains(">（市应急管理局）<") && document.contains(">角色<"));
    let back = register(&import_stdout(&docx));
    assert_eq!(
        back["tasks"].as_sequence().unwrap().len(),
        expected["市应急管理局"].len()
    );
    assert!(words.join("2023/市消防救援支队.docx").exists());
}

#[test]
fn split_by_unit_names_files_safely_and_refuses_clashes_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("notice.txt");
    std::fs::write(
        &notice,
        "一、任务\n（一）开展排查。（县ABC服务中心牵头，县abc服务中心配合）\n（二）建立台账。（县应急局牵头）\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = dutyctl()
        .arg("export")
        .arg(&notice)
        .args(["--split-by-unit", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("units whose names give one file name, so nothing was written: 县ABC服务中心 / 县abc服务中心"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written, not even the folder");

    std::fs::write(
        &notice,
        "一、任务\n（一）开展排查。（县政务服务中心牵头，县应急局配合）\n",
    )
    .unwrap();
    // A link in the folder is followed, as for any output: its target is replaced.
    std::fs::create_dir(&out).unwrap();
    let elsewhere = dir.path().join("elsewhere.xlsx");
    std::fs::write(&elsewhere, "old").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&elsewhere, out.join("县应急局.xlsx")).unwrap();
    export(&notice, &out, &["--split-by-unit"]);
    assert!(out.join("县政务服务中心.xlsx").is_file());
    #[cfg(unix)]
    {
        assert!(
            std::fs::symlink_metadata(out.join("县应急局.xlsx"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(std::fs::read(&elsewhere).unwrap().starts_with(b"PK"));
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("dutyctl-tmp"))
        .collect();
    assert!(leftovers.is_empty());

    // A file is no folder, and neither stdout nor a name with an extension is one.
    for target in [
        elsewhere.as_os_str(),
        "-".as_ref(),
        dir.path().join("x.xlsx").as_os_str(),
    ] {
        let run = dutyctl()
            .arg("export")
            .arg(&notice)
            .args(["--split-by-unit", "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{target:?}");
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert!(
            stderr.contains("--split-by-unit writes a folder of files")
                && stderr.lines().count() == 1,
            "{stderr}"
        );
    }
    assert!(!dir.path().join("x.xlsx").exists());
}

#[test]
fn diff_text_speaks_the_reports_chinese_and_signs_every_entry() {
    let (old, new) = (
        fixtures().join("diff/2023.txt"),
        fixtures().join("diff/2024.txt"),
    );
    let text = String::from_utf8(
        dutyctl()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    for line in [
        "    内容：强化部门监管责任。各部门{+严格+}按照",
        "    章节：一、责任落实 → 二、专项整治",
        "    配合单位：+市生态环境局\n",
        "    完成时限：2023年12月底前 → 2024年6月底前\n",
        "    牵头单位：+市应急管理局-市消防救援支队\n",
        "    序号：（十一） → （九）\n",
        "    拆分为：（五） 严查道路交通违法行为；（六） 推进农村公路安全防护\n",
        "    合并自：（六） 推进燃气管道更新改造；（七） 开展燃气用户安全排查\n",
        "\n按单位：\n",
        "  市交通运输局  牵头单位：+（五）、（六）；配合单位：-（五）\n",
        "\n未变 1，变更 5，新增 3，删除 2，拆分 1，合并 1\n",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    for english in [
        "lead",
        "support",
        "deadline",
        "renumbered",
        "moved",
        "split",
        "merged",
        "was:",
        "units:",
    ] {
        assert!(!text.contains(english), "{english} in:\n{text}");
    }
    assert!(!text.contains("\n\n\n"));
    let same = String::from_utf8(
        dutyctl()
            .arg("diff")
            .arg(&old)
            .arg(&old)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(same, "未变 11，变更 0，新增 0，删除 0，拆分 0，合并 0\n");
}

#[test]
fn no_printed_page_of_a_long_table_ends_on_a_heading() {
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("notice.txt");
    let mut text = String::new();
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    // One task a part, of lengths that leave some part's heading where a page is full.
    for (i, numeral) in numerals.iter().enumerate() {
        text.push_str(&format!("{numeral}、第{}部分\n", i + 1));
        text.push_str(&format!(
            "（一）推进第{}项工作。{}（县应急局牵头，县公安局配合）\n",
            i + 1,
            "全面排查隐患，建立整改台账，逐项销号管理。".repeat(5 + (i * 7) % 11)
        ));
    }
    std::fs::write(&notice, text).unwrap();
    for extra in [&[][..], &["--progress-columns"][..]] {
        let out = dir.path().join("long.xlsx");
        export(&notice, &out, extra);
        let sheet = zipped_text(&out, "xl/worksheets/sheet1.xml");
        let breaks: Vec<usize> = sheet
            .split("<brk id=\"")
            .skip(1)
            .map(|b| b[..b.find('"').unwrap()].parse().unwrap())
            .collect();
        assert!(
            !breaks.is_empty(),
            "this table would leave headings at a page's foot"
        );
        let rows = &workbook(&out)[0].1;
        for at in &breaks {
            // A break before zero-based row `at`: the page ends on row `at - 1`, a task's.
            let last = &rows[at - 1];
            assert!(!last[1].is_empty(), "page ends on a heading: {last:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// PDF (issue 13): notices and tables printed to PDF by LibreOffice from their .docx/.xlsx twins
// (scripts/make_pdf_fixtures.py), scans and password-locked PDFs.

#[test]
fn pdfs_give_the_register_of_the_document_they_were_printed_from() {
    let pairs = [
        ("pdf_notice.pdf", "pdf_notice_source.docx"),
        // Encrypted against printing and copying, not against reading.
        ("pdf_notice_restricted.pdf", "pdf_notice_source.docx"),
        ("pdf_table_word.pdf", "pdf_table_word_source.docx"),
        ("pdf_table_excel.pdf", "pdf_table_excel_source.xlsx"),
    ];
    for (pdf, twin) in pairs {
        let from_pdf = content_of(&import_stdout(&fixtures().join(pdf)));
        let from_twin = content_of(&import_stdout(&fixtures().join(twin)));
        assert!(
            from_twin["tasks"].as_sequence().unwrap().len() >= 7,
            "{twin} has its tasks"
        );
        assert_eq!(from_pdf, from_twin, "{pdf} differs from {twin}");
    }
}

#[test]
fn pdf_sources_name_the_page_and_the_line_or_table_cell() {
    let notice = register(&import_stdout(&fixtures().join("pdf_notice.pdf")));
    let tasks = notice["tasks"].as_sequence().unwrap();
    // The first task is on page 1, the last on page 2; lines count through the document.
    assert_eq!(tasks[0]["source"]["page"], 1);
    let last = &tasks[tasks.len() - 1]["source"];
    assert_eq!(last["page"], 2);
    assert!(last["line"].as_u64().unwrap() > tasks[0]["source"]["line"].as_u64().unwrap());
    // The table continues over two pages under a repeated header: one table, rows counted on.
    let table = register(&import_stdout(&fixtures().join("pdf_table_word.pdf")));
    let tasks = table["tasks"].as_sequence().unwrap();
    assert_eq!(tasks.len(), 13);
    assert_eq!(tasks[0]["source"]["page"], 1);
    assert_eq!(tasks[0]["source"]["table"], 1);
    assert_eq!(tasks[0]["source"]["column"], 2);
    let last = &tasks[12]["source"];
    assert_eq!(
        (last["page"].as_u64(), last["table"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(last["row"].as_u64().unwrap() > 13, "{last:?}");
    // A lead merged down over three rows applies to each.
    for task in &tasks[..3] {
        assert_eq!(task["lead"][0], "区城管局");
    }
    // Page headers, footers and page numbers are not text of the document.
    let text = std::fs::read_to_string(fixtures().join("pdf_notice.yaml")).unwrap();
    assert!(!text.contains("－1－") && !text.contains("－2－"));
}

#[test]
fn scanned_locked_and_damaged_pdfs_get_one_line_errors() {
    let refused = fixtures().join("pdf_refused");
    let dir = tempfile::tempdir().unwrap();
    let notice = std::fs::read(fixtures().join("pdf_notice.pdf")).unwrap();
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &notice[..notice.len() / 3]).unwrap();
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n").unwrap();
    for (path, expected) in [
        (refused.join("scanned.pdf"), "needs OCR"),
        (refused.join("encrypted.pdf"), "password"),
        (garbage, "damaged file"),
    ] {
        let output = dutyctl().arg("import").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&*name) && stderr.contains(expected),
            "{name}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    }
    // A file cut short is read as far as it goes or refused, never a panic.
    let output = dutyctl().arg("import").arg(&cut).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("internal error"), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0) | Some(2)),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// Conventions users know (issue 10): quiet and verbose batches, a quiet diff, colour on request.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_batch_counts_warnings_per_file_unless_asked_for_every_line_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        fixtures().join("table_first_leads.txt"),
        fixtures().join("leader_division_gb18030.txt"),
        fixtures().join("duty_list.txt"),
    ];
    let run = |flags: &[&str]| {
        let output = dutyctl()
            .arg("import")
            .args(flags)
            .args(&inputs)
            .arg("-o")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stderr).unwrap()
    };
    let counted = run(&[]);
    assert!(
        counted.contains("table_first_leads.txt: 5 warning(s)")
            && counted.contains("leader_division_gb18030.txt: 1 warning(s)"),
        "{counted}"
    );
    assert!(
        counted.contains("6 warning(s) in 2 of 3 files"),
        "{counted}"
    );
    assert_eq!(counted.lines().count(), 3, "{counted}");
    let every = run(&["-v"]);
    assert_eq!(every.lines().count(), 6, "{every}");
    assert!(every.contains("table_first_leads.txt:"), "{every}");
    assert_eq!(run(&["-q"]), "");
    // One file prints its warnings as before; -q silences them too.
    let single = dutyctl().arg("import").arg(&inputs[0]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&single.stderr).lines().count(), 5);
    let quiet = dutyctl()
        .args(["import", "-q"])
        .arg(&inputs[0])
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty() && !quiet.stdout.is_empty());
}

#[test]
fn a_quiet_diff_prints_nothing_and_answers_by_its_exit_status() {
    let (a, b) = (
        fixtures().join("duty_list.txt"),
        fixtures().join("duty_list_by_department.txt"),
    );
    for (old, new, code) in [(&a, &a, 0), (&a, &b, 1)] {
        let output = dutyctl()
            .args(["diff", "--quiet"])
            .arg(old)
            .arg(new)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(code));
        assert!(output.stdout.is_empty() && output.stderr.is_empty());
    }
    let coloured = |choice: &str| {
        let output = dutyctl()
            .args(["diff", "--color", choice])
            .arg(&a)
            .arg(&b)
            .output()
            .unwrap();
        output.stdout.contains(&0x1b)
    };
    assert!(coloured("always"), "--color always colours a pipe");
    assert!(!coloured("never") && !coloured("auto"), "a pipe is plain");
}

#[test]
fn a_folder_is_read_at_every_depth_into_the_same_structure() {
    let dir = tempfile::tempdir().unwrap();
    let notices = dir.path().join("通知");
    std::fs::create_dir_all(notices.join("二季度")).unwrap();
    std::fs::create_dir_all(notices.join(".cache")).unwrap();
    let notice = fixtures().join("duty_list.txt");
    std::fs::copy(&notice, notices.join("a.txt")).unwrap();
    std::fs::copy(&notice, notices.join("二季度/a.txt")).unwrap();
    std::fs::copy(&notice, notices.join(".cache/hidden.txt")).unwrap();
    std::fs::copy(
        fixtures().join("table_merged_cells_excel.xlsx"),
        notices.join("二季度/表.xlsx"),
    )
    .unwrap();
    std::fs::write(notices.join("说明.md"), "not a notice").unwrap();
    // The output folder inside the input folder is not read back on a second run.
    let out = notices.join("registers");
    for _ in 0..2 {
        dutyctl()
            .arg("import")
            .arg(&notices)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
    }
    let mut written: Vec<String> = walk(&out)
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    written.sort();
    assert_eq!(written, ["a.yaml", "二季度/a.yaml", "二季度/表.yaml"]);
    assert_eq!(
        content_of(&std::fs::read_to_string(out.join("二季度/a.yaml")).unwrap()),
        content_of(&import_stdout(&notice))
    );
    dutyctl()
        .arg("import")
        .arg(&notices)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give -o FOLDER/"));
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

// ---------------------------------------------------------------------------------------------
// Interrupts: Ctrl+C, kill and a closed terminal leave no temporary file behind.
// ---------------------------------------------------------------------------------------------

/// Starts `dutyctl ARGS` held just before it gives its written bytes the output's name (a
/// debug-build hook that says so on standard error), waits until it is held, sends `signal`,
/// and returns how the process ended and what `dir` holds afterwards.
#[cfg(unix)]
fn interrupted_while_writing(
    args: &[&std::ffi::OsStr],
    dir: &Path,
    signal: &str,
) -> (std::process::ExitStatus, Vec<PathBuf>) {
    use std::os::unix::process::CommandExt;
    let binary = assert_cmd::cargo::cargo_bin("dutyctl");
    let mut command = std::process::Command::new(binary);
    command
        .args(args)
        .env("DUTYCTL_TEST_PAUSE_BEFORE_RENAME_MS", "20000")
        .stderr(std::process::Stdio::piped());
    // The test may itself run with a signal ignored (under nohup, or as a shell's background
    // job), which the child would inherit and keep: it starts with the default disposition.
    // SAFETY: signal() is async-signal-safe, as a pre_exec closure must be.
    unsafe {
        command.pre_exec(|| {
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                libc::signal(signal, libc::SIG_DFL);
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("dutyctl starts");
    // The hook's line comes once the bytes are written and before they are named; a run that
    // ends without it fails here rather than hanging.
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut said = String::new();
    while !said.contains("paused before naming the output") {
        let mut line = String::new();
        let read = std::io::BufRead::read_line(&mut stderr, &mut line).expect("stderr reads");
        assert!(read > 0, "dutyctl ended without pausing: {said}");
        said.push_str(&line);
    }
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let status = child.wait().expect("dutyctl ends");
    (status, walk(dir))
}

#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_and_no_output() {
    use std::os::unix::process::ExitStatusExt;
    let notice = fixtures().join("duty_list.txt");
    // A new output (written unnamed) leaves nothing; a file that stood at the output's name is
    // untouched by an interrupted replacement, whose named temporary the handler removes.
    for old in [None, Some("old register\n")] {
        for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("register.yaml");
            if let Some(old) = old {
                std::fs::write(&out, old).unwrap();
            }
            let (status, left) = interrupted_while_writing(
                &[
                    "import".as_ref(),
                    notice.as_os_str(),
                    "-o".as_ref(),
                    out.as_os_str(),
                ],
                dir.path(),
                signal,
            );
            assert_eq!(
                status.signal(),
                Some(number),
                "SIG{signal} ends the run as itself"
            );
            let expected: Vec<PathBuf> = old.iter().map(|_| out.clone()).collect();
            assert_eq!(left, expected, "SIG{signal} left files behind ({old:?})");
            if let Some(old) = old {
                assert_eq!(std::fs::read_to_string(&out).unwrap(), old);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Web pages, the rest of issue 12: a page nested past the limit is refused in one line naming
// it, a 10 MB page reads through (bench/html.sh times both), and the 文号 and dates of the page's
// information block fill the register where the article body lacks them.
// ---------------------------------------------------------------------------------------------

/// A made-up notice page as a CMS publishes Word's markup: `sections` headings of `measures`
/// measures each (at most 99 of either), every measure assigned, inside a site's navigation and
/// footer.
fn word_notice_page(sections: usize, measures: usize) -> String {
    let run = |text: &str| {
        format!(
            "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>{text}</span><span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n"
        )
    };
    let mut page = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>关于做好汛期安全防范工作的通知_青川县人民政府</title></head>\n<body><div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/tzgg/\">通知公告</a></li></ul></div>\n<div class=\"article\"><h1>关于做好汛期安全防范工作的通知</h1>\n<div id=\"zoom\"><div class=WordSection1>\n",
    );
    page.push_str(&run("各乡镇人民政府，县直各单位："));
    for s in 1..=sections {
        let heading = dutyctl::normalize::chinese_numeral(s as u32);
        page.push_str(&run(&format!("<b>{heading}、第{s}项重点工作</b>")));
        for m in 1..=measures {
            let number = dutyctl::normalize::chinese_numeral(m as u32);
            page.push_str(&run(&format!(
                "（{number}）开展第{s}类第{m}项隐患排查。{}（县应急管理局牵头，县住建局、县交通运输局配合）",
                "对重点行业领域开展全面排查，建立问题清单和整改台账，逐项落实整改措施。".repeat(7)
            )));
        }
    }
    page.push_str("</div></div></div>\n<div class=\"footer\">主办单位：青川县人民政府办公室</div></body></html>\n");
    page
}

#[test]
fn a_page_nested_past_the_limit_is_refused_in_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let notice = "<p>一、加强隐患排查。（县应急管理局牵头）</p>";
    for (name, open, close) in [
        ("divs.html", "<div>", "</div>"),
        ("tables.html", "<table><tr><td>", "</td></tr></table>"),
        ("bold.html", "<b>", ""),
    ] {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8></head><body>{}{notice}{}</body></html>",
                open.repeat(100_000),
                close.repeat(100_000)
            ),
        )
        .unwrap();
        let output = dutyctl().arg("import").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!(
                "dutyctl: {}: refused: the page nests its elements more than 1000 deep\n",
                path.display()
            )
        );
        assert!(output.stdout.is_empty(), "{name}: nothing written");
    }
    // Deeper than any site's layout, within the limit: read.
    let path = dir.path().join("layout.html");
    std::fs::write(
        &path,
        format!(
            "<html><body>{}{notice}{}</body></html>",
            "<table><tr><td><div>".repeat(100),
            "</div></td></tr></table>".repeat(100)
        ),
    )
    .unwrap();
    let yaml = import_stdout(&path);
    assert_eq!(register(&yaml)["tasks"][0]["lead"][0], "县应急管理局");
}

#[test]
fn a_ten_megabyte_page_reads_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    let page = word_notice_page(99, 99);
    assert!(page.len() > 10 << 20, "{} bytes", page.len());
    std::fs::write(&path, &page).unwrap();
    let yaml = import_stdout(&path);
    let tasks = register(&yaml)["tasks"].as_sequence().unwrap().clone();
    assert_eq!(tasks.len(), 99 * 99);
    let last = &tasks[tasks.len() - 1];
    assert_eq!(last["seq"], "（九十九）");
    assert_eq!(last["section"][0], "九十九、第99项重点工作");
    assert_eq!(last["support"][1], "县交通运输局");
    // Five lines of site and title, the salutation, then a line per heading and measure.
    assert_eq!(last["source"]["line"], 5 + 1 + 99 + 99 * 99);
}

#[test]
fn a_pages_information_block_gives_the_doc_number_date_and_issuer_its_article_leaves_out() {
    let page = content_of(&import_stdout(
        &fixtures().join("outline_web_page_info_block.html"),
    ));
    let printed = content_of(&import_stdout(
        &fixtures().join("outline_web_page_info_block_copied.txt"),
    ));
    assert_eq!(page["document"]["doc_number"], "松政办〔2025〕6号");
    assert_eq!(
        page["document"]["date"], "2025-02-26",
        "the 成文日期, not the 发布日期 (2025-03-03), a related article's or the script's"
    );
    // The page signs without a date under its signature, which is how a notice names its
    // issuer: the 发布机构 of its information block names it instead.
    assert_eq!(page["document"]["issuer"], "松溪县人民政府办公室");
    assert_eq!(page, printed);
}

// ---------------------------------------------------------------------------------------------
// Registers read back without the YAML library (issue 11): YAML as dutyctl writes it goes
// through the subset reader, and `check`, `diff` and `export` answer exactly as they do for the
// same register on the same lines in a form only serde_yaml reads (double-quoted titles).
// ---------------------------------------------------------------------------------------------

/// `text` with each plain `title:` value double-quoted: the same register on the same lines,
/// which the subset reader declines.
fn with_double_quoted_titles(text: &str) -> String {
    text.lines()
        .map(|line| {
            let quoted = line.split_once("title: ").filter(|(indent, value)| {
                indent.trim_start_matches(['-', ' ']).is_empty()
                    && *value != "null"
                    && !value.starts_with(['\'', '|', '"'])
                    && !value.contains(['"', '\\', '#'])
            });
            match quoted {
                Some((indent, value)) => format!("{indent}title: \"{value}\"\n"),
                None => format!("{line}\n"),
            }
        })
        .collect()
}

/// The golden `name` with `edit` applied to each line (`None` drops it), in task order.
fn edited_golden(name: &str, edit: impl Fn(usize, &str) -> Option<String>) -> String {
    let golden = std::fs::read_to_string(fixtures().join(name)).unwrap();
    let mut task = 0;
    let mut out = String::new();
    for line in golden.lines() {
        if line.starts_with("- id: ") {
            task += 1;
        }
        if let Some(line) = edit(task, line) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn check_reports_alike_whichever_reader_reads_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        (
            "clean",
            edited_golden("duty_list.yaml", |_, l| Some(l.into())),
        ),
        (
            // Edited by hand: comments, a document start, extra spaces after a colon.
            "commented",
            "# 责任分解表（修订稿）\n---\n".to_string()
                + &edited_golden("table_merged_cells.yaml", |task, l| match (task, l) {
                    (1, l) if l.starts_with("  deadline:") => {
                        Some(format!("{l}  # 待定\n  # 以下照旧"))
                    }
                    (2, l) if l.starts_with("  seq:") => Some(l.replace(": ", ":    ")),
                    _ => Some(l.into()),
                }),
        ),
        (
            // Keys missing and dates that are no dates: found in the tree, not by the parser.
            "missing",
            edited_golden("duty_list.yaml", |task, l| match (task, l) {
                (1, l) if l.starts_with("  deadline:") => None,
                (2, l) if l.starts_with("  due:") => Some("  due: 2024-13-45".into()),
                (0, l) if l.starts_with("  date:") => Some("  date: 2023-02-30".into()),
                _ => Some(l.into()),
            }),
        ),
        (
            // Wrong types: serde_yaml locates the first, each part is checked for the rest.
            "broken",
            edited_golden("duty_list.yaml", |task, l| match (task, l) {
                (1 | 3, "  lead: []") => Some("  lead: 7".into()),
                (2, "  persons: []") => None,
                _ => Some(l.into()),
            }),
        ),
    ];
    for (name, text) in variants {
        let quoted = with_double_quoted_titles(&text);
        assert_ne!(quoted, text, "{name}: no title to quote");
        let (fast, slow) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&fast, &text).unwrap();
        std::fs::write(&slow, &quoted).unwrap();
        for format in ["text", "json"] {
            let args = ["--today", "2024-07-01", "--format", format];
            let (code, out) = check(&[&fast], &args);
            let (slow_code, slow_out) = check(&[&slow], &args);
            assert_eq!(code, slow_code, "{name}: {out}");
            assert_eq!(out, slow_out.replace("b.yaml", "a.yaml"), "{name}");
            match name {
                "clean" | "commented" => assert!(!out.contains("schema"), "{name}: {out}"),
                "missing" => {
                    assert!(out.contains("missing key `deadline`"), "{out}");
                    assert!(out.contains("`2024-13-45` is not a date"), "{out}");
                    assert!(out.contains("`2023-02-30` is not a date"), "{out}");
                }
                _ => {
                    assert!(out.contains("tasks[0].lead"), "{out}");
                    assert!(out.contains("tasks[2].lead"), "{out}");
                    assert!(out.contains("tasks[1]: missing key `persons`"), "{out}");
                }
            }
        }
    }
}

#[test]
fn diff_and_export_read_a_register_as_the_yaml_library_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    // Literal blocks, quoted numbers, items and people, as dutyctl wrote them, and a literal
    // with an empty and an indented line, as dutyctl would write it.
    let merged = std::fs::read_to_string(fixtures().join("table_merged_cells.yaml")).unwrap();
    let literal = merged.replacen(
        "  text: 排查工贸企业。一是摸清底数。二是建立台账。\n",
        "  text: |-\n    排查工贸企业。\n\n    一是摸清底数。\n      二是建立台账。\n",
        1,
    );
    assert_ne!(literal, merged);
    for (golden, text) in [
        "leader_division_gb18030.yaml",
        "table_merged_cells.yaml",
        "outline_items_closed_by_assignment.yaml",
    ]
    .map(|name| {
        (
            name,
            std::fs::read_to_string(fixtures().join(name)).unwrap(),
        )
    })
    .into_iter()
    .chain([("literal", literal)])
    {
        let quoted = with_double_quoted_titles(&text);
        assert_ne!(quoted, text, "{golden}: no title to quote");
        let (fast, slow) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&fast, &text).unwrap();
        std::fs::write(&slow, &quoted).unwrap();
        dutyctl()
            .args(["diff", "--quiet"])
            .arg(&fast)
            .arg(&slow)
            .assert()
            .code(0);
        let json = |path: &Path| {
            let output = dutyctl()
                .arg("export")
                .arg(path)
                .args(["--format", "json", "-o", "-"])
                .output()
                .unwrap();
            assert!(output.status.success(), "{golden}");
            output.stdout
        };
        assert_eq!(json(&fast), json(&slow), "{golden}");
        // And the register dutyctl writes again is the golden, byte for byte.
        let output = dutyctl()
            .arg("export")
            .arg(&fast)
            .args(["--format", "yaml", "-o", "-"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(output.stdout).unwrap(), text, "{golden}");
    }
    // A change in one task shows as that change, read from both forms.
    let text = std::fs::read_to_string(fixtures().join("table_merged_cells.yaml")).unwrap();
    let changed = text.replacen("  - 区市场监管局\n", "  - 区住建局\n", 1);
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, with_double_quoted_titles(&text)).unwrap();
    std::fs::write(&new, &changed).unwrap();
    let output = dutyctl().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(report.contains("区住建局"), "{report}");
}
