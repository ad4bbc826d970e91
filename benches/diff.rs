//! `cargo bench --bench diff`: median time to diff two registers of 50, 1,000, 10,000 and
//! 100,000 tasks (in-process, registers already read), the second year reworded, renumbered, cut
//! and extended, as a real pair would be. `bench/scale.sh` times the whole process, reading
//! included, with peak memory.

use dutyctl::diff::{DEFAULT_THRESHOLD, diff};
use dutyctl::model::{Register, Task};
use std::time::{Duration, Instant};

/// Characters of real notices; tasks are random phrases of them, so unrelated tasks share
/// about as much as unrelated tasks of one notice do.
const CHARS: &str = "安全生产隐患排查专项整治危险化学品道路交通消防燃气管道建筑施工特种设备应急救援监管执法宣传教育责任制风险管控企业主体信息化培训演练督查检查考核问责农村公路人员密集场所工业园区矿山烟花爆竹防汛抗旱森林防火校园医院养老机构电动自行车高层建筑地下空间渔业船舶危险废物粉尘涉爆有限空间职业健康";

const UNITS: &[&str] = &[
    "市应急管理局",
    "市公安局",
    "市住建局",
    "市交通运输局",
    "市市场监管局",
    "市消防救援支队",
];

/// A small deterministic generator, so both years and every run see the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn phrase(rng: &mut Lcg, chars: &[char], len: usize) -> String {
    (0..len).map(|_| chars[rng.next(chars.len())]).collect()
}

fn task(i: usize, rng: &mut Lcg) -> Task {
    let chars: Vec<char> = CHARS.chars().collect();
    let title = phrase(rng, &chars, 10);
    let text = (0..6)
        .map(|_| phrase(rng, &chars, 12))
        .collect::<Vec<_>>()
        .join("，");
    Task {
        id: format!("t{i}"),
        seq: Some(i.to_string()),
        section: vec![format!("{}、重点任务", i / 50 + 1)],
        title: title.clone(),
        text: format!("{title}。{text}。"),
        lead: vec![UNITS[rng.next(UNITS.len())].to_string()],
        support: vec![UNITS[rng.next(UNITS.len())].to_string()],
        ..Task::default()
    }
}

/// Year one, and year two: every tenth task reworded, every twentieth dropped, new ones added.
fn pair(size: usize) -> (Register, Register) {
    let mut rng = Lcg(7);
    let old: Vec<Task> = (0..size).map(|i| task(i, &mut rng)).collect();
    let mut new = Vec::new();
    for (i, t) in old.iter().enumerate() {
        if i % 20 == 7 {
            continue;
        }
        let mut t = t.clone();
        if i % 10 == 3 {
            t.text = t.text.replacen("，", "，进一步", 2);
        }
        t.seq = Some((new.len() + 1).to_string());
        new.push(t);
    }
    for i in 0..size / 20 {
        new.push(task(size + i, &mut rng));
    }
    (Register::of_tasks(old), Register::of_tasks(new))
}

fn main() {
    let identity = |name: &str| name.to_string();
    for (size, rounds) in [(50, 200), (1000, 7), (10_000, 5), (100_000, 3)] {
        let (old, new) = pair(size);
        let mut times: Vec<Duration> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(diff(&old, &new, &identity, DEFAULT_THRESHOLD));
                start.elapsed()
            })
            .collect();
        times.sort();
        let result = diff(&old, &new, &identity, DEFAULT_THRESHOLD);
        println!(
            "{size:>5} tasks: median {:>9.3} ms  ({} changed, {} added, {} removed)",
            times[rounds / 2].as_secs_f64() * 1e3,
            result.summary.changed,
            result.summary.added,
            result.summary.removed
        );
    }
}
