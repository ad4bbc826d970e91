//! Per-unit load: how many tasks each unit leads and supports, and which — what each department
//! head asks for, and what the per-unit checklists are made of.

use crate::model::{Register, Task};

#[derive(Debug, Clone, PartialEq)]
pub struct UnitLoad<'a> {
    pub unit: &'a str,
    pub leads: Vec<&'a Task>,
    pub supports: Vec<&'a Task>,
    /// Every task of the unit in document order, with `true` where it leads.
    pub in_order: Vec<(&'a Task, bool)>,
}

impl UnitLoad<'_> {
    pub fn total(&self) -> usize {
        self.leads.len() + self.supports.len()
    }
}

/// Every unit named as lead or support, busiest first (ties: more leads first, then name).
pub fn unit_loads(register: &Register) -> Vec<UnitLoad<'_>> {
    let mut loads: Vec<UnitLoad> = Vec::new();
    for task in &register.tasks {
        for (units, leads) in [(&task.lead, true), (&task.support, false)] {
            for unit in units {
                let position = loads.iter().position(|l| l.unit == unit.as_str());
                let load = match position {
                    Some(i) => &mut loads[i],
                    None => {
                        loads.push(UnitLoad {
                            unit,
                            leads: Vec::new(),
                            supports: Vec::new(),
                            in_order: Vec::new(),
                        });
                        loads.last_mut().expect("just pushed")
                    }
                };
                if leads {
                    load.leads.push(task);
                } else {
                    load.supports.push(task);
                }
                load.in_order.push((task, leads));
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

/// The printed numbers of tasks, `、`-joined (a task without one shows its id).
pub fn seq_list(tasks: &[&Task]) -> String {
    tasks
        .iter()
        .map(|t| t.seq.clone().unwrap_or_else(|| t.id.clone()))
        .collect::<Vec<_>>()
        .join("、")
}
