//! Generated test lines for the hand-written readers that replaced regular expressions: each is
//! checked against its old expression on thousands of lines built from the grammar's parts.

/// Lines made of one choice from each of `parts`, picked by a fixed xorshift sequence so that
/// every run checks the same lines.
pub fn lines<'a>(parts: &'a [&'a [&'a str]], count: usize) -> impl Iterator<Item = String> + 'a {
    let mut next = xorshift();
    (0..count).map(move |_| {
        parts
            .iter()
            .map(|choices| choices[(next() % choices.len() as u64) as usize])
            .collect()
    })
}

/// Strings of 0 to `max_chars` characters drawn from `alphabet`, picked by the same fixed
/// sequence: every short string over the characters a grammar is made of, in effect.
pub fn strings(
    alphabet: &[char],
    max_chars: usize,
    count: usize,
) -> impl Iterator<Item = String> + '_ {
    let mut next = xorshift();
    (0..count).map(move |_| {
        let chars = (next() % (max_chars as u64 + 1)) as usize;
        (0..chars)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect()
    })
}

/// A fixed xorshift sequence: the same samples on every run.
fn xorshift() -> impl FnMut() -> u64 {
    let mut state = 0x2545_f491_u64;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
