//! Tables from the ruling lines a page draws (a bordered table's lattice): rules that cross
//! make a grid; a grid line missing between two slots merges them, so each cell with its row
//! and column span is the run of slots no rule separates.

use super::content::Rule;

/// Rules this close (page units) across their direction are one line; pieces this close along
/// it join.
const SNAP: f64 = 1.5;
/// Grid lines closer than this are one.
const MIN_CELL: f64 = 3.0;

/// A table's grid: column and row boundaries, and its cells over the slots between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Lattice {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    pub row: usize,
    pub column: usize,
    pub rows: usize,
    pub columns: usize,
}

impl Lattice {
    pub fn left(&self) -> f64 {
        self.xs[0]
    }
    pub fn right(&self) -> f64 {
        *self.xs.last().expect("two columns")
    }
    pub fn top(&self) -> f64 {
        self.ys[0]
    }
    pub fn bottom(&self) -> f64 {
        *self.ys.last().expect("two rows")
    }

    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.left() <= x && x <= self.right() && self.top() <= y && y <= self.bottom()
    }

    /// The cell holding a point inside the table.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let column = self.xs.partition_point(|v| *v <= x).checked_sub(1)?;
        let row = self.ys.partition_point(|v| *v <= y).checked_sub(1)?;
        self.cells.iter().position(|c| {
            c.row <= row
                && row < c.row + c.rows
                && c.column <= column
                && column < c.column + c.columns
        })
    }

    /// A cell's bounds: left, top, right, bottom.
    pub fn bounds(&self, cell: &GridCell) -> (f64, f64, f64, f64) {
        (
            self.xs[cell.column],
            self.ys[cell.row],
            self.xs[cell.column + cell.columns],
            self.ys[cell.row + cell.rows],
        )
    }
}

/// Joins pieces of one line: rules at the same place whose extents touch.
fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|p, q| p.at.total_cmp(&q.at));
    // Group by position across, then join along.
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for rule in rules {
        match groups.last_mut() {
            Some(group) if (rule.at - group[0].at).abs() <= SNAP => group.push(rule),
            _ => groups.push(vec![rule]),
        }
    }
    let mut merged = Vec::new();
    for mut group in groups {
        let at = group.iter().map(|r| r.at).sum::<f64>() / group.len() as f64;
        group.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut current: Option<Rule> = None;
        for rule in group {
            match current.as_mut() {
                Some(c) if rule.a <= c.b + SNAP => c.b = c.b.max(rule.b),
                _ => {
                    if let Some(c) = current.take() {
                        merged.push(c);
                    }
                    current = Some(Rule { at, ..rule });
                }
            }
        }
        merged.extend(current);
    }
    merged
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Positions closer than [`MIN_CELL`] as one (their mean).
fn cluster(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f64 <= MIN_CELL => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// The tables a page's rules draw, top to bottom. A grid needs two rows and two columns.
pub fn tables(rules: &[Rule]) -> Vec<Lattice> {
    let horizontal = merge(rules.iter().filter(|r| r.horizontal).copied().collect());
    let vertical = merge(rules.iter().filter(|r| !r.horizontal).copied().collect());
    if horizontal.len() < 2 || vertical.len() < 2 || horizontal.len() * vertical.len() > 4_000_000 {
        return Vec::new();
    }
    // Rules that cross (or touch) are one table.
    let n = horizontal.len();
    let mut parent: Vec<usize> = (0..n + vertical.len()).collect();
    let crosses = |h: &Rule, v: &Rule| {
        h.a - SNAP <= v.at && v.at <= h.b + SNAP && v.a - SNAP <= h.at && h.at <= v.b + SNAP
    };
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            if crosses(h, v) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, n + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for (i, h) in horizontal.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().0.push(*h);
    }
    for (j, v) in vertical.iter().enumerate() {
        let root = find(&mut parent, n + j);
        groups.entry(root).or_default().1.push(*v);
    }
    let mut found: Vec<Lattice> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    found.sort_by(|a, b| a.top().total_cmp(&b.top()));
    found
}

