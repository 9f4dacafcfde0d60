//! JSON pointers (RFC 6901) into a workspace, e.g. `/performance/projects/2/indicators/4/value`.

use std::fmt;

/// A JSON pointer under construction; cheap to extend.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document (the empty pointer).
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    /// Parses nothing: wraps a pointer string already escaped.
    pub fn from_escaped(text: &str) -> Pointer {
        Pointer(text.to_string())
    }

    /// `/performance/projects`: the project target tables.
    pub fn projects() -> Pointer {
        Pointer("/performance/projects".to_string())
    }

    /// `/performance/matrix/duties`: the duties of the duty-activity matrix.
    pub fn duties() -> Pointer {
        Pointer("/performance/matrix/duties".to_string())
    }

    /// This pointer extended by object key `key` (escaped per RFC 6901).
    pub fn key(&self, key: &str) -> Pointer {
        let mut s = self.0.clone();
        s.push('/');
        s.push_str(&escape(key));
        Pointer(s)
    }

    /// This pointer extended by array index `index`.
    pub fn idx(&self, index: usize) -> Pointer {
        Pointer(format!("{}/{}", self.0, index))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

impl From<&Pointer> for String {
    fn from(p: &Pointer) -> String {
        p.0.clone()
    }
}

/// One reference token escaped: `~` → `~0`, `/` → `~1` (in that order).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// One reference token unescaped: `~1` → `/`, `~0` → `~`.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The reference tokens of `pointer`, unescaped; `None` unless it is empty or starts with `/`.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(unescape).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_then_slash() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        assert_eq!(unescape("~01"), "~1");
        let p = Pointer::root().key("extra").key("x/y").idx(3);
        assert_eq!(p.as_str(), "/extra/x~1y/3");
        assert_eq!(tokens(p.as_str()).unwrap(), vec!["extra", "x/y", "3"]);
    }
}
