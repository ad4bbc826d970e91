//! Generated test lines for the hand-written readers that replaced regular expressions: each is
//! checked against its old expression on thousands of lines built from the grammar's parts.

/// Lines made of one choice from each of `parts`, picked by a fixed xorshift sequence so that
/// every run checks the same lines.
pub fn lines<'a>(parts: &'a [&'a [&'a str]], count: usize) -> impl Iterator<Item = String> + 'a {
    let mut state = 0x2545_f491_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count).map(move |_| {
        parts
            .iter()
            .map(|choices| choices[(next() % choices.len() as u64) as usize])
            .collect()
    })
}
