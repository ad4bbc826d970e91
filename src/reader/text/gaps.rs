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
/// Most ways of placing a row's cells tried; past it the leading columns are taken as covered.
const MAX_PLACEMENTS: usize = 5_000;

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
pub fn covered_columns(cells: &[String], above: &[&str]) -> Vec<usize> {
    let width = above.len();
    let missing = width.saturating_sub(cells.len());
    let leading: Vec<usize> = (0..missing).collect();
    if missing == 0 || cells.is_empty() || placements(width, missing) > MAX_PLACEMENTS {
        return leading;
    }
    let column_shapes: Vec<Shape> = above.iter().map(|t| shape(t)).collect();
    let cell_shapes: Vec<Shape> = cells.iter().map(|t| shape(t)).collect();
    let score = |covered: &[usize]| {
        let mut fit: i64 = 0;
        let mut next = 0;
        for (column, column_shape) in column_shapes.iter().enumerate() {
            if covered.contains(&column) {
                continue;
            }
            let cell_shape = cell_shapes[next];
            next += 1;
            let distinct = |s: Shape| matches!(s, Shape::Number | Shape::Date);
            if cell_shape == Shape::Empty || *column_shape == Shape::Empty {
                continue;
            }
            if distinct(cell_shape) || distinct(*column_shape) {
                fit += if cell_shape == *column_shape { 1 } else { -1 };
            }
        }
        fit
    };
    // Where numbers and dates fit equally well, a cell is most like the one above it in its own
    // column (a unit under a unit, a task under a task): as long, and sharing characters.
    let likeness = |covered: &[usize]| {
        let mut cells = cells.iter();
        (0..width)
            .filter(|c| !covered.contains(c))
            .map(|c| {
                let cell = cells.next().map_or("", |t| t);
                shared_chars(cell, above[c]) + similar_length(cell, above[c])
            })
            .sum::<f64>()
    };
    let leading_fit = score(&leading);
    let mut best: Option<(i64, f64, Vec<usize>)> = None;
    let mut covered = leading.clone();
    // Every ascending choice of `missing` columns, in lexicographic order after the leading one.
    while next_combination(&mut covered, width) {
        let fit = score(&covered);
        if fit <= leading_fit || best.as_ref().is_some_and(|(f, _, _)| fit < *f) {
            continue;
        }
        let like = likeness(&covered);
        if best.as_ref().is_none_or(|(f, l, _)| fit > *f || like > *l) {
            best = Some((fit, like, covered.clone()));
        }
    }
    best.map_or(leading, |(_, _, covered)| covered)
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

/// The characters two texts share, as a part of all the characters either holds (0 to 1).
fn shared_chars(a: &str, b: &str) -> f64 {
    let set = |t: &str| {
        let mut chars: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    };
    let (a, b) = (set(a), set(b));
    let shared = a.iter().filter(|c| b.binary_search(c).is_ok()).count();
    let all = a.len() + b.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// C(width, missing), saturating.
fn placements(width: usize, missing: usize) -> usize {
    (0..missing).fold(1usize, |n, k| n.saturating_mul(width - k) / (k + 1))
}

/// Advances `chosen` (ascending, each < `width`) to the next combination; false after the last.
fn next_combination(chosen: &mut [usize], width: usize) -> bool {
    let k = chosen.len();
    for i in (0..k).rev() {
        if chosen[i] < width - k + i {
            chosen[i] += 1;
            for j in i + 1..k {
                chosen[j] = chosen[j - 1] + 1;
            }
            return true;
        }
    }
    false
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
        let above = ["存在问题", "落实行动计划", "区经发局牵头"];
        let row = cells(&[
            "实施新一轮企业技术改造专项行动",
            "区经发局牵头，区社会事业局、区财金局",
        ]);
        assert_eq!(covered_columns(&row, &above), [0]);
        assert_eq!(
            covered_columns(&cells(&["a", "b", "c", "d"]), &above),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn combinations_are_enumerated_in_order() {
        let mut chosen = vec![0, 1];
        let mut all = vec![chosen.clone()];
        while next_combination(&mut chosen, 4) {
            all.push(chosen.clone());
        }
        assert_eq!(all.len(), 6);
        assert_eq!(all.last().unwrap(), &vec![2, 3]);
        assert_eq!(placements(4, 2), 6);
        assert_eq!(placements(15, 3), 455);
    }
}
