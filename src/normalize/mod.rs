//! Unit and person names: splitting printed lists into names, and putting each name in full.

pub mod after_prefix;
pub mod directory;
pub mod endings;
pub mod name_list;
pub mod persons;
pub mod suggest;
pub mod units;

/// Splits at separators that are not inside brackets, so 区安委办（区应急管理局、区消防救援大队）
/// stays one name.
pub fn split_top_level(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' | '《' => depth += 1,
            '）' | ')' | '】' | ']' | '》' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && is_separator(c) {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Whether a short text holds `word`: compared a window at a time, since setting up the search
/// `str::contains` runs costs more than the comparisons on a heading or a header cell.
pub fn short_text_contains(text: &str, word: &str) -> bool {
    let word = word.as_bytes();
    let Some(&last) = word.last() else {
        return true;
    };
    // The last byte first: a Chinese character's last byte varies, its first hardly.
    text.as_bytes()
        .windows(word.len())
        .any(|window| window[word.len() - 1] == last && window == word)
}

/// Where the first colon (`：` or `:`) of `text` is, in bytes: a byte search, since the
/// colon that ends a label is looked for in every paragraph.
pub fn find_colon(text: &str) -> Option<usize> {
    const FULL_WIDTH: &[u8] = "：".as_bytes();
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', FULL_WIDTH[2], bytes).find_map(|at| {
        if bytes[at] == b':' {
            Some(at)
        } else {
            let start = at.checked_sub(2)?;
            (&bytes[start..=at] == FULL_WIDTH).then_some(start)
        }
    })
}

/// Width of text in display columns (a terminal's, Excel's units): a CJK or full-width character
/// counts two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// Whether a character takes two display columns (CJK, full-width forms).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Spaces of every width a Word export produces.
pub fn is_space(c: char) -> bool {
    is_white_space(c)
}

/// `char::is_whitespace` (Unicode's White_Space), as ranges rather than a table lookup: it is
/// asked of nearly every character read, and Chinese text is all characters past ASCII.
pub fn is_white_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'..='\r'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Full-width digits as ASCII (２０２３ → 2023), for matching dates and numbers. Most text holds
/// none and is lent back as it is: a date is looked for on whole paragraphs.
pub fn half_width_digits(text: &str) -> std::borrow::Cow<'_, str> {
    // U+FF10..U+FF19 are EF BC 90..99 in UTF-8.
    let holds_full_width_digit = memchr::memmem::find_iter(text.as_bytes(), b"\xEF\xBC")
        .any(|at| matches!(text.as_bytes().get(at + 2), Some(0x90..=0x99)));
    if !holds_full_width_digit {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// 1 → 一, 12 → 十二, for printing an inferred label.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n % 10 == 0 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n % 10 == 0 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_colon_is_found_as_a_character_search_finds_it() {
        // 蚚 (U+869A) ends in the colon's last byte: a byte that is not a colon's end.
        let parts: &[&[&str]] = &[
            &["", "区水利局", "蚚", "：", ":", "a"],
            &["", "：", ":", "负责", "蚚", "ｚ"],
            &["", "：", "河道", "::", "蚚："],
        ];
        for text in crate::test_samples::lines(parts, 3_000) {
            assert_eq!(find_colon(&text), text.find(['：', ':']), "{text:?}");
        }
    }

    #[test]
    fn a_short_text_holds_a_word_as_contains_says() {
        let parts: &[&[&str]] = &[
            &["", "总体", "要求", "工作", "甲"],
            &["", "总体", "要求", "目标"],
        ];
        let texts: Vec<String> = crate::test_samples::lines(parts, 200).collect();
        for text in &texts {
            for word in &texts {
                assert_eq!(
                    short_text_contains(text, word),
                    text.contains(word.as_str())
                );
            }
        }
    }

    #[test]
    fn white_space_is_unicodes_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_white_space(c), c.is_whitespace(), "{:X}", c as u32);
        }
        // U+3000 and U+00A0, which Word exports pad with, are white space in Unicode too.
        assert!(is_space('\u{3000}') && is_space('\u{a0}'));
    }

    #[test]
    fn full_width_digits_become_ascii_and_other_text_is_lent_back() {
        assert_eq!(half_width_digits("２０２３年１２月"), "2023年12月");
        assert_eq!(half_width_digits("第１条（一）ＡＢ"), "第1条（一）ＡＢ");
        assert!(matches!(
            half_width_digits("2023年，（一）ＡＢ：！"),
            std::borrow::Cow::Borrowed(_)
        ));
        // Every code point that shares the full-width digits' first two bytes, each way.
        for c in '\u{FF00}'..='\u{FF3F}' {
            let text = format!("年{c}");
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap(),
                    _ => c,
                })
                .collect();
            assert_eq!(half_width_digits(&text), expected, "{c}");
        }
    }

    #[test]
    fn lists_split_at_separators_outside_brackets() {
        let parts = split_top_level(
            "区安委办（区应急局、区消防大队）、区公安局、",
            |c| c == '、',
        );
        assert_eq!(parts, ["区安委办（区应急局、区消防大队）", "区公安局", ""]);
        assert_eq!(split_top_level("", |c| c == '、'), [""]);
    }
}
