//! Per-unit load: how many tasks each unit leads and supports, and which — what each department
//! head asks for, and what the per-unit checklists are made of. Names that are one unit under the
//! standard short forms (市住建局, 市住房和城乡建设局) count as one; groups that name no one
//! (各相关部门) are not units.

use crate::model::{Register, Task};
use crate::normalize::directory::unit_key;
use crate::vocab::{
    COLLECTIVE_ENDINGS, COLLECTIVE_PREFIXES, COLLECTIVE_WORDS, GENERIC_GROUP_NOUNS, GENERIC_UNITS,
    GROUP_QUANTIFIERS,
};

/// A task as a load refers to it: its position in the register (1-based, counted through every
/// section, so that it never restarts the way printed numbers do) and the task.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskAt<'a> {
    pub position: usize,
    pub task: &'a Task,
}

impl TaskAt<'_> {
    /// `5. 开展重大事故隐患专项排查整治`, the title cut to a line.
    pub fn reference(&self) -> String {
        const TITLE_CHARS: usize = 24;
        let title = self.task.title.trim_end_matches(['。', '；', '：']);
        let short: String = title.chars().take(TITLE_CHARS).collect();
        let ellipsis = if title.chars().count() > TITLE_CHARS {
            "…"
        } else {
            ""
        };
        format!("{}. {short}{ellipsis}", self.position)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitLoad<'a> {
    /// The fullest of the names printed for this unit.
    pub unit: &'a str,
    pub leads: Vec<TaskAt<'a>>,
    pub supports: Vec<TaskAt<'a>>,
    /// Every task of the unit in document order, with `true` where it leads.
    pub in_order: Vec<(TaskAt<'a>, bool)>,
}

impl UnitLoad<'_> {
    pub fn total(&self) -> usize {
        self.leads.len() + self.supports.len()
    }
}

/// Whether a name is a group that names no one (有关部门, 各相关部门, 各成员单位), which a
/// summary cannot hold to account; 各乡镇人民政府 names a set of bodies and is kept.
pub fn is_generic_group(name: &str) -> bool {
    let bare = GROUP_QUANTIFIERS
        .iter()
        .find_map(|q| name.strip_prefix(q))
        .unwrap_or(name);
    GENERIC_UNITS.contains(&name)
        || GENERIC_UNITS.contains(&bare)
        || (bare.len() < name.len() && GENERIC_GROUP_NOUNS.contains(&bare))
}

/// Whether a name stands for several bodies rather than one office that could be sent its own
/// table: a group that names no one (各相关部门) or a set of bodies (各乡镇人民政府, 全体成员单位).
pub fn is_collective(name: &str) -> bool {
    is_generic_group(name)
        || COLLECTIVE_PREFIXES.iter().any(|p| name.starts_with(p))
        || COLLECTIVE_WORDS.iter().any(|w| name.contains(w))
        || COLLECTIVE_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// One unit's share of a register: the tasks it leads or supports, in document order, with the
/// document they come from — what is sent to that unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitShare {
    /// The fullest of the names printed for the unit.
    pub unit: String,
    pub register: Register,
}

/// The register split by unit: a share for each unit named as lead or support (names that are
/// one unit under the standard short forms give one share), and the collective names that get
/// none (各乡镇人民政府, 各相关部门), each with the number of tasks naming it.
pub fn unit_shares(register: &Register) -> (Vec<UnitShare>, Vec<(String, usize)>) {
    let shares = unit_loads(register)
        .into_iter()
        .filter(|load| !is_collective(load.unit))
        .map(|load| UnitShare {
            unit: load.unit.to_string(),
            register: Register {
                dutyctl: register.dutyctl,
                document: register.document.clone(),
                people: register.people.clone(),
                tasks: load
                    .in_order
                    .iter()
                    .map(|(at, _)| at.task.clone())
                    .collect(),
            },
        })
        .collect();
    let mut groups: Vec<(String, usize)> = Vec::new();
    for task in &register.tasks {
        let mut named: Vec<&String> = Vec::new();
        for unit in task.lead.iter().chain(&task.support) {
            if is_collective(unit) && !named.contains(&unit) {
                named.push(unit);
            }
        }
        for name in named {
            match groups.iter_mut().find(|(g, _)| g == name) {
                Some((_, count)) => *count += 1,
                None => groups.push((name.clone(), 1)),
            }
        }
    }
    (shares, groups)
}

/// Every unit named as lead or support, busiest first (ties: more leads first, then name).
pub fn unit_loads(register: &Register) -> Vec<UnitLoad<'_>> {
    let mut loads: Vec<UnitLoad> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (index, task) in register.tasks.iter().enumerate() {
        let at = TaskAt {
            position: index + 1,
            task,
        };
        for (units, leads) in [(&task.lead, true), (&task.support, false)] {
            for unit in units.iter().filter(|u| !is_generic_group(u)) {
                let key = unit_key(unit);
                let i = match keys.iter().position(|k| *k == key) {
                    Some(i) => i,
                    None => {
                        keys.push(key);
                        loads.push(UnitLoad {
                            unit,
                            leads: Vec::new(),
                            supports: Vec::new(),
                            in_order: Vec::new(),
                        });
                        loads.len() - 1
                    }
                };
                let load = &mut loads[i];
                if unit.chars().count() > load.unit.chars().count() {
                    load.unit = unit;
                }
                // A task naming one unit twice (市住建局 as lead, 市住房和城乡建设局 as support)
                // counts once, in its leading role.
                if load.in_order.iter().any(|(t, _)| t.position == at.position) {
                    continue;
                }
                if leads {
                    load.leads.push(at);
                } else {
                    load.supports.push(at);
                }
                load.in_order.push((at, leads));
            }
        }
    }
    loads.sort_by(|a, b| {
        b.total()
            .cmp(&a.total())
            .then(b.leads.len().cmp(&a.leads.len()))
            .then(a.unit.cmp(b.unit))
    });
    loads
}

