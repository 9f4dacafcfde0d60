//! A place in a workspace: a JSON pointer (RFC 6901) such as
//! `/performance/projects/2/indicators/4/value`, the one way findings, edits, diffs and the
//! screens name where something is.
//!
//! A `Place` is always a valid pointer: it is built token by token ([`Place::key`],
//! [`Place::idx`]) or parsed ([`str::parse`]). It keeps its pointer text, because findings are
//! sorted and searched by prefix on every keystroke: those comparisons stay byte comparisons
//! of the text. Tokens are read back with [`Place::tokens`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A JSON pointer into a workspace; its text is its `Display` and its JSON form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place(String);

/// Why a text is not a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    /// Not empty and not starting with `/`.
    NoLeadingSlash(String),
    /// `~` not followed by `0` or `1`, at this byte offset.
    BadEscape { text: String, at: usize },
}

impl fmt::Display for PlaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlaceError::NoLeadingSlash(text) => write!(
                f,
                "`{text}` is not a JSON pointer: it must be empty or start with `/` (e.g. `/overview/revenue/total`)"
            ),
            PlaceError::BadEscape { text, at } => write!(
                f,
                "`{text}` is not a JSON pointer: `~` at byte {at} must be followed by `0` (for `~`) or `1` (for `/`)"
            ),
        }
    }
}

impl std::error::Error for PlaceError {}

impl Place {
    /// The whole document (the empty pointer).
    pub fn root() -> Place {
        Place(String::new())
    }

    /// The place of a path of object keys: `at(&["overview", "revenue", "total"])` is
    /// `/overview/revenue/total`.
    pub fn at(keys: &[&str]) -> Place {
        keys.iter().fold(Place::root(), |p, k| p.key(k))
    }

    /// `/performance/projects`: the project target tables.
    pub fn projects() -> Place {
        Place::root().key("performance").key("projects")
    }

    /// `/performance/matrix/duties`: the duties of the duty-activity matrix.
    pub fn duties() -> Place {
        Place::root().key("performance").key("matrix").key("duties")
    }

    /// `/tables/{table}/rows/{row}/cells/{column}`: one printed figure of a disclosure table.
    pub fn table_cell(table: usize, row: usize, column: usize) -> Place {
        Place::table_row(table, row).key("cells").idx(column)
    }

    /// `/tables/{table}/rows/{row}`: one body row of a disclosure table.
    pub fn table_row(table: usize, row: usize) -> Place {
        Place::root().key("tables").idx(table).key("rows").idx(row)
    }

    /// This place extended by object key `key` (escaped per RFC 6901).
    pub fn key(&self, key: &str) -> Place {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        if key.contains(['~', '/']) {
            s.push_str(&key.replace('~', "~0").replace('/', "~1"));
        } else {
            s.push_str(key);
        }
        Place(s)
    }

    /// This place extended by array index `index`.
    pub fn idx(&self, index: usize) -> Place {
        use std::fmt::Write;
        let mut s = self.0.clone();
        let _ = write!(s, "/{index}");
        Place(s)
    }

    /// The pointer text (escaped), e.g. `/extra/x~1y/3`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The reference tokens, unescaped; none for the root.
    pub fn tokens(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        self.0.split('/').skip(1).map(|t| {
            if t.contains('~') {
                Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(t)
            }
        })
    }

    /// The tokens as raw text slices, for matching on the fixed shapes of workspace places
    /// (`["tables", t, "rows", r, ..]`); no workspace key needs escaping, and one that does
    /// simply matches no shape.
    pub fn parts(&self) -> Vec<&str> {
        self.0.split('/').skip(1).collect()
    }

    /// Token `n` as an array index.
    pub fn index_at(&self, n: usize) -> Option<usize> {
        self.0.split('/').nth(n + 1)?.parse().ok()
    }

    /// The place one token up; `None` for the root.
    pub fn parent(&self) -> Option<Place> {
        let cut = self.0.rfind('/')?;
        Some(Place(self.0[..cut].to_string()))
    }

    /// True when this place is `outer` or lies below it (`/a/1` is within `/a` but not `/a/12`'s
    /// sibling `/a/1x`).
    pub fn is_within(&self, outer: &Place) -> bool {
        within(&self.0, &outer.0)
    }

    /// This place moved from under `from` to under `to` (`/a/0/x` from `/a/0` to `/a/5` is
    /// `/a/5/x`); `None` when it is not within `from`.
    pub fn rebase(&self, from: &Place, to: &Place) -> Option<Place> {
        if !self.is_within(from) {
            return None;
        }
        Some(Place(format!("{}{}", to.0, &self.0[from.0.len()..])))
    }

    /// `(table, row, column)` when this place is a table cell (or below one).
    pub fn as_table_cell(&self) -> Option<(usize, usize, usize)> {
        match self.parts().as_slice() {
            ["tables", t, "rows", r, "cells", c, ..] => {
                Some((t.parse().ok()?, r.parse().ok()?, c.parse().ok()?))
            }
            _ => None,
        }
    }

