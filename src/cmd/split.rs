//! `--split-by-unit`: the table each 责任单位 is sent, one file per unit in a folder, named after
//! the unit. Every file is rendered and every name checked before the first is written, so two
//! units that would share a file name (or a writer that fails) leave the folder untouched.

use anyhow::{Context, Result, bail};
use dutyctl::model::Register;
use dutyctl::writer::summary::unit_shares;
use dutyctl::writer::{self, Format, WriteOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file name's stem keeps at most this many bytes: with an extension and the temporary
/// file's prefix it stays within the 255 bytes file systems allow.
const STEM_BYTES: usize = 180;

/// Characters no file name may hold on Windows (and `/` nowhere), replaced by `_`.
const UNSAFE_CHARACTERS: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Names Windows reserves for devices, whatever follows them.
const RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name stem from a unit's name that every common file system accepts: separators and
/// characters Windows refuses become `_`, as do control characters; no leading dot (a hidden
/// file) or trailing dot or space (which Windows drops); a device name is prefixed; long names
/// are cut at a character boundary.
pub fn file_stem(unit: &str) -> String {
    let mut stem: String = unit
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || UNSAFE_CHARACTERS.contains(&c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut end = stem.len().min(STEM_BYTES);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    stem.truncate(end);
    let stem = stem.trim_end_matches(['.', ' ']);
    let mut stem = match stem.strip_prefix('.') {
        Some(rest) => format!("_{rest}"),
        None => stem.to_string(),
    };
    let device = stem.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED_NAMES.contains(&device.as_str()) {
        stem.insert(0, '_');
    }
    if stem.is_empty() {
        stem.push_str("单位");
    }
    stem
}

/// Writes each unit's share of `register` into `dir` as `UNIT.EXT`, through the same safe
/// output as any other file; notes on `report` the collective names that get no file.
pub fn write_shares(
    input: &Path,
    register: &Register,
    dir: &Path,
    format: Format,
    options: &WriteOptions,
    report: &mut String,
) -> Result<()> {
    let name = super::input_name(input);
    let (shares, groups) = unit_shares(register);
    // Names compared as a case-insensitive file system (macOS, Windows) would compare them.
    let mut units_of: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut files: Vec<(PathBuf, &str)> = Vec::new();
    for share in &shares {
        let file = format!("{}.{}", file_stem(&share.unit), format.extension());
        units_of
            .entry(file.to_lowercase())
            .or_default()
            .push(&share.unit);
        files.push((dir.join(file), &share.unit));
    }
    let clashes: Vec<String> = units_of
        .values()
        .filter(|units| units.len() > 1)
        .map(|units| units.join(" / "))
        .collect();
    if !clashes.is_empty() {
        bail!(
            "{name}: units whose names give one file name, so nothing was written: {}",
            clashes.join("; ")
        );
    }
    let mut rendered = Vec::with_capacity(shares.len());
    for (share, (path, _)) in shares.iter().zip(&files) {
        let options = WriteOptions {
            unit: Some(share.unit.clone()),
            ..options.clone()
        };
        let bytes = writer::write(&share.register, format, &options)
            .with_context(|| format!("{name}: {}", share.unit))?;
        rendered.push((path, bytes));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot create the folder: {}",
            dir.display(),
            super::io_message(&e)
        )
    })?;
    for (path, bytes) in rendered {
        super::write_output(input, Some(path), format, &bytes)?;
    }
    if !groups.is_empty() {
        let listed: Vec<String> = groups
            .iter()
            .map(|(group, tasks)| format!("{group} ({tasks})"))
            .collect();
        report.push_str(&format!(
            "dutyctl: note: {}: no file for names of several bodies rather than one office (tasks naming them): {}\n",
            super::printable_line(&name),
            super::printable_line(&listed.join(", "))
        ));
    }
    if shares.is_empty() {
        report.push_str(&format!(
            "dutyctl: note: {}: no unit to write a file for\n",
            super::printable_line(&name)
        ));
    }
    Ok(())
}

/// Whether `-o` can be the folder `--split-by-unit` writes: a folder, or a name that could
/// become one (not an existing file, and without an extension unless it ends with `/`).
pub fn check_folder(path: &Path) -> Result<()> {
    if path.as_os_str() == "-" {
        bail!("--split-by-unit writes a folder of files: give -o FOLDER/, not stdout");
    }
    if path.exists() && !path.is_dir() {
        bail!(
            "{}: --split-by-unit writes a folder of files, and this is a file",
            path.display()
        );
    }
    let ends_with_separator = path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator);
    if !path.exists() && path.extension().is_some() && !ends_with_separator {
        bail!(
            "{}: --split-by-unit writes a folder of files, and this names a file (end it with / for a folder of that name)",
            path.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_become_file_names_every_file_system_accepts() {
        assert_eq!(file_stem("市应急管理局"), "市应急管理局");
        assert_eq!(file_stem("市委/市政府督查室"), "市委_市政府督查室");
        assert_eq!(file_stem("A:B*C?\"D\"<E>|F\\G"), "A_B_C__D__E__F_G");
        assert_eq!(file_stem("..隐藏"), "_.隐藏");
        assert_eq!(file_stem("县政府办。.. "), "县政府办。");
        assert_eq!(file_stem("con"), "_con");
        assert_eq!(file_stem("NUL.局"), "_NUL.局");
        assert_eq!(file_stem("市\u{1b}[2J局"), "市_[2J局");
        assert_eq!(file_stem(" . "), "单位");
        let long = file_stem(&"很".repeat(100));
        assert!(long.len() <= STEM_BYTES && long.chars().all(|c| c == '很'));
    }
}
