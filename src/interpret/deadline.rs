//! Time limits in text: `2022年底前`, `2023年6月底前`, `2021年第四季度前`, `长期坚持` …; their dates
//! are `interpret::due`.

use regex::Regex;
use std::sync::LazyLock;

const DATE_PART: &str = r"(?:[0-9０-９]{4}年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?(?:上旬|中旬|下旬|月底|底|末|初|年底|年末|第[一二三四1-4]季度|[一二三四]季度|上半年|下半年)?)";

/// A time limit opening a task (`2016年6月底前，完成…`).
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({DATE_PART}(?:前|之前|以前)?(?:完成)?)[，,、：:\s]"
    ))
    .unwrap()
});
/// A time limit anywhere in an item's text.
static ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{DATE_PART}(?:前|之前|以前)")).unwrap());

/// The limit that opens a task's text, if any.
pub fn leading_deadline(text: &str) -> Option<String> {
    // Every limit opens with its year's digits: other text never compiles the pattern.
    if !text.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    LEADING.captures(text).map(|c| c[1].to_string())
}

/// The first dated limit inside a piece of text (for sub-items).
pub fn deadline_in(text: &str) -> Option<String> {
    if !text.contains('年') {
        return None;
    }
    ANYWHERE.find(text).map(|m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_limit_that_opens_the_text_is_the_tasks() {
        assert_eq!(
            leading_deadline("2016年6月底前，完成改革").as_deref(),
            Some("2016年6月底前")
        );
        assert_eq!(leading_deadline("推进改造，2023年年底前完成"), None);
        assert_eq!(
            deadline_in("全面建成运行，2022年底前分类分批完成").as_deref(),
            Some("2022年底前")
        );
    }
}