    /// `(table, row)` when this place is a table row or lies in one.
    pub fn as_table_row(&self) -> Option<(usize, usize)> {
        match self.parts().as_slice() {
            ["tables", t, "rows", r, ..] => Some((t.parse().ok()?, r.parse().ok()?)),
            _ => None,
        }
    }
}

/// True when pointer text `inner` is `outer` or lies below it.
pub fn within(inner: &str, outer: &str) -> bool {
    inner.starts_with(outer)
        && (inner.len() == outer.len() || inner.as_bytes().get(outer.len()) == Some(&b'/'))
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Place {
    type Err = PlaceError;

    fn from_str(text: &str) -> Result<Place, PlaceError> {
        if !text.is_empty() && !text.starts_with('/') {
            return Err(PlaceError::NoLeadingSlash(text.to_string()));
        }
        let bytes = text.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            if b == b'~' && !matches!(bytes.get(at + 1), Some(b'0' | b'1')) {
                return Err(PlaceError::BadEscape {
                    text: text.to_string(),
                    at,
                });
            }
        }
        Ok(Place(text.to_string()))
    }
}

impl From<&Place> for Place {
    fn from(p: &Place) -> Place {
        p.clone()
    }
}

impl PartialEq<str> for Place {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Place {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Place {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Place, D::Error> {
        let text = Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn builds_escaped_text_and_reads_tokens_back() {
        let p = Place::root().key("extra").key("x/y~z").idx(3);
        assert_eq!(p.to_string(), "/extra/x~1y~0z/3");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["extra", "x/y~z", "3"]);
        assert_eq!(p.index_at(2), Some(3));
        assert_eq!(p.parent().unwrap().to_string(), "/extra/x~1y~0z");
    }

    #[test]
    fn rejects_what_is_not_a_pointer_with_the_reason() {
        let e = "overview/total".parse::<Place>().unwrap_err();
        assert!(
            e.to_string().contains("must be empty or start with `/`"),
            "{e}"
        );
        let e = "/a~2b".parse::<Place>().unwrap_err();
        assert_eq!(
            e,
            PlaceError::BadEscape {
                text: "/a~2b".into(),
                at: 2
            }
        );
        assert!("/a~".parse::<Place>().is_err());
        assert_eq!(
            "/a/~01".parse::<Place>().unwrap().tokens().nth(1).unwrap(),
            "~1"
        );
        assert!("".parse::<Place>().unwrap().is_root());
    }

    #[test]
    fn within_means_at_or_below_a_whole_token() {
        let row = Place::table_row(1, 2);
        assert!(Place::table_cell(1, 2, 0).is_within(&row));
        assert!(row.is_within(&row));
        assert!(!Place::table_cell(1, 21, 0).is_within(&row));
        assert_eq!(
            Place::table_cell(1, 21, 4).as_table_cell(),
            Some((1, 21, 4))
        );
        assert_eq!(Place::projects().as_table_row(), None);
        let (from, to) = (Place::projects().idx(0), Place::projects().idx(7));
        let moved = Place::projects().idx(0).key("name").rebase(&from, &to);
        assert_eq!(moved.unwrap().to_string(), "/performance/projects/7/name");
        assert_eq!(Place::projects().idx(10).rebase(&from, &to), None);
    }

    #[test]
    fn json_form_is_the_pointer_text() {
        let p = Place::root().key("overview").key("a/b");
        assert_eq!(serde_json::to_string(&p).unwrap(), r#""/overview/a~1b""#);
        let back: Place = serde_json::from_str(r#""/overview/a~1b""#).unwrap();
        assert_eq!(back, p);
        let e = serde_json::from_str::<Place>(r#""overview""#).unwrap_err();
        assert!(e.to_string().contains("start with `/`"), "{e}");
    }

    /// A token: any text, including `~`, `/` and digits.
    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z_]{1,8}",
            "[~/0-9a-z]{0,6}",
            any::<String>(),
            (0usize..1000).prop_map(|i| i.to_string()),
        ]
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(tokens in prop::collection::vec(token(), 0..6)) {
            let place = tokens.iter().fold(Place::root(), |p, t| p.key(t));
            let text = place.to_string();
            let parsed: Place = text.parse().unwrap();
            prop_assert_eq!(&parsed, &place);
            let back: Vec<String> = parsed.tokens().map(Cow::into_owned).collect();
            prop_assert_eq!(back, tokens);
            let json = serde_json::to_string(&place).unwrap();
            prop_assert_eq!(serde_json::from_str::<Place>(&json).unwrap(), place);
        }

        #[test]
        fn parse_accepts_exactly_valid_pointers(text in any::<String>()) {
            // Valid: empty or `/`-led, every `~` escaping `0` or `1`.
            let valid = (text.is_empty() || text.starts_with('/'))
                && text.match_indices('~').all(|(i, _)| matches!(text.as_bytes().get(i + 1), Some(b'0' | b'1')));
            match text.parse::<Place>() {
                Ok(p) => {
                    prop_assert!(valid);
                    prop_assert_eq!(p.to_string(), text);
                }
                Err(_) => prop_assert!(!valid),
            }
        }
    }
}
