//! Exact amounts: the text as written plus its decimal reading.
//!
//! Money, shares and percentages are `rust_decimal::Decimal`, never floats. The text a
//! document or a reviewer wrote (`4.50`, `52.606911`, even `- -`) is kept verbatim so a
//! round trip never changes a figure; the decimal is derived from it.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A figure as written, with its exact decimal value when the text is a number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Amount {
    text: Box<str>,
    value: Option<Decimal>,
}

impl Amount {
    /// Keeps `text` verbatim; reads it as a number when it is one (thousands separators,
    /// full-width digits and surrounding spaces tolerated).
    pub fn parse(text: &str) -> Amount {
        Amount {
            value: read_decimal(text),
            text: text.into(),
        }
    }

    /// Parses strictly: the text must be a number. Used for edits, where text in an
    /// amount is refused.
    pub fn parse_number(text: &str) -> Option<Amount> {
        let amount = Amount::parse(text);
        amount.value.map(|_| amount)
    }

    pub fn from_decimal(value: Decimal) -> Amount {
        Amount {
            text: value.to_string().into(),
            value: Some(value),
        }
    }

    /// The text exactly as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The exact value, or `None` when the text is not a number (e.g. `- -`).
    pub fn value(&self) -> Option<Decimal> {
        self.value
    }
}

/// The exact sum of `values`, or `None` when it is too large for an exact decimal (about
/// 7.9 × 10^28): every sum of amounts goes through here, so an overflow is a finding or a
/// refused edit, never a panic.
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(v))
}

/// The decimal written in `text`, if it is exactly one number.
pub fn read_decimal(text: &str) -> Option<Decimal> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if trimmed.is_empty() || trimmed.len() > 64 {
        return None;
    }
    let mut normalized = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            '0'..='9' | '.' | '-' | '+' => normalized.push(c),
            '０'..='９' => normalized.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' => normalized.push('.'),
            '－' => normalized.push('-'),
            ',' | '，' | '_' => {}
            _ => return None,
        }
    }
    Decimal::from_str(&normalized).ok()
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({:?})", self.text)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// The key serde_json uses to hand over a number's exact text (arbitrary_precision).
pub(crate) const EXACT_NUMBER_KEY: &str = "$serde_json::private::Number";

struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as a string such as \"4.50\" or an exact JSON number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        Ok(Amount::parse(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount::parse(&v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount::parse(&v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == EXACT_NUMBER_KEY => {
                let text: String = map.next_value()?;
                Ok(Amount::parse(&text))
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact figure. Written as a string (\"4.50\", kept verbatim) or as a JSON number (its exact text is kept and written back as a string).",
            "type": ["string", "number"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_scale_and_text() {
        let a = Amount::parse("4.50");
        assert_eq!(a.text(), "4.50");
        assert_eq!(a.value(), Some(Decimal::new(450, 2)));
        assert_eq!(a.value().map(|d| d.to_string()), Some("4.50".to_string()));
    }

    #[test]
    fn non_numbers_keep_text_without_value() {
        let a = Amount::parse("- -");
        assert_eq!(a.text(), "- -");
        assert_eq!(a.value(), None);
        assert!(Amount::parse_number("五").is_none());
    }

    #[test]
    fn tolerates_separators_and_full_width() {
        assert_eq!(read_decimal("1,377.92"), Some(Decimal::new(137792, 2)));
        assert_eq!(read_decimal("１２．５"), Some(Decimal::new(125, 1)));
        assert_eq!(read_decimal("1e400"), None);
        assert_eq!(read_decimal("123456789012345678901234567890"), None);
    }
}

/// Optional whole numbers (a year, a line number) that survive `#[serde(flatten)]`.
///
/// Flattened structs are buffered, and with exact numbers enabled serde_json then hands a
/// number over as a map; the plain integer impls reject that, so this reads both forms.
pub mod whole_number {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<u32>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u32>, D::Error> {
        struct WholeVisitor;
        impl<'de> Visitor<'de> for WholeVisitor {
            type Value = Option<u32>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number such as 2021, or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                u32::try_from(v)
                    .map(Some)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                u32::try_from(v)
                    .map(Some)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                v.trim()
                    .parse::<u32>()
                    .map(Some)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                match map.next_key::<String>()? {
                    Some(key) if key == EXACT_NUMBER_KEY => {
                        let text: String = map.next_value()?;
                        self.visit_str(&text)
                    }
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        deserializer.deserialize_any(WholeVisitor)
    }
}
