//! Deterministic task ids from the document's structure.

use super::Task;
use std::collections::HashMap;

/// Gives every task an id `t` + the 1-based position of each enclosing heading among its siblings,
/// then of the task among the entries of its innermost section, joined by `-` (`t2-1-1-3`).
/// The same document always yields the same ids; a collision gets a letter suffix.
pub fn assign_ids(tasks: &mut [Task]) {
    let ids = structural_ids(tasks);
    for (task, id) in tasks.iter_mut().zip(ids) {
        task.id = id;
    }
}

/// The ids in task order. Paths are the tasks' own section slices, borrowed: nothing is copied
/// per heading.
fn structural_ids(tasks: &[Task]) -> Vec<String> {
    use std::fmt::Write;
    // Ordinal of each heading path among the children of its parent path.
    let mut child_count: HashMap<&[String], usize> = HashMap::new();
    let mut heading_ordinal: HashMap<&[String], usize> = HashMap::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::with_capacity(tasks.len());
    for task in tasks {
        let section = task.section.as_slice();
        let mut id = String::from("t");
        for depth in 0..section.len() {
            let path = &section[..=depth];
            let ordinal = match heading_ordinal.get(path) {
                Some(n) => *n,
                None => {
                    let siblings = child_count.entry(&section[..depth]).or_default();
                    *siblings += 1;
                    heading_ordinal.insert(path, *siblings);
                    *siblings
                }
            };
            let _ = write!(id, "{ordinal}-");
        }
        let siblings = child_count.entry(section).or_default();
        *siblings += 1;
        let _ = write!(id, "{siblings}");
        let seen = used.entry(id.clone()).or_default();
        *seen += 1;
        if *seen > 1 {
            id.push((b'a' + (*seen as u8 - 2) % 26) as char);
        }
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(section: &[&str]) -> Task {
        Task {
            section: section.iter().map(|s| s.to_string()).collect(),
            ..Task::default()
        }
    }

    #[test]
    fn ids_follow_heading_positions() {
        let mut tasks = vec![
            task(&["一、目标任务"]),
            task(&["一、目标任务"]),
            task(&["二、重点工作", "（一）完善三项机制"]),
            task(&["二、重点工作", "（二）开展三大攻坚"]),
            task(&[]),
        ];
        assign_ids(&mut tasks);
        let ids: Vec<_> = tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["t1-1", "t1-2", "t2-1-1", "t2-2-1", "t3"]);
    }
}
