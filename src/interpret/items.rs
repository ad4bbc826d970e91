//! Sub-items inside a task's text: 一是…二是…, 第一，…第二，…, （1）…（2）…, ①…②…, ⑴…⑵…, and 1.…2.…
//! after stops.

use super::deadline::deadline_in;
use super::numbering::{LabelKind, after_label, chinese_numeral, parse_label};
use crate::model::Item;

/// A family of inline markers, the n-th of which is given by the function (1-based).
type MarkerFamily = fn(u32) -> Vec<String>;

const FAMILIES: &[MarkerFamily] = &[
    |n| vec![format!("{}是", chinese_numeral(n))],
    // `第一，开展排查；第二，建立台账`: ordinals inside a paragraph.
    |n| {
        let numeral = chinese_numeral(n);
        vec![format!("第{numeral}，"), format!("第{numeral}、")]
    },
    |n| vec![format!("（{n}）"), format!("({n})")],
    |n| enclosed_number('①', n),
    // `⑴` is （1） printed as one character.
    |n| enclosed_number('⑴', n),
];

/// The n-th of a run of twenty numbers printed as one character each (①…⑳, ⑴…⒇).
fn enclosed_number(first: char, n: u32) -> Vec<String> {
    (1..=20)
        .contains(&n)
        .then(|| char::from_u32(first as u32 + n - 1))
        .flatten()
        .map(|c| vec![c.to_string()])
        .unwrap_or_default()
}

/// Finds the markers of the first family whose 1st marker occurs, in sequence (the n-th marker
/// is searched after the (n-1)-th), and cuts the text at them; failing that, lines of the text
/// numbered 1. 2. … (a table cell holding a numbered list).
pub fn inline_items(text: &str) -> Vec<Item> {
    let items = marked_items(text);
    if !items.is_empty() {
        return items;
    }
    let items = numbered_lines(text);
    if items.is_empty() {
        numbered_after_stops(text)
    } else {
        items
    }
}

/// `加强监管。1.开展排查；2.建立台账；3.落实整改。`: 1., 2., … in order inside one paragraph,
/// each opening the text or following a stop and followed by a word, at least two of them. A
/// number inside a sentence (`投入1.5亿元`, `第2.3条`) follows no stop.
fn numbered_after_stops(text: &str) -> Vec<Item> {
    let bytes = text.as_bytes();
    // Where the item numbered `value` may start at `at`: the number opens the text or follows a
    // stop, and words follow its label.
    let item_at = |at: usize, value: usize| -> Option<(usize, usize, String)> {
        // A number's first digit only: one after a digit starts no label.
        if at > 0 && bytes[at - 1].is_ascii_digit() {
            return None;
        }
        // A line break ends a sentence as a stop does (a cell's title, then `1.…；2.…`).
        let before = text[..at].trim_end_matches(crate::normalize::is_space);
        let after_stop = text[before.len()..at].contains('\n')
            || before
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '。' | '；' | ';' | '：' | ':' | '！' | '？'));
        if !after_stop {
            return None;
        }
        let label = parse_label(&text[at..])
            .filter(|l| l.kind == LabelKind::Arabic && l.value as usize == value)?;
        let body = at + label.len;
        // A digit after `2.` may be a decimal's (2.3公里); after `3、`, or as a year
        // (`3.2027年1月底前完成`), it opens the item.
        let rest = &text[body..];
        let comma = text[..body].ends_with('、');
        let opens_with_year = rest.len() > 4
            && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && rest[4..].starts_with('年');
        let opens_words = opens_with_year
            || rest
                .chars()
                .next()
                .is_some_and(|c| crate::normalize::is_han(c) || (comma && c.is_ascii_digit()));
        opens_words.then_some((at, body, label.seq))
    };
    // Each next number is searched for after the last item's start (at memory speed: most task
    // texts hold no `1` after a stop at all).
    let mut starts: Vec<(usize, usize, String)> = Vec::new();
    let mut from = 0;
    loop {
        let value = starts.len() + 1;
        let number = value.to_string();
        let found = memchr::memmem::find_iter(&bytes[from..], number.as_bytes())
            .find_map(|i| item_at(from + i, value));
        let Some(item) = found else {
            break;
        };
        from = item.0 + 1;
        starts.push(item);
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let ends = starts
        .iter()
        .skip(1)
        .map(|(at, ..)| *at)
        .chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|((_, body, seq), end)| {
            let body = text[*body..end].trim();
            Item {
                label: seq.clone(),
                text: body.to_string(),
                deadline: deadline_in(body),
            }
        })
        .collect()
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
                // `第一，`: the pause after an ordinal is no part of its label.
                label: label.trim_end_matches(['，', '、']).to_string(),
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
    fn numbers_after_stops_inside_a_paragraph_are_items() {
        let items = inline_items(
            "加强监管。1.开展排查；2．建立台账；3、2026年底前落实整改。（责任单位：县交通局）",
        );
        assert_eq!(
            inline_items("开展排查。1.建立台账；2.2027年1月底前销号。").len(),
            2
        );
        let labels: Vec<_> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3"]);
        assert_eq!(items[0].text, "开展排查；");
        assert_eq!(items[2].deadline.as_deref(), Some("2026年底前"));
        // Numbers inside sentences, out of order, or alone are no items.
        assert!(inline_items("投入1.5亿元，建成2.3公里。").is_empty());
        assert!(inline_items("开展排查。2.建立台账。3.落实整改。").is_empty());
        assert!(inline_items("开展排查。1.建立台账。").is_empty());
        assert!(inline_items("按照第1.2条执行；2.3版本同步。").is_empty());
        // A cell's title on its own line, then the measures numbered after stops.
        let items = inline_items("推进城市更新\n1.改造老旧小区；2.新建停车场；3.完善配套");
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].text, "改造老旧小区；");
        assert!(inline_items("推进城市更新\n2.改造老旧小区；3.新建停车场").is_empty());
    }

    #[test]
    fn bracketed_and_circled_items() {
        assert_eq!(inline_items("措施：（1）排查；(2)整改。").len(), 2);
        assert_eq!(inline_items("①排查②整改③验收").len(), 3);
        let ordinals = inline_items("加强监管。第一，开展排查；第二，建立台账；第三、落实整改。");
        assert_eq!(
            ordinals
                .iter()
                .map(|i| i.label.as_str())
                .collect::<Vec<_>>(),
            ["第一", "第二", "第三"]
        );
        assert_eq!(ordinals[1].text, "建立台账；");
        assert!(inline_items("完成第一、二季度排查。").is_empty());
        assert_eq!(inline_items("加强监管。⑴排查；⑵整改；⑶验收。").len(), 3);
        assert!(enclosed_number('①', 21).is_empty());
        assert!(inline_items("统一是关键，没有编号").is_empty());
    }
}
