//! A list of names that answers "is this name in it?" without a search once it is long: a
//! phrase may name thousands of units (a page read as one paragraph), and searching the list for
//! every name added made reading such a phrase quadratic.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Up to this many names the list is searched: cheaper than a table for the few names of an
/// ordinary phrase.
const SEARCHED_UP_TO: usize = 16;

/// Names in the order they were added and, once the list is long, a table of their places
/// (repeats each have theirs), so a name is looked up by its hash and nothing is copied.
#[derive(Debug, Default)]
pub struct NameList {
    names: Vec<String>,
    places: Option<Places>,
}

/// Indices into the list's names, hashed by the name at each: a seeded hash, so a crafted
/// document cannot make lookups collide.
#[derive(Debug, Default)]
struct Places {
    table: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl Places {
    fn hash(&self, name: &str) -> u64 {
        self.hasher.hash_one(name)
    }

    fn insert(&mut self, names: &[String], index: usize) {
        let hash = self.hash(&names[index]);
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, index, |&i| hasher.hash_one(names[i].as_str()));
    }

    fn remove(&mut self, names: &[String], index: usize) {
        let hash = self.hash(&names[index]);
        if let Ok(entry) = self.table.find_entry(hash, |&i| i == index) {
            entry.remove();
        }
    }

    fn contains(&self, names: &[String], name: &str) -> bool {
        self.table
            .find(self.hash(name), |&i| names[i] == name)
            .is_some()
    }
}

impl NameList {
    /// The list as it stands, repeats and all.
    pub fn from_vec(names: Vec<String>) -> Self {
        let mut list = NameList {
            names,
            places: None,
        };
        list.index_if_long();
        list
    }

    pub fn into_vec(self) -> Vec<String> {
        self.names
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn contains(&self, name: &str) -> bool {
        match &self.places {
            Some(places) => places.contains(&self.names, name),
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
        self.names.push(name);
        match &mut self.places {
            Some(places) => places.insert(&self.names, self.names.len() - 1),
            None => self.index_if_long(),
        }
    }

    /// Appends `text` to the last name.
    pub fn extend_last(&mut self, text: &str) {
        let Some(last) = self.names.len().checked_sub(1) else {
            return;
        };
        // The last name's place is filed under its old hash: taken out, then filed anew.
        if let Some(places) = &mut self.places {
            places.remove(&self.names, last);
        }
        self.names[last].push_str(text);
        if let Some(places) = &mut self.places {
            places.insert(&self.names, last);
        }
    }

    pub fn last(&self) -> Option<&str> {
        self.names.last().map(String::as_str)
    }

    fn index_if_long(&mut self) {
        if self.places.is_none() && self.names.len() > SEARCHED_UP_TO {
            let mut places = Places {
                table: HashTable::with_capacity(self.names.len() * 2),
                hasher: DefaultHashBuilder::default(),
            };
            for index in 0..self.names.len() {
                places.insert(&self.names, index);
            }
            self.places = Some(places);
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
                // One place per name: a renamed last name leaves no stale place behind.
                if let Some(places) = &list.places {
                    assert_eq!(places.table.len(), list.names.len());
                }
            }
            assert_eq!(list.into_vec(), plain);
        }
    }
}
