//! Named leaders: `副区长祝莹负责…` in a division of work, `组长：周振海  市委副书记、代市长` in a
//! leading group, and A/B 角 pairs.

use crate::model::Person;
use crate::normalize::{is_han, is_space};
use crate::vocab::{COMPOUND_SURNAMES, LEADER_POSTS, LEADER_VERBS, SURNAMES};
use regex::Regex;
use std::sync::LazyLock;

/// A leader named in a sentence, with the posts printed before the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLeader {
    pub name: String,
    pub title: String,
}

/// Finds `POST NAME VERB` in a sentence: 区委常委、区人民政府常务副区长李先勇分管… → 李先勇.
pub fn leaders_in(sentence: &str) -> Vec<NamedLeader> {
    let mut found: Vec<NamedLeader> = Vec::new();
    let mut search_from = 0;
    while search_from < sentence.len() {
        let next = LEADER_POSTS
            .iter()
            .filter_map(|post| {
                sentence[search_from..]
                    .find(post)
                    .map(|i| (search_from + i, *post))
            })
            .min_by_key(|(i, post)| (*i, std::cmp::Reverse(post.len())));
        let Some((at, post)) = next else { break };
        let after = at + post.len();
        if let Some(name) = name_before_verb(&sentence[after..]) {
            let title = sentence[..after]
                .rsplit(['，', '。', '；', ','])
                .next()
                .unwrap_or("")
                .trim();
            if !found.iter().any(|l| l.name == name) {
                found.push(NamedLeader {
                    name: name.to_string(),
                    title: title.to_string(),
                });
            }
        }
        search_from = after;
    }
    found
}

/// A surname plus one or two characters, followed by a division-of-work verb.
fn name_before_verb(text: &str) -> Option<&str> {
    let surname_len = COMPOUND_SURNAMES
        .iter()
        .find(|s| text.starts_with(**s))
        .map(|s| s.len())
        .or_else(|| {
            text.chars()
                .next()
                .filter(|c| SURNAMES.contains(*c))
                .map(char::len_utf8)
        })?;
    let rest = &text[surname_len..];
    let mut end = surname_len;
    for c in rest.chars().take(2) {
        if !is_han(c) {
            return None;
        }
        end += c.len_utf8();
        if LEADER_VERBS.iter().any(|v| text[end..].starts_with(v))
            || text[end..].starts_with("同志")
        {
            return Some(&text[..end]);
        }
    }
    None
}

/// `副组长:刘庆帅  市委常委、副市长` or a continuation line `王殿玉  副市长`: a name, a gap, a post.
static MEMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[\p{Han}\s]{0,6}[:：]\s*)?(\p{Han}{2,4})(?:\s{2,}|\u{3000}+)(\S*(?:长|书记|主任|委员|常委|主席|部长|局长)\S*)$").unwrap()
});

/// A member of a leading group listed on its own line.
pub fn member_line(line: &str) -> Option<Person> {
    let caps = MEMBER_LINE.captures(line)?;
    let name = &caps[1];
    if !starts_with_surname(name) {
        return None;
    }
    Some(Person {
        name: name.to_string(),
        title: Some(caps[2].trim_matches(is_space).to_string()),
        backup: None,
    })
}

fn starts_with_surname(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// `其中,李先勇和刘辉、陈晓红和祝莹互为A、B角` → the pairs.
pub fn backup_pairs(sentence: &str) -> Vec<(String, String)> {
    let Some(end) = sentence.find("互为") else {
        return Vec::new();
    };
    let start = sentence[..end]
        .rfind("其中")
        .map(|i| i + "其中".len())
        .unwrap_or(0);
    sentence[start..end]
        .split(['、', '，', ',', '；', ';'])
        .filter_map(|pair| {
            let (a, b) = pair.trim().split_once(['和', '与'])?;
            let (a, b) = (a.trim(), b.trim());
            (starts_with_surname(a)
                && starts_with_surname(b)
                && (2..=4).contains(&a.chars().count())
                && (2..=4).contains(&b.chars().count()))
            .then(|| (a.to_string(), b.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leader_names_follow_posts_and_precede_verbs() {
        let found = leaders_in("区委常委、区人民政府常务副区长李先勇分管全区安全生产工作");
        assert_eq!(
            found,
            [NamedLeader {
                name: "李先勇".into(),
                title: "区委常委、区人民政府常务副区长".into()
            }]
        );
        assert_eq!(leaders_in("副区长祝莹负责自然资源")[0].name, "祝莹");
        assert_eq!(
            leaders_in("区委副书记、区长刘润长对全区安全生产工作负总责")[0].name,
            "刘润长"
        );
        assert!(leaders_in("区长或者分管安全生产工作的党组成员（副区长）至少每季度").is_empty());
        assert!(leaders_in("区长负责全面贯彻落实").is_empty());
    }

    #[test]
    fn members_of_a_leading_group() {
        let p = member_line("常务副组长: 王树军  市委常委、常务副市长").unwrap();
        assert_eq!(
            (p.name.as_str(), p.title.as_deref()),
            ("王树军", Some("市委常委、常务副市长"))
        );
        assert_eq!(
            member_line("由万庆  市安委办主任、市应急管理局局长")
                .unwrap()
                .name,
            "由万庆"
        );
        assert!(member_line("员:各镇政府主要领导,市安委会成员单位主要负责人。").is_none());
    }

    #[test]
    fn ab_pairs() {
        let pairs = backup_pairs(
            "因实际工作需要，领导同志之间实行角工作代理。其中,李先勇和刘辉、陈晓红和祝莹互为角。",
        );
        assert_eq!(
            pairs,
            [
                ("李先勇".to_string(), "刘辉".to_string()),
                ("陈晓红".to_string(), "祝莹".to_string())
            ]
        );
    }
}
