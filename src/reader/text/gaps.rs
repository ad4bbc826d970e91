//! Which columns a short row of a copied web table lacks. A page's rowspan leaves the row one
//! cell short for each cell above that spans down into it, and the copy does not say which:
//! mostly the leading ones (序号, a category), but a 牵头单位 or 责任领导 merged over several
//! tasks leaves a gap in the middle. The cells' shapes say where: a number stands under numbers
//! and a date under dates; text is text (a unit list may be longer than a task).

/// The rough shape of a cell's text, enough to tell columns apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Empty,
    /// `3`, `12`, `（一）`: a 序号.
    Number,
    /// `2025年6月底前`, `2025.06`: a time limit.
    Date,
    /// Anything else: names and sentences alike, as their lengths overlap too much to tell.
    Text,
}

/// Longest time limit, in characters (`2025年6月底前完成`).
const DATE_MAX_CHARS: usize = 16;
/// Most gaps in a row placed by their cells' shapes; past it the leading columns are covered.
const MAX_GAPS: usize = 8;

fn shape(text: &str) -> Shape {
    let text = text.trim();
    let chars = text.chars().count();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if text.is_empty() {
        Shape::Empty
    } else if chars <= 4
        && text
            .chars()
            .any(|c| digit(c) || "一二三四五六七八九十".contains(c))
        && text
            .chars()
            .all(|c| digit(c) || "一二三四五六七八九十（）().、．".contains(c))
    {
        Shape::Number
    } else if chars <= DATE_MAX_CHARS
        && text.chars().any(digit)
        && text.contains(['年', '月', '.', '-', '/'])
    {
        Shape::Date
    } else {
        Shape::Text
    }
}

/// The columns (ascending) a row of `cells` lacks, given the text each of the table's `above`
/// columns holds in the row before (the cell covering it there). The leading columns unless
/// another choice fits the numbers and dates strictly better: each number or date under its
/// like counts one, each under a column of another shape (or text under one) counts minus one.
/// Where several fit best, a cell goes under the one it is most like (a unit under a unit, a
/// task under a task): as long, and sharing characters.
///
/// A placement puts cell `i` under column `i + d`, `d` the columns covered before it, never
/// falling: found by dynamic programming over (cell, d), so a row costs its cells times the
/// gaps, and rows with more than `MAX_GAPS` gaps take the leading columns.
pub fn covered_columns(cells: &[String], above: &[&str]) -> Vec<usize> {
    let width = above.len();
    let missing = width.saturating_sub(cells.len());
    let leading: Vec<usize> = (0..missing).collect();
    if missing == 0 || cells.is_empty() || missing > MAX_GAPS {
        return leading;
    }
    let column_shapes: Vec<Shape> = above.iter().map(|t| shape(t)).collect();
    let cell_shapes: Vec<Shape> = cells.iter().map(|t| shape(t)).collect();
    let column_chars: Vec<Vec<char>> = above.iter().map(|t| char_set(t)).collect();
    let cell_chars: Vec<Vec<char>> = cells.iter().map(|t| char_set(t)).collect();
    let fit = |cell: usize, column: usize| -> i64 {
        let (cell_shape, column_shape) = (cell_shapes[cell], column_shapes[column]);
        let distinct = |s: Shape| matches!(s, Shape::Number | Shape::Date);
        if cell_shape == Shape::Empty || column_shape == Shape::Empty {
            0
        } else if cell_shape == column_shape && distinct(cell_shape) {
            1
        } else if distinct(cell_shape) || distinct(column_shape) {
            -1
        } else {
            0
        }
    };
    let likeness = |cell: usize, column: usize| {
        shared_chars(&cell_chars[cell], &column_chars[column])
            + similar_length(&cells[cell], above[column])
    };
    let leading_fit: i64 = (0..cells.len()).map(|i| fit(i, i + missing)).sum();
    // best[i][d]: the best (fit, likeness) of cells 0..=i with cell i under column i + d, and
    // the d of cell i - 1 it came from.
    let better = |a: (i64, f64), b: (i64, f64)| a.0 > b.0 || (a.0 == b.0 && a.1 > b.1);
    let mut best: Vec<Vec<((i64, f64), usize)>> = Vec::with_capacity(cells.len());
    for i in 0..cells.len() {
        let mut row = Vec::with_capacity(missing + 1);
        for d in 0..=missing {
            let own = (fit(i, i + d), likeness(i, i + d));
            let from = match best.last() {
                None => ((0, 0.0), 0),
                // On a tie the larger e: the gaps as far left as they can be.
                Some(previous) => (0..=d).fold((previous[0].0, 0), |kept, e| {
                    if better(kept.0, previous[e].0) {
                        kept
                    } else {
                        (previous[e].0, e)
                    }
                }),
            };
            row.push((((from.0).0 + own.0, (from.0).1 + own.1), from.1));
        }
        best.push(row);
    }
    let last = best.last().expect("cells is not empty");
    let end = (0..=missing).fold(0, |kept, d| {
        if better(last[kept].0, last[d].0) {
            kept
        } else {
            d
        }
    });
    if last[end].0.0 <= leading_fit {
        return leading;
    }
    // Walk back: cell i sits under column i + d; the columns between are the covered ones.
    let mut columns = vec![0; cells.len()];
    let mut d = end;
    for i in (0..cells.len()).rev() {
        columns[i] = i + d;
        d = best[i][d].1;
    }
    (0..width).filter(|c| !columns.contains(c)).collect()
}

