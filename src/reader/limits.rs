//! Bounds on what the parsers are handed, checked before a parser that trusts its input builds
//! anything from it.
//!
//! calamine builds a dense range over the bounding box of a sheet's cells (one value at A1 and
//! one at XFD1048576 ask for 17 billion cells), reserves what a shared-string table declares,
//! overflows on cell references past `XFD1048576`, and loops for ever on an .ods whose tables do
//! not close. So a workbook's XML is read here first, in one streaming pass, and refused with a
//! one-line error when it is malformed or larger than dutyctl reads. YAML aliases can repeat one
//! long string many times over; a register's expanded size is bounded the same way.

use crate::error::ReadError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

/// The largest input file read, in bytes. Notices are kilobytes and registers a few megabytes;
/// past this the readers' working memory (about ten times the input) is no longer small.
pub const INPUT_LIMIT: u64 = 64 * 1024 * 1024;

/// The most cells a workbook's sheets may span together (their bounding boxes, empty cells
/// inside them included): 100,000 rows of 20 columns. Each costs some 90 bytes while read.
pub const CELL_LIMIT: u64 = 2_000_000;

/// The most text, in bytes, a YAML register may expand to through its aliases.
pub const REGISTER_EXPANSION_LIMIT: usize = 64 * 1024 * 1024;

/// The most pages a PDF may have (a 300-page report reads in well under a second).
pub const PDF_PAGE_LIMIT: usize = 5_000;

/// The most content-stream operations a PDF's pages may run together, forms they draw as often
/// as they draw them (a page of text is a few thousand).
pub const PDF_OPERATION_LIMIT: u64 = 20_000_000;

/// The most glyphs a PDF's pages may show together (a dense page holds some 3,000).
pub const PDF_GLYPH_LIMIT: u64 = 5_000_000;

/// The most bytes of content streams a PDF may decompress to, all pages together, and any one
/// stream of it.
pub const PDF_CONTENT_LIMIT: usize = 256 * 1024 * 1024;

/// The most elements a web page may nest inside one another. Pages that government sites
/// publish nest a few dozen (Word's markup inside a CMS's layout); the HTML5 tree builder's
/// work for each start tag grows with the depth, so a page nested without bound is refused
/// rather than parsed in time quadratic in its depth.
pub const HTML_DEPTH_LIMIT: usize = 1_000;

/// Excel's grid: columns A..XFD, rows 1..1048576.
const MAX_COLUMNS: u32 = 16_384;
const MAX_ROWS: u32 = 1_048_576;

/// How many bytes of one zip member are inflated at most, as the docx reader does.
const MEMBER_LIMIT: u64 = crate::reader::docx::MEMBER_LIMIT;

/// Checks a workbook of any kind calamine reads before it is opened.
pub fn check_workbook(
    bytes: &[u8],
    kind: crate::reader::workbook::WorkbookKind,
) -> Result<(), ReadError> {
    use crate::reader::workbook::WorkbookKind;
    match kind {
        WorkbookKind::Xlsx => check_xlsx(bytes),
        WorkbookKind::Ods => check_ods(bytes),
        WorkbookKind::Xls => check_xls(bytes),
    }
}

fn over_limit(what: String) -> ReadError {
    ReadError::OverLimit(what)
}

fn damaged(what: String) -> ReadError {
    ReadError::Corrupt(what)
}

/// Checks an .xlsx/.xlsm before calamine opens it: every worksheet's cell references, rows,
/// dimension and merged regions lie in Excel's grid, the sheets together span at most
/// [`CELL_LIMIT`] cells, and the shared-string table declares no more strings than it holds.
pub fn check_xlsx(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a readable zip archive: {e}")))?;
    let mut cells = 0u64;
    for index in 0..archive.len() {
        let member = archive
            .by_index(index)
            .map_err(|e| damaged(format!("zip entry {index}: {e}")))?;
        let name = member.name().unwrap_or_default().to_string();
        // Any XML part may be a sheet: calamine follows the relationships, not the names.
        if !name.ends_with(".xml") {
            continue;
        }
        let mut sheet = SheetScan::new();
        scan_xml(&name, member.take(MEMBER_LIMIT), |event| sheet.event(event))?;
        cells = cells.saturating_add(sheet.cells());
        if cells > CELL_LIMIT {
            return Err(over_limit(format!(
                "the sheets span more than {CELL_LIMIT} cells ({name} reaches {})",
                sheet.extent()
            )));
        }
    }
    Ok(())
}

