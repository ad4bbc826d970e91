//! The unit directory: canonical unit names with their aliases (units.yaml), and a comparison key
//! built from the standard short forms, so that 市住建局 and 市住房和城乡建设局 are one unit.

use crate::model::Register;
use crate::vocab::{ABBREVIATIONS, UNIT_KEY_DROPPED};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One entry of units.yaml: `市市场监督管理局: {aliases: [市市场监管局], level: 市, parent: …}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A user's directory over the built-in short forms.
#[derive(Debug, Clone, Default)]
pub struct UnitDirectory {
    /// Comparison key of every name and alias → canonical name.
    by_key: HashMap<String, String>,
    /// The canonical names, sorted.
    names: Vec<String>,
}

impl UnitDirectory {
    /// Parses units.yaml (a map from canonical name to entry).
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let entries: BTreeMap<String, Option<UnitEntry>> =
            serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let entries: BTreeMap<String, UnitEntry> = entries
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect();
        let mut by_key = HashMap::new();
        for (name, entry) in &entries {
            by_key.insert(unit_key(name), name.clone());
            for alias in &entry.aliases {
                by_key.insert(unit_key(alias), name.clone());
            }
        }
        // Levels and parents are validated with the rest but not yet used by any lint.
        Ok(UnitDirectory {
            by_key,
            names: entries.into_keys().collect(),
        })
    }

    /// The canonical name of a printed name, if the directory knows it.
    pub fn canonical(&self, printed: &str) -> Option<&str> {
        // Most runs have no directory: the key is not worth building to look up nothing.
        if self.by_key.is_empty() {
            return None;
        }
        self.by_key.get(&unit_key(printed)).map(String::as_str)
    }

    /// What two names are compared by: the directory's name where it has one, else the key.
    pub fn identity(&self, printed: &str) -> String {
        self.canonical(printed)
            .map(str::to_string)
            .unwrap_or_else(|| unit_key(printed))
    }

    pub fn contains(&self, printed: &str) -> bool {
        self.canonical(printed).is_some()
    }

    /// The canonical names, sorted (what a unit editor offers).
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Writes the directory's canonical names for every lead and support unit it knows, keeping
/// each printed name that differs in the task's `printed` map.
pub fn canonicalize(register: &mut Register, directory: &UnitDirectory) {
    for task in &mut register.tasks {
        for units in [&mut task.lead, &mut task.support] {
            for unit in units.iter_mut() {
                if let Some(canonical) = directory.canonical(unit)
                    && canonical != unit
                {
                    task.printed.insert(canonical.to_string(), unit.clone());
                    *unit = canonical.to_string();
                }
            }
            dedup_keeping_first(units);
        }
    }
}

/// Drops every repeat of a name, keeping the first: a search of the few names of an ordinary
/// list, a set of the names (borrowed, not copied) for one that holds thousands (a page read as
/// one paragraph).
fn dedup_keeping_first(units: &mut Vec<String>) {
    const SEARCHED_UP_TO: usize = 16;
    if units.len() <= SEARCHED_UP_TO {
        // The first `kept` places hold the names kept so far, in order.
        let mut kept = 0;
        for i in 0..units.len() {
            if !units[..kept].contains(&units[i]) {
                units.swap(kept, i);
                kept += 1;
            }
        }
        units.truncate(kept);
        return;
    }
    let mut seen = std::collections::HashSet::with_capacity(units.len());
    let keep: Vec<bool> = units.iter().map(|u| seen.insert(u.as_str())).collect();
    let mut flags = keep.into_iter();
    units.retain(|_| flags.next().unwrap_or(true));
}

/// A unit name reduced for comparison: spaces gone, brackets one width, short forms expanded,
/// 和/管理 dropped, 委员会 as 委.
pub fn unit_key(printed: &str) -> String {
    let mut key: String = printed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    for (short, full) in ABBREVIATIONS {
        if key.contains(short) && !key.contains(full) {
            key = key.replacen(short, full, 1);
        }
    }
    key = key.replace("委员会", "委");
    for dropped in UNIT_KEY_DROPPED {
        key = key.replace(dropped, "");
    }
    key
}

#[cfg(test)]
mod tests {

    /// Short lists and long ones keep each name's first place, as a set of the names seen would.
    #[test]
    fn repeats_are_dropped_keeping_first_places() {
        let names: Vec<String> =
            crate::test_samples::strings(&['甲', '乙', '丙'], 2, 3000).collect();
        for len in [0, 1, 5, 16, 17, 40, 3000] {
            let mut units = names[..len].to_vec();
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<String> = units.iter().filter(|u| seen.insert(*u)).cloned().collect();
            dedup_keeping_first(&mut units);
            assert_eq!(units, expected, "{len} names");
        }
    }

    use super::*;

    #[test]
    fn short_and_full_forms_share_a_key() {
        assert_eq!(unit_key("市住建局"), unit_key("市住房和城乡建设局"));
        assert_eq!(unit_key("市市场监管局"), unit_key("市市场监督管理局"));
        assert_eq!(unit_key("市应急局"), unit_key("市应急管理局"));
        assert_eq!(unit_key("市交通局"), unit_key("市交通运输局"));
        assert_eq!(unit_key("市人社局"), unit_key("市人力资源社会保障局"));
        assert_eq!(
            unit_key("区安委办（区应急局）"),
            unit_key("区安委办(区应急管理局)")
        );
        assert_ne!(unit_key("市公安局"), unit_key("市交通运输局"));
        assert!(ABBREVIATIONS.len() >= 40);
    }

    #[test]
    fn a_directory_maps_aliases_to_its_names() {
        let dir =
            UnitDirectory::from_yaml("市市场监督管理局: {aliases: [市场监管所]}\n市数据局:\n")
                .unwrap();
        assert_eq!(dir.canonical("市市场监管局"), Some("市市场监督管理局"));
        assert_eq!(dir.canonical("市场监管所"), Some("市市场监督管理局"));
        assert_eq!(dir.canonical("市数据局"), Some("市数据局"));
        assert_eq!(dir.canonical("市公安局"), None);
        assert_eq!(dir.names(), ["市市场监督管理局", "市数据局"]);
        assert!(UnitDirectory::from_yaml("- not a map").is_err());
    }

    #[test]
    fn canonical_names_replace_printed_ones_which_are_kept() {
        let text = "一、任务\n（一）排查。（市场监管局牵头，市住建局、市住房和城乡建设局配合）\n";
        let mut register = crate::reader::read(text.as_bytes(), "a.txt", &Default::default())
            .unwrap()
            .register;
        let directory = UnitDirectory::from_yaml(
            "市市场监督管理局: {aliases: [市场监管局]}\n市住房和城乡建设局:\n",
        )
        .unwrap();
        canonicalize(&mut register, &directory);
        let task = &register.tasks[0];
        assert_eq!(task.lead, ["市市场监督管理局"]);
        assert_eq!(
            task.support,
            ["市住房和城乡建设局"],
            "two printed forms of one unit become one"
        );
        assert_eq!(task.printed["市市场监督管理局"], "市场监管局");
        assert_eq!(task.printed["市住房和城乡建设局"], "市住建局");
    }
}