/// Beyond this many tasks a unit's list gives only their numbers: thirty titled lines would make
/// a row taller than a printed page, which neither Excel nor LibreOffice can break.
const MAX_TITLED_REFERENCES: usize = 10;

/// References to tasks: one a line with its title, or for a long list the numbers alone
/// (unambiguous too, as they run through every section).
pub fn reference_lines(tasks: &[TaskAt]) -> String {
    if tasks.len() > MAX_TITLED_REFERENCES {
        return tasks
            .iter()
            .map(|t| t.position.to_string())
            .collect::<Vec<_>>()
            .join("、");
    }
    tasks
        .iter()
        .map(TaskAt::reference)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(title: &str, lead: &[&str], support: &[&str]) -> Task {
        Task {
            seq: Some("1".into()),
            title: title.into(),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: support.iter().map(|s| s.to_string()).collect(),
            ..Task::default()
        }
    }

    #[test]
    fn short_and_full_names_are_one_unit_under_the_fuller_name() {
        let register = Register::of_tasks(vec![
            task("排查", &["市住建局"], &["各相关部门"]),
            task("整治", &["市应急局"], &["市住房和城乡建设局", "有关部门"]),
            task("宣传", &["各乡镇人民政府"], &["各成员单位"]),
        ]);
        let loads = unit_loads(&register);
        let names: Vec<&str> = loads.iter().map(|l| l.unit).collect();
        assert_eq!(names, ["市住房和城乡建设局", "各乡镇人民政府", "市应急局"]);
        assert_eq!(loads[0].leads.len() + loads[0].supports.len(), 2);
        assert_eq!(reference_lines(&loads[0].supports), "2. 整治");
    }

    #[test]
    fn references_number_through_sections_and_cut_long_titles() {
        let long = "加".repeat(30);
        let register = Register::of_tasks(vec![
            task("甲", &["县应急局"], &[]),
            task(&long, &["县应急局"], &[]),
        ]);
        let loads = unit_loads(&register);
        assert_eq!(
            reference_lines(&loads[0].leads),
            format!("1. 甲\n2. {}…", "加".repeat(24))
        );
    }

    #[test]
    fn a_long_list_gives_numbers_alone() {
        let tasks: Vec<Task> = (0..12).map(|_| task("排查", &["县应急局"], &[])).collect();
        let register = Register::of_tasks(tasks);
        let loads = unit_loads(&register);
        assert_eq!(
            reference_lines(&loads[0].leads),
            "1、2、3、4、5、6、7、8、9、10、11、12"
        );
    }

    #[test]
    fn each_unit_gets_its_share_and_collective_names_none() {
        let register = Register::of_tasks(vec![
            task("排查", &["市住建局"], &["各乡镇人民政府", "市应急局"]),
            task("整治", &["市应急局"], &["市住房和城乡建设局", "有关部门"]),
            task("宣传", &["市委宣传部"], &["各乡镇人民政府"]),
        ]);
        let (shares, groups) = unit_shares(&register);
        let share = |unit: &str| -> Vec<&str> {
            shares
                .iter()
                .find(|s| s.unit == unit)
                .unwrap_or_else(|| panic!("no share for {unit}"))
                .register
                .tasks
                .iter()
                .map(|t| t.title.as_str())
                .collect()
        };
        assert_eq!(share("市住房和城乡建设局"), ["排查", "整治"]);
        assert_eq!(share("市应急局"), ["排查", "整治"]);
        assert_eq!(share("市委宣传部"), ["宣传"]);
        assert_eq!(shares.len(), 3);
        assert_eq!(
            groups,
            [
                ("各乡镇人民政府".to_string(), 2),
                ("有关部门".to_string(), 1)
            ]
        );
        for collective in [
            "全体成员单位",
            "市防指成员单位",
            "市森防委各负有监管职责的部门",
        ] {
            assert!(is_collective(collective), "{collective}");
        }
        for one in ["市应急局", "市安委办", "河道清淤专项工作领导小组"] {
            assert!(!is_collective(one), "{one}");
        }
    }

    #[test]
    fn generic_groups_name_no_one() {
        for generic in [
            "有关部门",
            "各相关部门",
            "各有关单位",
            "其他有关部门",
            "各成员单位",
        ] {
            assert!(is_generic_group(generic), "{generic}");
        }
        for named in ["各乡镇人民政府", "市应急局", "各县区政府", "单位"] {
            assert!(!is_generic_group(named), "{named}");
        }
    }
}
