//! Sub-items inside a task's text: 一是…二是…, （1）…（2）…, ①…②….

use super::deadline::deadline_in;
use super::numbering::{LabelKind, after_label, chinese_numeral, parse_label};
use crate::model::Item;

/// A family of inline markers, the n-th of which is given by the function (1-based).
type MarkerFamily = fn(u32) -> Vec<String>;

const FAMILIES: &[MarkerFamily] = &[
    |n| vec![format!("{}是", chinese_numeral(n))],
    |n| vec![format!("（{n}）"), format!("({n})")],
    |n| {
        char::from_u32('①' as u32 + n - 1)
            .map(|c| vec![c.to_string()])
            .unwrap_or_default()
    },
];

/// Finds the markers of the first family whose 1st marker occurs, in sequence (the n-th marker
/// is searched after the (n-1)-th), and cuts the text at them; failing that, lines of the text
/// numbered 1. 2. … (a table cell holding a numbered list).
pub fn inline_items(text: &str) -> Vec<Item> {
    let items = marked_items(text);
    if items.is_empty() {
        numbered_lines(text)
    } else {
        items
    }
}

/// Lines that start with 1., 2., … in order, at least two of them.
fn numbered_lines(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for line in text.lines() {
        match parse_label(line).filter(|l| l.kind == LabelKind::Arabic) {
            Some(label) if label.value as usize == items.len() + 1 => {
                let body = after_label(line, &label).to_string();
                items.push(Item {
                    label: label.seq,
                    deadline: deadline_in(&body),
                    text: body,
                });
            }
            Some(_) => return Vec::new(),
            None => {
                if let Some(item) = items.last_mut() {
                    item.text.push('\n');
                    item.text.push_str(line);
                }
            }
        }
    }
    if items.len() >= 2 { items } else { Vec::new() }
}

fn marked_items(text: &str) -> Vec<Item> {
    for family in FAMILIES {
        let starts = marker_positions(text, *family);
        // One marker alone is more likely a word (统一是…) than a list.
        if starts.len() < 2 {
            continue;
        }
        let mut items = Vec::with_capacity(starts.len());
        for (i, (_, label_end, label)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map(|s| s.0).unwrap_or(text.len());
            // 三是是: a doubled 是 is a typo, not part of the item.
            let body = text[*label_end..end].trim_start_matches('是').trim();
            items.push(Item {
                label: label.clone(),
                text: body.to_string(),
                deadline: deadline_in(body),
            });
        }
        return items;
    }
    Vec::new()
}

fn marker_positions(text: &str, family: MarkerFamily) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    for n in 1..=30 {
        let hit = family(n)
            .into_iter()
            .filter_map(|m| text[from..].find(&m).map(|i| (from + i, m)))
            .min_by_key(|(i, _)| *i);
        match hit {
            Some((at, marker)) => {
                from = at + marker.len();
                found.push((at, from, marker));
            }
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_items_in_sequence_even_without_punctuation_before_them() {
        let items =
            inline_items("专题。一是集中学习。二是2022年底前完成评估，达到二级三是是开展整治。");
        let labels: Vec<_> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["一是", "二是", "三是"]);
        assert_eq!(items[1].deadline.as_deref(), Some("2022年底前"));
        assert_eq!(items[2].text, "开展整治。");
    }

    #[test]
    fn numbered_lines_in_a_cell_are_items() {
        let items = inline_items("开展整治：\n1.全面排查。\n2.2024年底前完成整改。\n逐项销号。");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].deadline.as_deref(), Some("2024年底前"));
        assert_eq!(items[1].text, "2024年底前完成整改。\n逐项销号。");
        assert!(inline_items("1.只有一项。").is_empty());
    }

    #[test]
    fn bracketed_and_circled_items() {
        assert_eq!(inline_items("措施：（1）排查；(2)整改。").len(), 2);
        assert_eq!(inline_items("①排查②整改③验收").len(), 3);
        assert!(inline_items("统一是关键，没有编号").is_empty());
    }
}
