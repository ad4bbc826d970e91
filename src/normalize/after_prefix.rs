//! Whether a document prints a name right after a level prefix (`区` + `壬戊午公司`), answered by
//! a binary search over the places the prefix stands, sorted by the text that follows each: a
//! scan of the whole text for every name made a long document's cost grow with the number of
//! names times its length.

use std::cell::RefCell;

/// How much of the text after a prefix its places are sorted by. No unit name is this long; a
/// longer one is looked for by a scan of the text.
const SORTED_BYTES: usize = 192;

/// The places of each level prefix asked about so far, sorted by what follows them.
#[derive(Debug)]
pub struct PrefixIndex<'a> {
    text: &'a str,
    /// Built on the first question about each prefix: most documents ask about none.
    sorted: RefCell<Vec<(&'static str, Vec<usize>)>>,
}

impl<'a> PrefixIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        PrefixIndex {
            text,
            sorted: RefCell::default(),
        }
    }

    /// Whether `prefix` immediately followed by `name` stands anywhere in the text.
    pub fn printed_after(&self, prefix: &'static str, name: &str) -> bool {
        let name = name.as_bytes();
        if name.len() > SORTED_BYTES {
            let prefixed = [prefix.as_bytes(), name].concat();
            return memchr::memmem::find(self.text.as_bytes(), &prefixed).is_some();
        }
        let mut sorted = self.sorted.borrow_mut();
        let index = match sorted.iter().position(|(p, _)| *p == prefix) {
            Some(index) => index,
            None => {
                sorted.push((prefix, self.places_after(prefix)));
                sorted.len() - 1
            }
        };
        let places = &sorted[index].1;
        // Texts that start with `name` sort together, from the first that is not below it.
        let first = places.partition_point(|&at| self.following(at) < name);
        places
            .get(first)
            .is_some_and(|&at| self.following(at).starts_with(name))
    }

    /// Where the text after each occurrence of `prefix` starts, sorted by that text.
    fn places_after(&self, prefix: &str) -> Vec<usize> {
        let mut places: Vec<usize> = memchr::memmem::find_iter(self.text.as_bytes(), prefix)
            .map(|at| at + prefix.len())
            .collect();
        places.sort_unstable_by(|&a, &b| self.following(a).cmp(self.following(b)));
        places
    }

    fn following(&self, at: usize) -> &[u8] {
        let bytes = self.text.as_bytes();
        &bytes[at..(at + SORTED_BYTES).min(bytes.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_after_its_prefix_as_a_scan_finds_it() {
        let text = "区应急局、区甲乙公司负责；市丙丁协会配合。区甲乙公司二部。区区长。区";
        let index = PrefixIndex::new(text);
        let scan = |prefix: &str, name: &str| text.contains(&format!("{prefix}{name}"));
        for prefix in ["区", "市", "县"] {
            for name in [
                "应急局",
                "甲乙公司",
                "甲乙公司二部",
                "甲乙",
                "丙丁协会",
                "区长",
                "长",
                "",
                "应急局、区甲乙公司负责",
                "甲乙公司三部",
                "不在文中",
            ] {
                assert_eq!(
                    index.printed_after(prefix, name),
                    scan(prefix, name),
                    "{prefix}{name}"
                );
            }
        }
    }

    #[test]
    fn generated_names_are_found_as_a_scan_finds_them() {
        let alphabet = ['区', '市', '甲', '乙', '丙', '局', '、'];
        let texts: Vec<String> = crate::test_samples::strings(&alphabet, 40, 200).collect();
        let names: Vec<String> = crate::test_samples::strings(&alphabet[2..], 4, 200).collect();
        for text in &texts {
            let index = PrefixIndex::new(text);
            for name in &names {
                for prefix in ["区", "市"] {
                    assert_eq!(
                        index.printed_after(prefix, name),
                        text.contains(&format!("{prefix}{name}")),
                        "{prefix}{name} in {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_name_longer_than_the_sorted_text_is_found_by_a_scan() {
        let long = "甲".repeat(SORTED_BYTES);
        let text = format!("开头区{long}结尾");
        let index = PrefixIndex::new(&text);
        assert!(index.printed_after("区", &long));
        assert!(!index.printed_after("市", &long));
    }
}