/// Checks an .ods before calamine opens it: content.xml is well-formed (every table closes)
/// and its tables, with repeated rows and columns expanded, span at most [`CELL_LIMIT`] cells.
pub fn check_ods(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a readable zip archive: {e}")))?;
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(()); // calamine reports the missing part itself
    };
    let mut tables = OdsScan::default();
    scan_xml("content.xml", content.take(MEMBER_LIMIT), |event| {
        tables.event(event)
    })?;
    if tables.cells > CELL_LIMIT {
        return Err(over_limit(format!(
            "the tables span {} cells, more than the {CELL_LIMIT} dutyctl reads",
            tables.cells
        )));
    }
    Ok(())
}

/// Checks an .xls's compound-file header before calamine reads it: a sector size the format
/// has, and the FAT, DIFAT and directory sectors it names inside the file (calamine asserts on
/// a FAT sector cut short by the end of the file).
pub fn check_xls(bytes: &[u8]) -> Result<(), ReadError> {
    let broken = |what: &str| damaged(format!("not a readable Excel 97-2003 file: {what}"));
    if bytes.len() < 512 {
        return Err(broken("shorter than its header"));
    }
    let u32_at = |offset: usize| {
        u32::from_le_bytes([
            bytes[offset],
            bytes[offset + 1],
            bytes[offset + 2],
            bytes[offset + 3],
        ])
    };
    let sector = match u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]) {
        9 => 512,
        12 => 4096,
        _ => return Err(broken("its sector size is neither 512 nor 4096 bytes")),
    };
    // Sector n starts after the header, which takes one sector.
    let inside = |id: u32| (id as usize + 2).saturating_mul(sector) <= bytes.len();
    const LAST_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;
    let named = (0..109)
        .map(|i| u32_at(0x4C + 4 * i))
        .chain([u32_at(0x30), u32_at(0x44)]);
    for id in named {
        if id < LAST_REGULAR_SECTOR && !inside(id) {
            return Err(broken(&format!(
                "sector {id} lies past the end of the file"
            )));
        }
    }
    check_xls_cells(bytes)
}

/// Checks the cells an .xls's workbook stream holds before calamine reads it: calamine reserves
/// what a sheet's DIMENSIONS record declares and builds a dense range over the box of its cells,
/// so both must lie in the .xls grid and span at most [`CELL_LIMIT`] cells together.
fn check_xls_cells(bytes: &[u8]) -> Result<(), ReadError> {
    let broken = |what: String| damaged(format!("not a readable Excel 97-2003 file: {what}"));
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    let Some(path) = file
        .read_root_storage()
        .filter(|e| e.is_stream())
        .find(|e| {
            ["Workbook", "Book"]
                .iter()
                .any(|n| e.name().eq_ignore_ascii_case(n))
        })
        .map(|e| e.path().to_path_buf())
    else {
        return Ok(()); // calamine names the missing stream itself
    };
    let mut file = file;
    let mut stream = Vec::new();
    file.open_stream(&path)
        .map_err(|e| broken(e.to_string()))?
        .take(INPUT_LIMIT)
        .read_to_end(&mut stream)
        .map_err(|e| broken(e.to_string()))?;
    check_biff_stream(&stream).map_err(broken)
}

/// One BIFF record as calamine reads it: kind, data, and the data of the CONTINUE records that
/// follow it.
struct BiffRecord<'a> {
    kind: u16,
    data: &'a [u8],
    continues: Vec<&'a [u8]>,
}

