//! Rendering several documents side by side, one per core: a pack's files do not depend on each
//! other once they are laid out, and a trainer's machine has two cores or more.
//!
//! The results come back in the order of the documents, whatever order they finish in, so the
//! output does not depend on timing.

use super::pdf::{RenderError, Rendered, render_with_warnings};
use crate::layout::frame::Document;

/// Renders `docs` on up to as many threads as there are cores, the largest documents first so
/// that no core is left with a big one at the end.
pub fn render_all(docs: &[&Document]) -> Vec<Result<Rendered, RenderError>> {
    // Items drawn is a fair measure of the work a document makes.
    let order = crate::par::biggest_first(
        docs.iter()
            .map(|d| d.pages.iter().map(|p| p.leaf_count()).sum()),
    );
    crate::par::map(docs, Some(&order), |d| render_with_warnings(d))
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(RenderError("a rendering thread stopped".into()))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::Frame;

    #[test]
    fn results_come_back_in_the_order_of_the_documents() {
        let docs: Vec<Document> = (1..=5)
            .map(|n| Document {
                title: format!("doc {n}"),
                pages: (0..n).map(|_| Frame::new(200.0, 300.0)).collect(),
                ..Document::default()
            })
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let all = render_all(&refs);
        assert_eq!(all.len(), 5);
        for (doc, r) in docs.iter().zip(all) {
            let bytes = r.expect("renders").bytes;
            assert_eq!(bytes, render_with_warnings(doc).expect("renders").bytes);
        }
    }
}