fn grid(horizontal: &[Rule], vertical: &[Rule]) -> Option<Lattice> {
    let xs = cluster(vertical.iter().map(|r| r.at).collect());
    let ys = cluster(horizontal.iter().map(|r| r.at).collect());
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 500 || ys.len() > 5_000 {
        return None;
    }
    let (columns, rows) = (xs.len() - 1, ys.len() - 1);
    // Whether a rule separates slot (r, c) from its right / lower neighbour.
    let wall_right = |r: usize, c: usize| {
        let (x, y) = (xs[c + 1], (ys[r] + ys[r + 1]) / 2.0);
        vertical
            .iter()
            .any(|v| (v.at - x).abs() <= MIN_CELL && v.a - SNAP <= y && y <= v.b + SNAP)
    };
    let wall_below = |r: usize, c: usize| {
        let (y, x) = (ys[r + 1], (xs[c] + xs[c + 1]) / 2.0);
        horizontal
            .iter()
            .any(|h| (h.at - y).abs() <= MIN_CELL && h.a - SNAP <= x && x <= h.b + SNAP)
    };
    let mut taken = vec![false; rows * columns];
    let mut cells = Vec::new();
    for r in 0..rows {
        for c in 0..columns {
            if taken[r * columns + c] {
                continue;
            }
            let mut width = 1;
            while c + width < columns
                && !taken[r * columns + c + width]
                && !wall_right(r, c + width - 1)
            {
                width += 1;
            }
            let mut height = 1;
            while r + height < rows
                && (c..c + width)
                    .all(|k| !taken[(r + height) * columns + k] && !wall_below(r + height - 1, k))
            {
                height += 1;
            }
            for rr in r..r + height {
                for cc in c..c + width {
                    taken[rr * columns + cc] = true;
                }
            }
            cells.push(GridCell {
                row: r,
                column: c,
                rows: height,
                columns: width,
            });
        }
    }
    if cells.len() < 2 {
        return None;
    }
    Some(Lattice { xs, ys, cells })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f64, a: f64, b: f64) -> Rule {
        Rule {
            horizontal: true,
            at,
            a,
            b,
        }
    }
    fn v(at: f64, a: f64, b: f64) -> Rule {
        Rule {
            horizontal: false,
            at,
            a,
            b,
        }
    }

    #[test]
    fn a_missing_rule_merges_slots_into_a_spanning_cell() {
        // Three columns, three rows; the first row is one cell across, and the last column's
        // lower two slots are one cell (no rule between them).
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 200.0),
            // drawn in two pieces, as cell borders are
            h(60.0, 0.0, 150.0),
            h(60.0, 150.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 20.0, 60.0),
            v(200.0, 20.0, 60.0),
            v(300.0, 0.0, 60.0),
        ];
        let tables = tables(&rules);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.xs, [0.0, 100.0, 200.0, 300.0]);
        let spans: Vec<(usize, usize, usize, usize)> = t
            .cells
            .iter()
            .map(|c| (c.row, c.column, c.rows, c.columns))
            .collect();
        assert_eq!(
            spans,
            [
                (0, 0, 1, 3),
                (1, 0, 1, 1),
                (1, 1, 1, 1),
                (1, 2, 2, 1),
                (2, 0, 1, 1),
                (2, 1, 1, 1)
            ]
        );
        assert_eq!(t.cell_at(250.0, 50.0), Some(3));
        assert_eq!(t.cell_at(50.0, 10.0), Some(0));
    }

    #[test]
    fn lines_that_do_not_cross_make_no_table() {
        assert!(tables(&[h(0.0, 0.0, 300.0), h(5.0, 0.0, 300.0)]).is_empty());
        // A box around one paragraph is a frame, not a table.
        let frame = [
            h(0.0, 0.0, 100.0),
            h(50.0, 0.0, 100.0),
            v(0.0, 0.0, 50.0),
            v(100.0, 0.0, 50.0),
        ];
        assert!(tables(&frame).is_empty());
    }
}