/// The BIFF records of a workbook stream from `at` on, read as calamine's record iterator reads
/// them: CONTINUE records are gathered into the record before them, and a record cut short by
/// the end of the stream ends the reading (calamine reports it itself).
fn biff_records(stream: &[u8], mut at: usize) -> impl Iterator<Item = BiffRecord<'_>> {
    let u16_at = |o: usize| u16::from_le_bytes([stream[o], stream[o + 1]]);
    let record_end = move |at: usize| {
        let len = usize::from(u16_at(at + 2));
        (stream.len() >= at + 4 + len).then_some(at + 4 + len)
    };
    std::iter::from_fn(move || {
        if stream.len() < at.checked_add(4)? {
            return None;
        }
        let end = record_end(at)?;
        let record = BiffRecord {
            kind: u16_at(at),
            data: &stream[at + 4..end],
            continues: Vec::new(),
        };
        at = end;
        let mut record = record;
        while stream.len() > at + 4 && u16_at(at) == 0x003C {
            let end = record_end(at)?;
            record.continues.push(&stream[at + 4..end]);
            at = end;
        }
        Some(record)
    })
}

/// Walks the shared strings (SST and its CONTINUE records) as calamine reads them, for the
/// places where it would index past a record: a string's run count or extension size cut off
/// by the record's end, a string continued into an empty CONTINUE record.
fn check_shared_strings(record: &BiffRecord) -> Result<(), String> {
    let cut = || "the shared strings are cut short inside a string".to_string();
    let Some(mut data) = record.data.get(8..) else {
        return Ok(()); // calamine refuses a short SST itself
    };
    let mut continues = record.continues.iter();
    loop {
        if data.is_empty() {
            match continues.next() {
                Some(next) => data = next,
                None => return Ok(()),
            }
            continue;
        }
        if data.len() < 3 {
            return Ok(()); // calamine's own error
        }
        let mut left = usize::from(u16::from_le_bytes([data[0], data[1]]));
        let flags = data[2];
        data = &data[3..];
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let runs = data.get(..2).ok_or_else(cut)?;
            skip += 4 * usize::from(u16::from_le_bytes([runs[0], runs[1]]));
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let size = data.get(..4).ok_or_else(cut)?;
            skip = skip
                .saturating_add(i32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize);
            data = &data[4..];
        }
        let mut wide = flags & 0x1 != 0;
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let taken = left.min(data.len() / width);
            data = &data[taken * width..];
            left -= taken;
            if left > 0 {
                let Some(next) = continues.next() else {
                    return Ok(()); // calamine's own error
                };
                let (&flag, rest) = next.split_first().ok_or_else(cut)?;
                wide = flag & 0x1 != 0;
                data = rest;
            }
        }
        // The runs and the extension are skipped across CONTINUE records.
        while skip > 0 {
            if data.is_empty() {
                match continues.next() {
                    Some(next) => data = next,
                    None => return Ok(()), // calamine's own error
                }
            }
            let taken = skip.min(data.len());
            data = &data[taken..];
            skip -= taken;
        }
    }
}

/// Reads the workbook stream as calamine will: the globals from the start, then each sheet
/// from the position its BOUNDSHEET record gives, to its EOF record.
fn check_biff_stream(stream: &[u8]) -> Result<(), String> {
    let mut sheet_starts = Vec::new();
    for record in biff_records(stream, 0) {
        let data = record.data;
        match record.kind {
            0x00FC => check_shared_strings(&record)?,
            // BOUNDSHEET: where the sheet's substream starts.
            0x0085 => {
                if let Some(b) = data.get(0..4) {
                    let start = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
                    if start > stream.len() {
                        return Err(format!(
                            "a sheet starts at byte {start}, past the end of the workbook stream ({} bytes)",
                            stream.len()
                        ));
                    }
                    sheet_starts.push(start);
                }
            }
            0x000A => break, // EOF of the globals
            _ => {}
        }
    }
    let mut scan = BiffScan::default();
    for start in sheet_starts {
        // Substreams inside a sheet (an embedded chart) hold no cells of it: skipped, as
        // calamine skips them.
        let (mut seen_bof, mut nested) = (false, 0usize);
        for BiffRecord { kind, data, .. } in biff_records(stream, start) {
            match kind {
                0x0809 if seen_bof => nested += 1,
                0x0809 => seen_bof = true,
                0x000A if nested > 0 => nested -= 1,
                0x000A => break,
                _ if nested > 0 => {}
                _ => scan.record(kind, data)?,
            }
        }
        scan.end_sheet()?;
    }
    Ok(())
}

