//! The `due` date of a task: the last day its printed time limit allows.

use crate::normalize::half_width_digits;
use regex::Regex;
use std::sync::LazyLock;

static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(上旬|中旬|下旬|月底|底|末|初|年底|年末|第[一二三四1-4]季度|[一二三四]季度|上半年|下半年)?").unwrap()
});

/// A date as spreadsheets print it: 2024-06-30, 2024/6/30, 2024.6.30.
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})").unwrap());

/// The date a printed limit names: the last day it allows. `None` for standing limits.
pub fn due_date(deadline: &str) -> Option<String> {
    let normalized = half_width_digits(deadline);
    if let Some(caps) = NUMERIC_DATE.captures(&normalized) {
        let (year, month, day) = (
            caps[1].parse().ok()?,
            caps[2].parse().ok()?,
            caps[3].parse().ok()?,
        );
        return valid_date(year, month, day);
    }
    let caps = PARTS.captures(&normalized)?;
    let year: u32 = caps[1].parse().ok()?;
    let month: Option<u32> = caps.get(2).and_then(|m| m.as_str().parse().ok());
    let day: Option<u32> = caps.get(3).and_then(|m| m.as_str().parse().ok());
    let qualifier = caps.get(4).map(|m| m.as_str()).unwrap_or("");
    let (month, day) = match (month, day) {
        (Some(m), Some(d)) => (m, d),
        (Some(m), None) => match qualifier {
            "上旬" => (m, 10),
            "中旬" => (m, 20),
            "初" => (m, 10),
            _ => (m, last_day(year, m)?),
        },
        (None, _) => {
            let quarter = qualifier.chars().find_map(|c| match c {
                '一' | '1' => Some(1),
                '二' | '2' => Some(2),
                '三' | '3' => Some(3),
                '四' | '4' => Some(4),
                _ => None,
            });
            match (qualifier, quarter) {
                ("上半年", _) => (6, 30),
                (_, Some(q)) if qualifier.contains("季度") => (q * 3, last_day(year, q * 3)?),
                _ => (12, 31),
            }
        }
    };
    valid_date(year, month, day)
}

fn valid_date(year: u32, month: u32, day: u32) -> Option<String> {
    if !(1..=12).contains(&month) || day == 0 || day > last_day(year, month)? {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn last_day(year: u32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_the_last_day_allowed() {
        assert_eq!(due_date("2022年底前").as_deref(), Some("2022-12-31"));
        assert_eq!(due_date("2023年6月底前").as_deref(), Some("2023-06-30"));
        assert_eq!(due_date("2024年2月底").as_deref(), Some("2024-02-29"));
        assert_eq!(due_date("2021年第四季度前").as_deref(), Some("2021-12-31"));
        assert_eq!(due_date("2022年上半年").as_deref(), Some("2022-06-30"));
        assert_eq!(due_date("2022年3月15日前").as_deref(), Some("2022-03-15"));
        assert_eq!(
            due_date("２０２３年９月中旬").as_deref(),
            Some("2023-09-20")
        );
        assert_eq!(due_date("2024-06-30").as_deref(), Some("2024-06-30"));
        assert_eq!(due_date("2024/6/31"), None);
        assert_eq!(due_date("长期坚持"), None);
        assert_eq!(due_date("持续推进"), None);
    }
}
