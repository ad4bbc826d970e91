//! `dutyctl units FILE...`: every unit and person with task counts — and, once tasks carry
//! progress (a returned table imported), how many of each unit's tasks have it — or with
//! `--suggest` a units.yaml proposing which printed names are one unit.

use crate::cli::UnitsArgs;
use anyhow::Result;
use dutyctl::normalize::suggest::suggest;
use dutyctl::reader::ReadOptions;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::process::ExitCode;

#[derive(Default)]
struct Counts {
    lead: usize,
    support: usize,
    /// Tasks naming the unit (once each, as lead or support) …
    tasks: usize,
    /// … and those of them whose progress columns hold anything.
    reported: usize,
}

pub fn run(args: &UnitsArgs) -> Result<ExitCode> {
    let directory = super::read_units(args.units.as_deref())?;
    let mut units: Vec<(String, Counts)> = Vec::new();
    let mut people: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut any_progress = false;
    for file in &args.files {
        let register = super::read_input(file, &ReadOptions::default(), false)?.register;
        for task in &register.tasks {
            any_progress |= task.progress.is_some();
            let mut counted: Vec<usize> = Vec::new();
            for (names, lead) in [(&task.lead, true), (&task.support, false)] {
                for name in names {
                    let name = directory.canonical(name).unwrap_or(name).to_string();
                    let position = units.iter().position(|(n, _)| *n == name);
                    let i = match position {
                        Some(i) => i,
                        None => {
                            units.push((name, Counts::default()));
                            units.len() - 1
                        }
                    };
                    let counts = &mut units[i].1;
                    if lead {
                        counts.lead += 1
                    } else {
                        counts.support += 1
                    }
                    if !counted.contains(&i) {
                        counted.push(i);
                        counts.tasks += 1;
                        counts.reported += usize::from(task.progress.is_some());
                    }
                }
            }
            for person in &task.persons {
                people.entry(person.clone()).or_default().0 += 1;
            }
            for leader in &task.leaders {
                people.entry(leader.clone()).or_default().1 += 1;
            }
        }
    }
    let out = if args.suggest {
        let names: Vec<String> = units.iter().map(|(n, _)| n.clone()).collect();
        let proposal = suggest(&names);
        let mut text =
            String::from("# Names dutyctl takes to be one unit; edit, then pass with --units.\n");
        if proposal.is_empty() {
            text.push_str("{}\n");
        } else {
            text.push_str(&serde_yaml::to_string(&proposal)?);
        }
        text
    } else {
        units.sort_by(|a, b| {
            (b.1.lead + b.1.support)
                .cmp(&(a.1.lead + a.1.support))
                .then(a.0.cmp(&b.0))
        });
        // The column appears once there is progress to count, so that lists of registers
        // without any stay as they were.
        let mut text = String::from("unit\tlead\tsupport");
        text.push_str(if any_progress { "\treported\n" } else { "\n" });
        for (name, counts) in &units {
            let _ = write!(text, "{name}\t{}\t{}", counts.lead, counts.support);
            if any_progress {
                let _ = write!(text, "\t{}/{}", counts.reported, counts.tasks);
            }
            text.push('\n');
        }
        text.push_str("\nperson\tresponsible\tleader\n");
        for (name, (persons, leaders)) in &people {
            let _ = writeln!(text, "{name}\t{persons}\t{leaders}");
        }
        text
    };
    super::write_stdout(out.as_bytes())?;
    Ok(super::exit(super::SUCCESS))
}
