//! Proposes unit-directory entries for printed names that are probably one unit: the same key
//! once short forms are expanded (市住建局 ≈ 市住房和城乡建设局), the same name without its level
//! prefix (市应急管理局 ≈ 应急管理局), and a bracketed alias (区安委办（区应急管理局）).

use super::directory::{UnitEntry, unit_key};
use super::units::level_prefix;
use std::collections::BTreeMap;

/// Groups of names, each as `canonical → entry with the other names as aliases`.
pub fn suggest(names: &[String]) -> BTreeMap<String, UnitEntry> {
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |a: usize, b: usize, parent: &mut Vec<usize>| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra] = rb;
        }
    };
    let keys: Vec<String> = names.iter().map(|n| unit_key(n)).collect();
    let bare: Vec<String> = names
        .iter()
        .zip(&keys)
        .map(|(n, k)| level_prefix(n).map_or(k.clone(), |p| k[p.len()..].to_string()))
        .collect();
    // A name without a prefix is one unit with a prefixed one only if no other level prints it.
    let mut levels: BTreeMap<&str, Vec<Option<&str>>> = BTreeMap::new();
    for (name, bare) in names.iter().zip(&bare) {
        let level = level_prefix(name);
        let seen = levels.entry(bare).or_default();
        if level.is_some() && !seen.contains(&level) {
            seen.push(level);
        }
    }
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let one_level = levels[bare[i].as_str()].len() <= 1;
            if keys[i] == keys[j]
                || (one_level && bare[i] == bare[j] && bare[i].chars().count() >= 3)
            {
                union(i, j, &mut parent);
            }
        }
        if let Some((outer, inner)) = bracketed(&names[i]) {
            for (j, other) in names.iter().enumerate() {
                if i != j
                    && (unit_key(other) == unit_key(outer) || unit_key(other) == unit_key(inner))
                {
                    union(i, j, &mut parent);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        groups.entry(root(&mut parent, i)).or_default().push(name);
    }
    groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|group| {
            // The full form: unbracketed and with a level prefix where one has it, then longest.
            let canonical = group
                .iter()
                .max_by_key(|n| {
                    (
                        bracketed(n).is_none(),
                        level_prefix(n).is_some(),
                        n.chars().count(),
                    )
                })
                .map(|n| (*n).clone())
                .unwrap_or_default();
            let mut aliases: Vec<String> = group
                .into_iter()
                .filter(|n| **n != canonical)
                .cloned()
                .collect();
            aliases.sort();
            (
                canonical,
                UnitEntry {
                    aliases,
                    ..UnitEntry::default()
                },
            )
        })
        .collect()
}

/// `区安全生产委员会办公室（区应急管理局）` → (`区安全生产委员会办公室`, `区应急管理局`).
fn bracketed(name: &str) -> Option<(&str, &str)> {
    let open = name.find(['（', '('])?;
    let inner = name[open..]
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    Some((&name[..open], inner)).filter(|(outer, inner)| !outer.is_empty() && !inner.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn short_forms_prefixes_and_brackets_group() {
        let found = suggest(&names(&[
            "市市场监督管理局",
            "市市场监管局",
            "市住建局",
            "市住房和城乡建设局",
            "市应急管理局",
            "应急管理局",
            "区安全生产委员会办公室（区应急管理局）",
            "区应急管理局",
            "县财政局",
            "财政局",
            "市公安局",
        ]));
        assert_eq!(found["市市场监督管理局"].aliases, ["市市场监管局"]);
        assert_eq!(found["市住房和城乡建设局"].aliases, ["市住建局"]);
        assert_eq!(found["县财政局"].aliases, ["财政局"]);
        assert!(
            !found.contains_key("市应急管理局"),
            "应急管理局 could be 市 or 区: no guess"
        );
        assert_eq!(
            found["区应急管理局"].aliases,
            ["区安全生产委员会办公室（区应急管理局）"]
        );
        assert!(!found.contains_key("市公安局"));
    }
}