/// The shorter text's length as a part of the longer's (0 to 1).
fn similar_length(a: &str, b: &str) -> f64 {
    let (a, b) = (a.trim().chars().count(), b.trim().chars().count());
    if a.max(b) == 0 {
        0.0
    } else {
        a.min(b) as f64 / a.max(b) as f64
    }
}

/// The characters two sets (from `char_set`) share, as a part of all the characters either holds (0 to 1).
fn shared_chars(a: &[char], b: &[char]) -> f64 {
    let shared = a.iter().filter(|c| b.binary_search(c).is_ok()).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// The distinct characters of a text but spaces, sorted.
fn char_set(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_lead_merged_down_leaves_a_gap_in_the_middle() {
        let above = ["2", "建设城区污水管网改造工程", "县住建局", "2025年6月"];
        let row = cells(&["3", "实施老旧供水管网更新改造", "2025年9月"]);
        assert_eq!(covered_columns(&row, &above), [2]);
    }

    #[test]
    fn where_numbers_and_dates_fit_alike_a_cell_goes_under_its_like() {
        let above = [
            "4",
            "推进农村规模化供水工程",
            "县水利局",
            "各乡镇人民政府",
            "2025年9月",
        ];
        let row = cells(&[
            "5",
            "开展水源地保护专项整治",
            "各乡镇人民政府、县林业局",
            "2025年6月",
        ]);
        assert_eq!(covered_columns(&row, &above), [2]);
        let row = cells(&["5", "开展水源地保护专项整治", "县林业局", "2025年6月"]);
        assert_eq!(covered_columns(&row, &above), [3]);
    }

    #[test]
    fn leading_cells_are_covered_unless_the_shapes_say_otherwise() {
        let above = ["1", "城区道路提升", "县交通局", "2025年6月"];
        // The number and the task are spanned from above: the usual case.
        assert_eq!(
            covered_columns(&cells(&["县公安局", "2025年8月"]), &above),
            [0, 1]
        );
        // Nothing to tell them apart: the leading column.
        assert_eq!(covered_columns(&cells(&["甲", "乙", "丙"]), &above), [0]);
        // A unit list longer than the task above is still text.
        let above = ["存在问题", "落实行动计划", "区农业局牵头"];
        let row = cells(&[
            "开展农村人居环境整治提升专项行动",
            "区农业局牵头，区住建局、区财政局、区水利局",
        ]);
        assert_eq!(covered_columns(&row, &above), [0]);
        assert_eq!(
            covered_columns(&cells(&["a", "b", "c", "d"]), &above),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_row_far_shorter_than_the_table_takes_the_leading_columns() {
        let above: Vec<String> = (0..151).map(|c| format!("{c}")).collect();
        let above: Vec<&str> = above.iter().map(String::as_str).collect();
        let row = cells(&["1", "2", "3", "4", "5"]);
        assert_eq!(covered_columns(&row, &above), (0..146).collect::<Vec<_>>());
    }
}
