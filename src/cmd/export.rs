//! `dutyctl export INPUT -o OUT`: a register or document → xlsx, docx, csv, md, json or yaml;
//! with `--split-by-unit`, one such file per unit in the folder OUT.

use crate::cli::ExportArgs;
use anyhow::{Context, Result, bail};
use dutyctl::normalize::directory::canonicalize;
use dutyctl::writer::{self, Format};
use std::process::ExitCode;

pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    let options = args.input.read_options(args.input_encoding);
    let units = super::read_units(args.input.units.as_deref())?;
    let mut reading = super::read_input(&args.file, &options, args.input.convert)?;
    canonicalize(&mut reading.register, &units);
    let table = args.table.write_options(args.encoding);
    if args.table.split_by_unit {
        let Some(dir) = args.output.as_deref() else {
            bail!("--split-by-unit writes a folder of files: give -o FOLDER/");
        };
        super::split::check_folder(dir)?;
        let format = args.format.unwrap_or(Format::Xlsx);
        let mut report = String::new();
        let written = super::split::write_shares(
            &args.file,
            &reading.register,
            dir,
            format,
            &table,
            &mut report,
        );
        eprint!("{report}");
        written?;
        return Ok(super::exit(super::SUCCESS));
    }
    let target = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let format = super::output_format(args.format, target, Format::Yaml);
    let bytes = writer::write(&reading.register, format, &table)
        .with_context(|| args.file.display().to_string())?;
    // The BOM is for Excel opening a file; in a pipe it would be the first "character" of the
    // header that the next program sees.
    let bytes = match target {
        None if format == Format::Csv => writer::csv::without_bom(bytes),
        _ => bytes,
    };
    super::write_output(&args.file, target, format, &bytes)?;
    Ok(super::exit(super::SUCCESS))
}
