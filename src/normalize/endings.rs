//! Word lists asked, for many names, whether a name ends with one of their words (局, 副县长 …).

/// The words of some lists, grouped by their last character: a name is compared only with the
/// words that end as it does, instead of with every word of every list.
pub struct Endings {
    /// Sorted by the character, for a binary search.
    by_last_char: Vec<(char, Vec<&'static str>)>,
    /// An empty word, which every name ends with.
    has_empty: bool,
}

impl Endings {
    pub fn new(lists: &[&[&'static str]]) -> Self {
        let mut by_last_char: Vec<(char, Vec<&'static str>)> = Vec::new();
        let mut has_empty = false;
        for &word in lists.iter().flat_map(|list| list.iter()) {
            let Some(last) = word.chars().next_back() else {
                has_empty = true;
                continue;
            };
            match by_last_char.iter_mut().find(|(c, _)| *c == last) {
                Some((_, words)) => words.push(word),
                None => by_last_char.push((last, vec![word])),
            }
        }
        by_last_char.sort_by_key(|(c, _)| *c);
        Endings {
            by_last_char,
            has_empty,
        }
    }

    /// Whether `name` is one of the words, nothing more or less.
    pub fn is_one(&self, name: &str) -> bool {
        let Some(last) = name.chars().next_back() else {
            return self.has_empty;
        };
        self.by_last_char
            .binary_search_by_key(&last, |(c, _)| *c)
            .is_ok_and(|group| self.by_last_char[group].1.contains(&name))
    }

    /// Whether `name` ends with one of the words.
    pub fn end(&self, name: &str) -> bool {
        if self.has_empty {
            return true;
        }
        let Some(last) = name.chars().next_back() else {
            return false;
        };
        self.by_last_char
            .binary_search_by_key(&last, |(c, _)| *c)
            .is_ok_and(|group| self.by_last_char[group].1.iter().any(|w| name.ends_with(w)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{GOV_BODY_SUFFIXES, LEADER_POSTS, PERSON_POST_ENDINGS};

    #[test]
    fn a_name_ends_with_a_word_exactly_when_it_ends_with_one_of_the_list() {
        let lists: &[&[&'static str]] = &[LEADER_POSTS, PERSON_POST_ENDINGS, GOV_BODY_SUFFIXES];
        let endings = Endings::new(lists);
        let words: Vec<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        let sample: Vec<&str> = words
            .iter()
            .copied()
            .chain(["", "区", "县公安", "长x", "副"])
            .collect();
        let parts: [&[&str]; 3] = [&sample, &sample, &sample];
        for name in crate::test_samples::lines(&parts, 20_000) {
            let expected = words.iter().any(|w| name.ends_with(w));
            assert_eq!(endings.end(&name), expected, "{name:?}");
        }
        assert!(!endings.end(""));
        assert!(Endings::new(&[&["局", ""]]).end("甲"));
    }
}
