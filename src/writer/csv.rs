//! The register as CSV: one row per task (or per item), the printed columns plus 章节 and ID,
//! lists joined with 、. UTF-8 with a BOM so Excel opens it right, or GBK for old systems.

use super::view::{self, Row};
use super::{CsvEncoding, WriteError, WriteOptions};
use crate::model::Register;
use crate::vocab::{Column, SECTION_SEPARATOR, printed_header};

pub fn write(register: &Register, options: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    let columns = view::columns(register, options);
    let unit = options.unit.as_deref();
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<&str> = columns.iter().map(|c| c.header()).collect();
    // The two columns a flat table adds; the readers know them.
    header.extend([printed_header(Column::Section), printed_header(Column::Id)]);
    out.write_record(&header).map_err(csv_error)?;
    for row in view::rows(register, options.expand_items) {
        let Row::Task { task, item } = row else {
            continue;
        };
        let mut record: Vec<String> = columns
            .iter()
            .map(|c| c.values(task, item, unit).join("、"))
            .collect();
        record.push(task.section.join(SECTION_SEPARATOR));
        record.push(match item {
            Some(item) => format!("{}.{}", task.id, item.label),
            None => task.id.clone(),
        });
        out.write_record(&record).map_err(csv_error)?;
    }
    let text = String::from_utf8(out.into_inner().map_err(|e| WriteError(e.to_string()))?)
        .map_err(|e| WriteError(e.to_string()))?;
    encode(&text, options.csv_encoding)
}

/// CSV bytes for a pipe: the UTF-8 byte-order mark, which only Excel needs, removed.
pub fn without_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    bytes
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_error(e: csv::Error) -> WriteError {
    WriteError(format!("csv: {e}"))
}

fn encode(text: &str, encoding: CsvEncoding) -> Result<Vec<u8>, WriteError> {
    match encoding {
        CsvEncoding::Utf8 => {
            let mut bytes = UTF8_BOM.to_vec();
            bytes.extend_from_slice(text.as_bytes());
            Ok(bytes)
        }
        CsvEncoding::Gbk => {
            if let Some((line, c)) = text
                .lines()
                .enumerate()
                .find_map(|(i, l)| l.chars().find(|c| !gbk_can_encode(*c)).map(|c| (i + 1, c)))
            {
                return Err(WriteError(format!(
                    "`{c}` on CSV line {line} has no GBK encoding; write UTF-8 instead"
                )));
            }
            Ok(encoding_rs::GBK.encode(text).0.into_owned())
        }
    }
}

fn gbk_can_encode(c: char) -> bool {
    let mut buffer = [0u8; 4];
    let (_, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buffer));
    !unmappable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_refuses_characters_it_cannot_hold() {
        assert!(encode("市应急管理局", CsvEncoding::Gbk).is_ok());
        let err = encode("序号\n𠀀局", CsvEncoding::Gbk).unwrap_err();
        assert!(err.0.contains("line 2"), "{}", err.0);
        assert!(
            encode("a", CsvEncoding::Utf8)
                .unwrap()
                .starts_with(b"\xEF\xBB\xBF")
        );
    }
}
