//! A list of names that answers "is this name in it?" without a search once it is long: a
//! phrase may name thousands of units (a page read as one paragraph), and searching the list for
//! every name added made reading such a phrase quadratic.

use std::collections::HashMap;

/// Up to this many names the list is searched: cheaper than a set for the few names of an
/// ordinary phrase.
const SEARCHED_UP_TO: usize = 16;

/// Names in the order they were added, with how often each stands in the list once it is long.
#[derive(Debug, Default)]
pub struct NameList {
    names: Vec<String>,
    counts: Option<HashMap<String, usize>>,
}

impl NameList {
    /// The list as it stands, repeats and all.
    pub fn from_vec(names: Vec<String>) -> Self {
        let mut list = NameList {
            names,
            counts: None,
        };
        list.count_if_long();
        list
    }

    pub fn into_vec(self) -> Vec<String> {
        self.names
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn contains(&self, name: &str) -> bool {
        match &self.counts {
            Some(counts) => counts.contains_key(name),
            None => self.names.iter().any(|n| n == name),
        }
    }

    /// Adds `name` unless it is empty or listed already.
    pub fn push_unique(&mut self, name: String) {
        if !name.is_empty() && !self.contains(&name) {
            self.push(name);
        }
    }

    /// Adds `name` whatever the list holds.
    pub fn push(&mut self, name: String) {
        if let Some(counts) = &mut self.counts {
            *counts.entry(name.clone()).or_default() += 1;
        }
        self.names.push(name);
        self.count_if_long();
    }

    /// Appends `text` to the last name.
    pub fn extend_last(&mut self, text: &str) {
        let Some(last) = self.names.last_mut() else {
            return;
        };
        if let Some(counts) = &mut self.counts {
            if let Some(count) = counts.get_mut(last.as_str()) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(last.as_str());
                }
            }
            last.push_str(text);
            *counts.entry(last.clone()).or_default() += 1;
        } else {
            last.push_str(text);
        }
    }

    pub fn last(&self) -> Option<&str> {
        self.names.last().map(String::as_str)
    }

    fn count_if_long(&mut self) {
        if self.counts.is_none() && self.names.len() > SEARCHED_UP_TO {
            let mut counts = HashMap::with_capacity(self.names.len() * 2);
            for name in &self.names {
                *counts.entry(name.clone()).or_default() += 1;
            }
            self.counts = Some(counts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation against a plain vector searched on each question, short and long.
    #[test]
    fn the_list_answers_as_a_searched_vector_does() {
        let names: Vec<String> =
            crate::test_samples::strings(&['甲', '乙', '丙', '丁'], 2, 4000).collect();
        for start in [0, 3, 20] {
            let mut list = NameList::from_vec(names[..start].to_vec());
            let mut plain: Vec<String> = names[..start].to_vec();
            for (k, name) in names[start..].iter().enumerate() {
                match k % 4 {
                    0 => {
                        list.push(name.clone());
                        plain.push(name.clone());
                    }
                    1 => {
                        list.extend_last(name);
                        if let Some(last) = plain.last_mut() {
                            last.push_str(name);
                        }
                    }
                    _ => {
                        list.push_unique(name.clone());
                        if !name.is_empty() && !plain.contains(name) {
                            plain.push(name.clone());
                        }
                    }
                }
                if k % 50 == 0 {
                    for probe in &names[..40] {
                        assert_eq!(list.contains(probe), plain.contains(probe), "{probe}");
                    }
                }
                assert_eq!(list.last(), plain.last().map(String::as_str));
            }
            assert_eq!(list.into_vec(), plain);
        }
    }
}
