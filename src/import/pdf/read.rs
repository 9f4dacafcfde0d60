//! Reading a PDF's text layer with `pdf_oxide`: glyphs with positions, and ruling lines.
//!
//! The crate is large and the input is untrusted, so every call into it runs under
//! `catch_unwind`: a PDF that makes it panic is reported as damaged, never a crash.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::layout::{Glyph, PageGlyphs, Rule};

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a PDF, or its structure could not be parsed.
    Damaged(String),
    /// Encrypted with a password we do not have.
    Encrypted,
    /// Pages, but no text on any of them.
    NoTextLayer { pages: usize },
}

/// Tenths of a point, rounded; the one place positions leave floating point.
fn tenths(v: f32) -> i32 {
    if v.is_finite() {
        (v * 10.0).round().clamp(-1.0e8, 1.0e8) as i32
    } else {
        0
    }
}

fn quiet<T>(f: impl FnOnce() -> T) -> Option<T> {
    // The default hook would print the crate's panic message on stderr; a damaged file is
    // reported by us instead.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    result
}

/// Reads every page of the PDF in `bytes`, handing each page to `each` as soon as it is read;
/// the pages come back with their rules and sizes and `each`'s answer, their glyphs dropped,
/// so only one page's glyphs are ever held (peak memory, docs/performance.md).
pub fn read_pages<T>(
    bytes: Vec<u8>,
    mut each: impl FnMut(&PageGlyphs) -> T,
) -> Result<Vec<(PageGlyphs, T)>, ReadError> {
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(ReadError::Damaged("not a PDF file (no %PDF header)".into()));
    }
    let doc = quiet(move || pdf_oxide::PdfDocument::from_bytes(bytes))
        .ok_or_else(|| ReadError::Damaged("the PDF reader failed on this file".into()))?
        .map_err(|e| {
            let text = e.to_string();
            if text.to_lowercase().contains("encrypt") || text.to_lowercase().contains("password") {
                ReadError::Encrypted
            } else {
                ReadError::Damaged(text)
            }
        })?;
    if quiet(|| doc.is_encrypted()).unwrap_or(false) {
        // An empty user password opens most "encrypted" published PDFs; only a document
        // whose text cannot be read is refused below.
        let readable =
            quiet(|| doc.extract_chars(0).map(|c| !c.is_empty()).unwrap_or(false)).unwrap_or(false);
        if !readable {
            return Err(ReadError::Encrypted);
        }
    }
    let count = quiet(|| doc.page_count())
        .ok_or_else(|| ReadError::Damaged("the page tree could not be read".into()))?
        .map_err(|e| ReadError::Damaged(e.to_string()))?;
    let mut pages = Vec::with_capacity(count);
    let mut any_text = false;
    for index in 0..count {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        // The uncached call: the crate would otherwise keep every page's glyphs (each with
        // its font name) until the document is dropped.
        let chars =
            quiet(|| doc.extract_chars_filtered(index, Default::default(), Default::default()))
                .and_then(Result::ok)
                .unwrap_or_default();
        let (width, height) = quiet(|| doc.get_page_media_box(index))
            .and_then(Result::ok)
            .map_or((5950, 8420), |(x0, y0, x1, y1)| {
                (tenths(x1 - x0), tenths(y1 - y0))
            });
        let glyphs = chars
            .iter()
            .map(|c| {
                let size = tenths(c.font_size).max(1);
                // Fonts without a widths table report the font size as every glyph's
                // width; an ASCII glyph is never wider than about half an em.
                let reported = tenths(c.bbox.width).max(1);
                let width = if c.char.is_ascii() {
                    reported.min(size * 6 / 10)
                } else {
                    reported.min(size * 11 / 10)
                };
                let x0 = tenths(c.bbox.x);
                Glyph {
                    ch: c.char,
                    x0,
                    x1: x0.saturating_add(width),
                    baseline: tenths(c.origin_y),
                    size,
                }
            })
            .collect();
        let mut rules = Vec::new();
        let shapes = [
            quiet(|| doc.extract_lines(index)),
            quiet(|| doc.extract_rects(index)),
        ];
        for shape in shapes.into_iter().flatten().flatten().flatten() {
            let b = shape.bbox;
            rules.push(Rule {
                x0: tenths(b.x),
                x1: tenths(b.x + b.width),
                y0: tenths(b.y),
                y1: tenths(b.y + b.height),
            });
        }
        let mut page = PageGlyphs {
            number,
            width,
            height,
            glyphs,
            rules,
        };
        any_text |= page.glyphs.iter().any(|g| !g.ch.is_whitespace());
        let made = each(&page);
        page.glyphs = Vec::new();
        pages.push((page, made));
    }
    if !any_text {
        return Err(ReadError::NoTextLayer { pages: pages.len() });
    }
    Ok(pages)
}