/// The cells of an .xls's sheets, one BIFF record at a time.
#[derive(Default)]
struct BiffScan {
    /// The box of the current sheet's cells: first row, last row, first column, last column.
    bounds: Option<(u32, u32, u32, u32)>,
    cells: u64,
}

impl BiffScan {
    /// The .xls grid: 65,536 rows of 256 columns.
    const ROWS: u32 = 65_536;
    const COLUMNS: u32 = 256;

    fn record(&mut self, kind: u16, data: &[u8]) -> Result<(), String> {
        let u16_at = |o: usize| {
            data.get(o..o + 2)
                .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let u32_at = |o: usize| {
            data.get(o..o + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        match kind {
            // DIMENSIONS: first row, row after the last, first column, column after the last.
            0x0200 => {
                let (first_row, end_row, first_col, end_col) = if data.len() == 10 {
                    (u16_at(0), u16_at(2), u16_at(4), u16_at(6))
                } else {
                    (u32_at(0), u32_at(4), u16_at(8), u16_at(10))
                };
                let (Some(first_row), Some(end_row), Some(first_col), Some(end_col)) =
                    (first_row, end_row, first_col, end_col)
                else {
                    return Ok(()); // calamine refuses a short record itself
                };
                let first_col = if first_col > end_col { 0 } else { first_col };
                if end_row > Self::ROWS || end_col > Self::COLUMNS || first_row > end_row {
                    return Err(format!(
                        "a sheet declares rows {first_row}..{end_row} and columns {first_col}..{end_col}, outside the .xls grid of {} rows and {} columns",
                        Self::ROWS,
                        Self::COLUMNS
                    ));
                }
                let declared = u64::from(end_row - first_row) * u64::from(end_col - first_col);
                if declared > CELL_LIMIT {
                    return Err(format!(
                        "a sheet declares {declared} cells, more than the {CELL_LIMIT} dutyctl reads"
                    ));
                }
            }
            // Cell records that start with their row and column.
            0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x00FD | 0x027E | 0x0006 | 0x00D6 => {
                if let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) {
                    self.cover(row, col);
                }
            }
            // MERGEDCELLS: a count, then eight bytes per merged region.
            0x00E5 => {
                let declared = u16_at(0).unwrap_or(0) as usize;
                if data.len() < 2 + 8 * declared {
                    return Err(format!(
                        "a MERGEDCELLS record declares {declared} regions but holds {} bytes",
                        data.len()
                    ));
                }
            }
            // MULRK/MULBLANK: a row, its first column, …, its last column.
            0x00BD | 0x00BE => {
                if let (Some(row), Some(first), Some(last)) =
                    (u16_at(0), u16_at(2), u16_at(data.len().saturating_sub(2)))
                {
                    self.cover(row, first);
                    self.cover(row, last);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn cover(&mut self, row: u32, col: u32) {
        self.bounds = Some(match self.bounds {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    /// Adds the finished sheet's box to the workbook's count.
    fn end_sheet(&mut self) -> Result<(), String> {
        if let Some((r0, r1, c0, c1)) = self.bounds.take() {
            let spanned = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
            self.cells = self.cells.saturating_add(spanned);
            if self.cells > CELL_LIMIT {
                return Err(format!(
                    "the sheets span more than {CELL_LIMIT} cells (one reaches row {}, column {})",
                    r1 + 1,
                    c1 + 1
                ));
            }
        }
        Ok(())
    }
}

/// Streams one XML part through `visit`, requiring it to be well-formed: every element that
/// opens closes, under its own name.
fn scan_xml(
    part: &str,
    source: impl Read,
    mut visit: impl FnMut(&Event) -> Result<(), String>,
) -> Result<(), ReadError> {
    let mut reader = Reader::from_reader(BufReader::new(source));
    let config = reader.config_mut();
    config.check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| damaged(format!("{part}: malformed XML: {e}")))?;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if depth > 0 => {
                return Err(damaged(format!(
                    "{part}: malformed XML: ends inside an element"
                )));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        visit(&event).map_err(|message| damaged(format!("{part}: {message}")))?;
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// A cell reference such as `B7` as 0-based (row, column), only inside Excel's grid.
fn cell_position(reference: &str) -> Option<(u32, u32)> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let (column, row) = reference.split_at(letters);
    if !(1..=3).contains(&column.len()) || row.is_empty() || row.len() > 7 {
        return None;
    }
    let column = column.bytes().fold(0u32, |n, c| {
        n * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
    });
    let row: u32 = row.parse().ok()?;
    ((1..=MAX_COLUMNS).contains(&column) && (1..=MAX_ROWS).contains(&row))
        .then(|| (row - 1, column - 1))
}

/// A range such as `A1:C7` (or one cell), first corner not past the second.
fn range_positions(range: &str) -> Option<((u32, u32), (u32, u32))> {
    let (start, end) = match range.split_once(':') {
        Some((a, b)) => (cell_position(a)?, cell_position(b)?),
        None => (cell_position(range)?, cell_position(range)?),
    };
    (start.0 <= end.0 && start.1 <= end.1).then_some((start, end))
}

/// One worksheet's cells, followed as calamine reads them: a row's `r` sets the row, a cell's
/// `r` its position, and cells without one follow the previous.
struct SheetScan {
    in_sheet_data: bool,
    row: u32,
    column: u32,
    /// The cell being read, and whether it holds a value (calamine keeps only those).
    open_cell: Option<(u32, u32)>,
    bounds: Option<((u32, u32), (u32, u32))>,
    merged_rows: u64,
    /// The shared-string table's declared count, and how many it holds.
    declared_strings: u64,
    strings: u64,
}

impl SheetScan {
    fn new() -> Self {
        SheetScan {
            in_sheet_data: false,
            row: 0,
            column: 0,
            open_cell: None,
            bounds: None,
            merged_rows: 0,
            declared_strings: 0,
            strings: 0,
        }
    }

    fn event(&mut self, event: &Event) -> Result<(), String> {
        match event {
            Event::Start(e) => self.open(e, false),
            // calamine reads `<x/>` as `<x></x>`.
            Event::Empty(e) => {
                self.open(e, true)?;
                self.close(e.local_name().into_inner())
            }
            Event::End(e) => self.close(e.local_name().into_inner()),
            _ => Ok(()),
        }
    }

    fn open(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        match e.local_name().into_inner() {
            "sheetData" => self.in_sheet_data = true,
            "row" if self.in_sheet_data => {
                if let Some(r) = attribute(e, "r") {
                    let row: u32 = r
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_ROWS).contains(n))
                        .ok_or_else(|| format!("row number {r} is outside a worksheet"))?;
                    self.row = row - 1;
                }
            }
            "c" if self.in_sheet_data => {
                let position = match attribute(e, "r") {
                    Some(r) => cell_position(&r).ok_or_else(|| {
                        format!("cell reference {r} is outside a worksheet (A1:XFD1048576)")
                    })?,
                    None if self.column < MAX_COLUMNS && self.row < MAX_ROWS => {
                        (self.row, self.column)
                    }
                    None => return Err("a row runs past column XFD".into()),
                };
                self.column = position.1;
                if !empty {
                    self.open_cell = Some(position);
                }
            }
            "v" | "is" | "f" if self.in_sheet_data => {
                if let Some(position) = self.open_cell.take() {
                    self.include(position);
                }
            }
            "dimension" | "mergeCell" => {
                if let Some(range) = attribute(e, "ref") {
                    let ((top, _), (bottom, _)) = range_positions(&range)
                        .ok_or_else(|| format!("range {range} is not a range of a worksheet"))?;
                    if e.local_name().into_inner() == "mergeCell" {
                        self.merged_rows += u64::from(bottom - top) + 1;
                    }
                }
            }
            "sst" => {
                self.declared_strings = attribute(e, "uniqueCount")
                    .and_then(|n| n.trim().parse().ok())
                    .unwrap_or(0);
            }
            "si" => self.strings += 1,
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &str) -> Result<(), String> {
        match name {
            "sheetData" => self.in_sheet_data = false,
            "row" if self.in_sheet_data => {
                self.row = self.row.saturating_add(1);
                self.column = 0;
            }
            "c" if self.in_sheet_data => {
                self.open_cell = None;
                self.column = self.column.saturating_add(1);
            }
            "sst" if self.declared_strings > self.strings.saturating_add(CELL_LIMIT) => {
                return Err(format!(
                    "declares {} shared strings but holds {}",
                    self.declared_strings, self.strings
                ));
            }
            _ => {}
        }
        Ok(())
    }

    fn include(&mut self, (row, column): (u32, u32)) {
        self.bounds = Some(match self.bounds {
            None => ((row, column), (row, column)),
            Some(((top, left), (bottom, right))) => (
                (top.min(row), left.min(column)),
                (bottom.max(row), right.max(column)),
            ),
        });
    }

    /// The cells calamine's dense range holds for this sheet, and the rows merged regions
    /// make the grid reader walk.
    fn cells(&self) -> u64 {
        let spanned = self.bounds.map_or(0, |((top, left), (bottom, right))| {
            u64::from(bottom - top + 1) * u64::from(right - left + 1)
        });
        spanned.saturating_add(self.merged_rows)
    }

    fn extent(&self) -> String {
        match self.bounds {
            Some((start, end)) => format!(
                "{}:{}",
                crate::document::cell_name(start.0 as usize, start.1 as usize),
                crate::document::cell_name(end.0 as usize, end.1 as usize)
            ),
            None => format!("{} merged rows", self.merged_rows),
        }
    }
}

/// An .ods content.xml's tables, with repeats expanded as calamine expands them: the rows from
/// the first to the last with a value, each as wide as the widest, and every value cell a row
/// repeats across columns.
#[derive(Default)]
struct OdsScan {
    cells: u64,
    /// In the current table: rows so far (repeats expanded), the last row with a value, the
    /// widest row, and the cells calamine has pushed so far.
    rows: u64,
    last_row_with_value: Option<u64>,
    first_row_with_value: Option<u64>,
    widest: u64,
    pushed: u64,
    /// In the current row: its repeat count, width so far, and width up to its last value.
    row_repeats: u64,
    row_width: u64,
    row_used_width: u64,
    /// The cell being read: its column repeat count, and whether it holds a value yet.
    cell: Option<(u64, bool)>,
}

impl OdsScan {
    fn event(&mut self, event: &Event) -> Result<(), String> {
        match event {
            Event::Start(e) => self.open(e, false),
            Event::Empty(e) => {
                self.open(e, true)?;
                self.close(e.name().into_inner());
                Ok(())
            }
            Event::End(e) => {
                self.close(e.name().into_inner());
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn repeats(e: &BytesStart, name: &str) -> Result<u64, String> {
        match attribute(e, name) {
            None => Ok(1),
            Some(n) => n
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("{name}=\"{n}\" is not a count")),
        }
    }

    fn open(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        match e.name().into_inner() {
            "table:table" => {
                self.rows = 0;
                self.first_row_with_value = None;
                self.last_row_with_value = None;
                self.widest = 0;
                self.pushed = 0;
            }
            "table:table-row" => {
                self.row_repeats =
                    Self::repeats(e, "table:number-rows-repeated")?.min(u64::from(MAX_ROWS));
                self.row_width = 0;
                self.row_used_width = 0;
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats =
                    Self::repeats(e, "table:number-columns-repeated")?.min(u64::from(MAX_COLUMNS));
                let valued = attribute(e, "office:value-type").is_some()
                    || attribute(e, "table:formula").is_some();
                self.cell = Some((repeats, valued));
                if empty {
                    self.end_cell();
                }
            }
            _ => {
                // Any element inside a cell (text:p) gives it a value.
                if let Some((repeats, _)) = self.cell {
                    self.cell = Some((repeats, true));
                }
            }
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        if let Some((repeats, valued)) = self.cell.take() {
            self.row_width = (self.row_width + repeats).min(u64::from(MAX_COLUMNS));
            if valued {
                self.row_used_width = self.row_width;
            }
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "table:table-cell" | "table:covered-table-cell" => self.end_cell(),
            "table:table-row" => {
                self.pushed += self.row_used_width;
                if self.row_used_width > 0 {
                    self.first_row_with_value.get_or_insert(self.rows);
                    self.last_row_with_value = Some(self.rows + self.row_repeats - 1);
                    self.widest = self.widest.max(self.row_used_width);
                }
                self.rows = (self.rows + self.row_repeats).min(u64::from(MAX_ROWS));
            }
            "table:table" => {
                let spanned = match (self.first_row_with_value, self.last_row_with_value) {
                    (Some(first), Some(last)) => (last + 1 - first.min(last)) * self.widest,
                    _ => 0,
                };
                self.cells = self.cells.saturating_add(spanned.max(self.pushed));
            }
            _ => {}
        }
    }
}

/// Bounds the text a YAML register expands to. Aliases replay their anchor's node: a 1.5 MB
/// string repeated 20,000 times in a legal field is 30 GB. Walking the document once without
/// keeping anything costs nothing, and only documents that have aliases need the walk.
pub fn check_yaml_expansion(text: &str) -> Result<(), String> {
    if !(text.contains('&') && text.contains('*')) {
        return Ok(());
    }
    use serde::de::DeserializeSeed;
    let budget = ExpansionBudget {
        left: std::cell::Cell::new(REGISTER_EXPANSION_LIMIT),
    };
    match (&budget).deserialize(serde_yaml::Deserializer::from_str(text)) {
        Err(_) if budget.left.get() == 0 => Err(format!(
            "its aliases expand it past {} MB of text",
            REGISTER_EXPANSION_LIMIT / (1024 * 1024)
        )),
        // Any other problem is the schema check's to report, with its location.
        _ => Ok(()),
    }
}

/// Counts the bytes of every scalar a YAML document replays, failing once past the budget.
struct ExpansionBudget {
    left: std::cell::Cell<usize>,
}

impl ExpansionBudget {
    fn spend<E: serde::de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.left.get().checked_sub(bytes + 1) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.left.set(0);
                Err(E::custom("expansion budget spent"))
            }
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &ExpansionBudget {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &ExpansionBudget {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(8)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(8)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(8)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        serde::de::DeserializeSeed::deserialize(self, d)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        serde::de::DeserializeSeed::deserialize(self, d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One BIFF record: kind, length, data.
    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = kind.to_le_bytes().to_vec();
        bytes.extend((data.len() as u16).to_le_bytes());
        bytes.extend(data);
        bytes
    }

    fn bof_len() -> usize {
        4 + 16
    }

    /// A workbook stream: globals naming one sheet at the position they are given (or right
    /// after them), then that sheet's records between its BOF and EOF.
    fn workbook_stream(sheet_at: Option<u32>, sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        // Header and data: position (4), visibility and kind (2), name length and flags (2), name.
        let boundsheet_len = 4 + 10;
        let globals_len = bof.len() + boundsheet_len + eof.len();
        let at = sheet_at.unwrap_or(globals_len as u32);
        let mut boundsheet = at.to_le_bytes().to_vec();
        boundsheet.extend([0, 0, 1, 0, b'S', b'1']);
        let mut stream = [bof.clone(), record(0x0085, &boundsheet), eof.clone(), bof].concat();
        assert_eq!(stream.len() - bof_len(), globals_len);
        for r in sheet {
            stream.extend(r);
        }
        stream.extend(eof);
        stream
    }

    #[test]
    fn a_sheet_past_the_end_of_the_workbook_stream_is_refused() {
        let cell = record(0x0203, &[1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            check_biff_stream(&workbook_stream(None, std::slice::from_ref(&cell))),
            Ok(())
        );
        let error = check_biff_stream(&workbook_stream(Some(4_196_095), &[cell])).unwrap_err();
        assert!(
            error.contains("past the end of the workbook stream"),
            "{error}"
        );
    }

    /// A workbook stream whose globals hold this SST record and these CONTINUE records.
    fn with_shared_strings(sst: &[u8], continues: &[&[u8]]) -> Vec<u8> {
        let mut stream = record(0x0809, &[0; 16]);
        let mut data = vec![0u8; 8]; // total and unique counts
        data.extend(sst);
        stream.extend(record(0x00FC, &data));
        for c in continues {
            stream.extend(record(0x003C, c));
        }
        stream.extend(record(0x000A, &[]));
        stream
    }

    #[test]
    fn shared_strings_cut_short_inside_a_string_are_refused() {
        // 甲乙 as UTF-16 in one record, then continued into the next with its flag byte.
        let whole = [2, 0, 1, 0x32, 0x75, 0x59, 0x4E];
        assert_eq!(check_biff_stream(&with_shared_strings(&whole, &[])), Ok(()));
        let continued = [2, 0, 1, 0x32, 0x75];
        assert_eq!(
            check_biff_stream(&with_shared_strings(&continued, &[&[1, 0x59, 0x4E]])),
            Ok(())
        );
        // Continued into an empty CONTINUE record; a run count cut off by the record's end.
        for (sst, continues) in [
            (&continued[..], &[&[][..]][..]),
            (&[1, 0, 0x8, 7][..], &[][..]),
        ] {
            let error = check_biff_stream(&with_shared_strings(sst, continues)).unwrap_err();
            assert!(error.contains("shared strings are cut short"), "{error}");
        }
    }

    #[test]
    fn a_merged_cells_record_cut_short_is_refused() {
        let mut whole = 1u16.to_le_bytes().to_vec();
        whole.extend([0, 0, 1, 0, 0, 0, 1, 0]);
        assert_eq!(
            check_biff_stream(&workbook_stream(None, &[record(0x00E5, &whole)])),
            Ok(())
        );
        let short = record(0x00E5, &5u16.to_le_bytes());
        let error = check_biff_stream(&workbook_stream(None, &[short])).unwrap_err();
        assert!(
            error.contains("MERGEDCELLS record declares 5 regions"),
            "{error}"
        );
    }

    #[test]
    fn cells_of_a_chart_inside_a_sheet_are_not_the_sheets() {
        // A chart's substream (BOF … EOF) inside the sheet: its records are skipped, and the
        // sheet goes on after the chart's EOF.
        let far_cell = record(0x0203, &[0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let near_cell = record(0x0203, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let chart = [
            record(0x0809, &[0; 16]),
            far_cell.clone(),
            record(0x000A, &[]),
        ];
        let mut sheet = chart.to_vec();
        sheet.push(near_cell.clone());
        assert_eq!(check_biff_stream(&workbook_stream(None, &sheet)), Ok(()));
        // Without the chart around it, the same far cell with a near one spans 16M cells.
        let error = check_biff_stream(&workbook_stream(None, &[far_cell, near_cell])).unwrap_err();
        assert!(error.contains("span more than"), "{error}");
    }

    #[test]
    fn cell_references_outside_excels_grid_are_refused() {
        assert_eq!(cell_position("A1"), Some((0, 0)));
        assert_eq!(cell_position("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_position("b7"), Some((6, 1)));
        for bad in [
            "ZZZZZZZ99999999999",
            "XFE1",
            "A1048577",
            "A0",
            "1",
            "A",
            "",
            "A1B",
        ] {
            assert_eq!(cell_position(bad), None, "{bad}");
        }
        assert_eq!(range_positions("A1:C7"), Some(((0, 0), (6, 2))));
        assert_eq!(range_positions("C7:A1"), None);
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let long = "长".repeat(1_000_000);
        let mut bomb = format!("dutyctl: 1\nnotes: &a \"{long}\"\nmore: [");
        bomb.push_str(&vec!["*a"; 40].join(", "));
        bomb.push_str("]\n");
        assert!(check_yaml_expansion(&bomb).is_err());
        assert!(check_yaml_expansion("a: &x [1, 2]\nb: *x\n").is_ok());
        assert!(check_yaml_expansion("no aliases: here\n").is_ok());
    }
}
