//! Indicator value expressions (指标值, 评价标准) parsed from their verbatim text.
//!
//! The text is the source of truth. [`parse_value`] takes a `&str` and returns a
//! derived [`Reading`]; it never modifies or replaces the text, and every piece of
//! text a reading carries (a note, a qualitative value) is a substring of the input.
//!
//! Parsing never fails: anything that is not understood is [`Reading::Qualitative`].
//! The full reading rules are written up for reviewers in `docs/values.md`.
//!
//! Arithmetic is exact ([`Decimal`]); no floating point is used anywhere.

use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// How a quantitative value compares with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Comparator {
    /// `≥ >= 不低于 不少于 不小于 达到 至少 大于等于`, or a trailing `以上 及以上`.
    AtLeast,
    /// `≤ <= 不高于 不超过 不多于 不大于 至多 最多 小于等于`, or a trailing `以下 以内 之内 内`.
    AtMost,
    /// `> ＞ 大于 超过 高于 多于`.
    Greater,
    /// `< ＜ 小于 低于 少于 不足`.
    Less,
    /// `= ＝ 等于`.
    Equal,
}

impl Comparator {
    /// The mathematical symbol: `≥ ≤ > < =`.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Greater => ">",
            Comparator::Less => "<",
            Comparator::Equal => "=",
        }
    }

    /// Chinese wording, e.g. `不低于`.
    pub fn words_zh(self) -> &'static str {
        match self {
            Comparator::AtLeast => "不低于",
            Comparator::AtMost => "不高于",
            Comparator::Greater => "高于",
            Comparator::Less => "低于",
            Comparator::Equal => "等于",
        }
    }

    /// English wording, e.g. `at least`.
    pub fn words_en(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at least",
            Comparator::AtMost => "at most",
            Comparator::Greater => "more than",
            Comparator::Less => "less than",
            Comparator::Equal => "exactly",
        }
    }

    /// True for comparators that bound a value from below (`≥`, `>`).
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Comparator::AtLeast | Comparator::Greater)
    }

    /// True for comparators that bound a value from above (`≤`, `<`).
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Comparator::AtMost | Comparator::Less)
    }
}

/// A number with its unit.
///
/// The unit is the canonical unit text: `%` for percent (also written `％`), `万元`,
/// `家`, … and the empty string for a bare number. Chinese magnitudes multiply the
/// value (`1万家` is 10000 `家`, `8千家` is 8000 `家`); `万元` is a unit, not a
/// magnitude, and `亿元` is converted to `万元` (`1.5亿元` is 15000 `万元`), the unit
/// budgets are kept in. The decimal's scale is kept when no magnitude applies
/// (`5.0%` has value `5.0`); a value multiplied by a magnitude is normalised
/// (`1.5万` is `15000`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// The exact value.
    pub value: Decimal,
    /// Canonical unit; empty for a bare number.
    pub unit: String,
}

impl Quantity {
    /// Build a quantity.
    pub fn new(value: Decimal, unit: impl Into<String>) -> Self {
        Quantity {
            value,
            unit: unit.into(),
        }
    }

    /// True when the quantity has no unit (it is compatible with any unit).
    pub fn is_unitless(&self) -> bool {
        self.unit.is_empty()
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.value, self.unit)
    }
}

/// The derived reading of an indicator value or grade standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Reading {
    /// Empty, or only whitespace / invisible characters.
    Blank,
    /// A single bound or a bare value: `≥95%`, `<5%`, `90%以上完成`, `5个`, `100%`.
    Bound {
        /// `None` for a bare value (`5个`, `100%`); what it admits depends on the
        /// ladder direction (see [`BareAs`]).
        comparator: Option<Comparator>,
        /// The number and its unit.
        quantity: Quantity,
        /// Short trailing words such as `完成`; empty if none. A substring of the input.
        note: String,
    },
    /// A closed range: `80%-90%`, `80%～90%`, `80-90%`, `80%至90%`. Both ends are included.
    Range {
        /// Lower end (as written first).
        low: Quantity,
        /// Upper end (as written second).
        high: Quantity,
        /// Short trailing words; empty if none. A substring of the input.
        note: String,
    },
    /// A symmetric tolerance `±3%以内`: admits `-3% ≤ x ≤ 3%`.
    Tolerance {
        /// The half-width.
        quantity: Quantity,
        /// Short trailing words; empty if none. A substring of the input.
        note: String,
    },
    /// Anything else, kept as the trimmed input text: `是`, `提高`, `有1项未能如期完成`.
    Qualitative {
        /// The input, trimmed of surrounding whitespace. A substring of the input.
        text: String,
    },
}

/// How a bare value (no comparator) is read; decided by the ladder direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum BareAs {
    /// Higher-is-better: a bare `4` means `≥ 4`.
    AtLeast,
    /// Lower-is-better: a bare `4` means `≤ 4`.
    AtMost,
    /// No direction known: a bare `4` means exactly `4`.
    Exact,
}

impl Reading {
    /// True for [`Reading::Blank`].
    pub fn is_blank(&self) -> bool {
        matches!(self, Reading::Blank)
    }

    /// True for bounds, ranges and tolerances (readings with a number).
    pub fn is_quantitative(&self) -> bool {
        matches!(
            self,
            Reading::Bound { .. } | Reading::Range { .. } | Reading::Tolerance { .. }
        )
    }

    /// True for [`Reading::Qualitative`].
    pub fn is_qualitative(&self) -> bool {
        matches!(self, Reading::Qualitative { .. })
    }

    /// The unit of a quantitative reading (`""` for a bare number), `None` otherwise.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Reading::Bound { quantity, .. } | Reading::Tolerance { quantity, .. } => {
                Some(quantity.unit.as_str())
            }
            Reading::Range { low, .. } => Some(low.unit.as_str()),
            _ => None,
        }
    }

    /// The trailing note of a quantitative reading (may be empty), `None` otherwise.
    pub fn note(&self) -> Option<&str> {
        match self {
            Reading::Bound { note, .. }
            | Reading::Range { note, .. }
            | Reading::Tolerance { note, .. } => Some(note.as_str()),
            _ => None,
        }
    }

    /// The exact value of a bare or `=` bound, i.e. a reading usable as an actual value
    /// (实际值). `None` for anything with a direction, ranges, tolerances and text.
    pub fn exact_quantity(&self) -> Option<&Quantity> {
        match self {
            Reading::Bound {
                comparator: None | Some(Comparator::Equal),
                quantity,
                ..
            } => Some(quantity),
            _ => None,
        }
    }

    /// True when any number in the reading is negative, or it is a tolerance (whose
    /// set reaches below zero). Used to decide the natural domain of a ladder.
    pub fn reaches_below_zero(&self) -> bool {
        match self {
            Reading::Bound { quantity, .. } => quantity.value.is_sign_negative(),
            Reading::Range { low, high, .. } => {
                low.value.is_sign_negative() || high.value.is_sign_negative()
            }
            Reading::Tolerance { .. } => true,
            _ => false,
        }
    }

    /// The set of real numbers this reading admits (in its own unit).
    ///
    /// * `Blank` admits nothing (empty set).
    /// * `Qualitative` is not numeric: `None`.
    /// * A bare value is read per `bare`; `=` is exactly the value.
    /// * A range `a-b` is `[min(a,b), max(a,b)]` when written low to high; a range
    ///   written high to low (`90%-80%`) admits nothing.
    /// * A tolerance `±t` is `[-|t|, |t|]`.
    pub fn admits(&self, bare: BareAs) -> Option<NumberSet> {
        match self {
            Reading::Blank => Some(NumberSet::empty()),
            Reading::Qualitative { .. } => None,
            Reading::Bound {
                comparator,
                quantity,
                ..
            } => {
                let v = quantity.value;
                let iv = match comparator {
                    Some(Comparator::AtLeast) => Interval::at_least(v),
                    Some(Comparator::Greater) => Interval::greater(v),
                    Some(Comparator::AtMost) => Interval::at_most(v),
                    Some(Comparator::Less) => Interval::less(v),
                    Some(Comparator::Equal) => Interval::point(v),
                    None => match bare {
                        BareAs::AtLeast => Interval::at_least(v),
                        BareAs::AtMost => Interval::at_most(v),
                        BareAs::Exact => Interval::point(v),
                    },
                };
                Some(NumberSet::from_intervals(vec![iv]))
            }
            Reading::Range { low, high, .. } => Some(NumberSet::from_intervals(vec![Interval {
                low: Lower::Closed(low.value),
                high: Upper::Closed(high.value),
            }])),
            Reading::Tolerance { quantity, .. } => {
                let t = quantity.value.abs();
                Some(NumberSet::from_intervals(vec![Interval {
                    low: Lower::Closed(-t),
                    high: Upper::Closed(t),
                }]))
            }
        }
    }

    /// A short human description in Chinese: `≥ 95%`, `95%（裸值）`, `区间 80%～90%`,
    /// `±3% 以内`, `定性：是`, `空白`. A note is appended as `（附：完成）`.
    pub fn describe_zh(&self) -> String {
        let with_note = |s: String, note: &str| {
            if note.is_empty() {
                s
            } else {
                format!("{s}（附：{note}）")
            }
        };
        match self {
            Reading::Blank => "空白".to_string(),
            Reading::Bound {
                comparator: Some(c),
                quantity,
                note,
            } => with_note(format!("{} {}", c.symbol(), quantity), note),
            Reading::Bound {
                comparator: None,
                quantity,
                note,
            } => with_note(format!("{quantity}（裸值）"), note),
            Reading::Range { low, high, note } => with_note(format!("区间 {low}～{high}"), note),
            Reading::Tolerance { quantity, note } => with_note(format!("±{quantity} 以内"), note),
            Reading::Qualitative { text } => format!("定性：{text}"),
        }
    }

    /// A short human description in English: `at least 95%`, `95% (bare value)`,
    /// `range 80%–90%`, `within ±3%`, `qualitative: 是`, `blank`.
    pub fn describe_en(&self) -> String {
        let with_note = |s: String, note: &str| {
            if note.is_empty() {
                s
            } else {
                format!("{s} (note: {note})")
            }
        };
        match self {
            Reading::Blank => "blank".to_string(),
            Reading::Bound {
                comparator: Some(c),
                quantity,
                note,
            } => with_note(format!("{} {}", c.words_en(), quantity), note),
            Reading::Bound {
                comparator: None,
                quantity,
                note,
            } => with_note(format!("{quantity} (bare value)"), note),
            Reading::Range { low, high, note } => with_note(format!("range {low}–{high}"), note),
            Reading::Tolerance { quantity, note } => with_note(format!("within ±{quantity}"), note),
            Reading::Qualitative { text } => format!("qualitative: {text}"),
        }
    }
}

/// Compact symbolic form: `≥ 95%`, `95%`, `80%～90%`, `±3%`, the text itself, or `（空）`.
impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reading::Blank => write!(f, "（空）"),
            Reading::Bound {
                comparator: Some(c),
                quantity,
                ..
            } => write!(f, "{} {}", c.symbol(), quantity),
            Reading::Bound {
                comparator: None,
                quantity,
                ..
            } => write!(f, "{quantity}"),
            Reading::Range { low, high, .. } => write!(f, "{low}～{high}"),
            Reading::Tolerance { quantity, .. } => write!(f, "±{quantity}"),
            Reading::Qualitative { text } => write!(f, "{text}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Sets of real numbers
// ---------------------------------------------------------------------------

/// Lower end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Lower {
    /// −∞.
    Unbounded,
    /// `a ≤ x`.
    Closed(Decimal),
    /// `a < x`.
    Open(Decimal),
}

/// Upper end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Upper {
    /// +∞.
    Unbounded,
    /// `x ≤ b`.
    Closed(Decimal),
    /// `x < b`.
    Open(Decimal),
}

impl Lower {
    /// The finite value, if any.
    pub fn value(self) -> Option<Decimal> {
        match self {
            Lower::Unbounded => None,
            Lower::Closed(v) | Lower::Open(v) => Some(v),
        }
    }
    /// Total order: −∞ first; at equal values `Closed` admits more, so comes first.
    pub fn cmp_lower(self, other: Lower) -> Ordering {
        match (self, other) {
            (Lower::Unbounded, Lower::Unbounded) => Ordering::Equal,
            (Lower::Unbounded, _) => Ordering::Less,
            (_, Lower::Unbounded) => Ordering::Greater,
            (a, b) => {
                let (av, bv) = (a.value(), b.value());
                match av.cmp(&bv) {
                    Ordering::Equal => match (a, b) {
                        (Lower::Closed(_), Lower::Open(_)) => Ordering::Less,
                        (Lower::Open(_), Lower::Closed(_)) => Ordering::Greater,
                        _ => Ordering::Equal,
                    },
                    o => o,
                }
            }
        }
    }
}

impl Upper {
    /// The finite value, if any.
    pub fn value(self) -> Option<Decimal> {
        match self {
            Upper::Unbounded => None,
            Upper::Closed(v) | Upper::Open(v) => Some(v),
        }
    }
    /// Total order: +∞ last; at equal values `Open` admits less, so comes first.
    pub fn cmp_upper(self, other: Upper) -> Ordering {
        match (self, other) {
            (Upper::Unbounded, Upper::Unbounded) => Ordering::Equal,
            (Upper::Unbounded, _) => Ordering::Greater,
            (_, Upper::Unbounded) => Ordering::Less,
            (a, b) => {
                let (av, bv) = (a.value(), b.value());
                match av.cmp(&bv) {
                    Ordering::Equal => match (a, b) {
                        (Upper::Open(_), Upper::Closed(_)) => Ordering::Less,
                        (Upper::Closed(_), Upper::Open(_)) => Ordering::Greater,
                        _ => Ordering::Equal,
                    },
                    o => o,
                }
            }
        }
    }
}

/// An interval of real numbers with open, closed or unbounded ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    /// Lower end.
    pub low: Lower,
    /// Upper end.
    pub high: Upper,
}

impl Interval {
    /// All real numbers.
    pub fn all() -> Self {
        Interval {
            low: Lower::Unbounded,
            high: Upper::Unbounded,
        }
    }
    /// `x ≥ v`.
    pub fn at_least(v: Decimal) -> Self {
        Interval {
            low: Lower::Closed(v),
            high: Upper::Unbounded,
        }
    }
    /// `x > v`.
    pub fn greater(v: Decimal) -> Self {
        Interval {
            low: Lower::Open(v),
            high: Upper::Unbounded,
        }
    }
    /// `x ≤ v`.
    pub fn at_most(v: Decimal) -> Self {
        Interval {
            low: Lower::Unbounded,
            high: Upper::Closed(v),
        }
    }
    /// `x < v`.
    pub fn less(v: Decimal) -> Self {
        Interval {
            low: Lower::Unbounded,
            high: Upper::Open(v),
        }
    }
    /// `x = v`.
    pub fn point(v: Decimal) -> Self {
        Interval {
            low: Lower::Closed(v),
            high: Upper::Closed(v),
        }
    }

    /// True when no real number lies in the interval.
    pub fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Lower::Unbounded, _) | (_, Upper::Unbounded) => false,
            (Lower::Closed(a), Upper::Closed(b)) => a > b,
            (Lower::Closed(a) | Lower::Open(a), Upper::Closed(b) | Upper::Open(b)) => a >= b,
        }
    }

    /// True when `x` lies in the interval.
    pub fn contains(&self, x: Decimal) -> bool {
        let lo_ok = match self.low {
            Lower::Unbounded => true,
            Lower::Closed(a) => x >= a,
            Lower::Open(a) => x > a,
        };
        let hi_ok = match self.high {
            Upper::Unbounded => true,
            Upper::Closed(b) => x <= b,
            Upper::Open(b) => x < b,
        };
        lo_ok && hi_ok
    }

    /// Intersection of two intervals (possibly empty).
    pub fn intersect(&self, other: &Interval) -> Interval {
        let low = if self.low.cmp_lower(other.low) == Ordering::Less {
            other.low
        } else {
            self.low
        };
        let high = if self.high.cmp_upper(other.high) == Ordering::Greater {
            other.high
        } else {
            self.high
        };
        Interval { low, high }
    }

    /// A representative member, preferring a "round" value next to a boundary:
    /// a single point; else a closed end; else the open upper end minus one step of
    /// its scale (`< 3000` gives `2999`, `< 7.7` gives `7.6`) or the open lower end plus
    /// one step, when that lies inside; else the midpoint. `None` if empty.
    pub fn example(&self) -> Option<Decimal> {
        if self.is_empty() {
            return None;
        }
        let step = |v: Decimal| Decimal::new(1, v.scale());
        let candidates: Vec<Decimal> = match (self.low, self.high) {
            (Lower::Closed(a), Upper::Closed(b)) if a == b => vec![a],
            _ => {
                let mut c = Vec::new();
                if let Upper::Open(b) = self.high
                    && let Some(v) = b.checked_sub(step(b))
                {
                    c.push(v);
                }
                if let Upper::Closed(b) = self.high {
                    c.push(b);
                }
                if let Lower::Open(a) = self.low
                    && let Some(v) = a.checked_add(step(a))
                {
                    c.push(v);
                }
                if let Lower::Closed(a) = self.low {
                    c.push(a);
                }
                if let (Some(a), Some(b)) = (self.low.value(), self.high.value())
                    && let Some(s) = a.checked_add(b)
                {
                    c.push(s / Decimal::TWO);
                }
                c.push(Decimal::ZERO);
                c
            }
        };
        candidates.into_iter().find(|v| self.contains(*v))
    }

    /// Human form in terms of `x`, e.g. `0 ≤ x < 3000家`, `x ≥ 95%`, `x = 90%`.
    pub fn describe(&self, unit: &str) -> String {
        match (self.low, self.high) {
            (Lower::Unbounded, Upper::Unbounded) => "任意值 / any value".to_string(),
            (Lower::Closed(a), Upper::Closed(b)) if a == b => format!("x = {a}{unit}"),
            (lo, Upper::Unbounded) => match lo {
                Lower::Closed(a) => format!("x ≥ {a}{unit}"),
                Lower::Open(a) => format!("x > {a}{unit}"),
                Lower::Unbounded => String::new(),
            },
            (Lower::Unbounded, hi) => match hi {
                Upper::Closed(b) => format!("x ≤ {b}{unit}"),
                Upper::Open(b) => format!("x < {b}{unit}"),
                Upper::Unbounded => String::new(),
            },
            (lo, hi) => {
                let l = match lo {
                    Lower::Closed(a) => format!("{a}{unit} ≤"),
                    Lower::Open(a) => format!("{a}{unit} <"),
                    Lower::Unbounded => String::new(),
                };
                let h = match hi {
                    Upper::Closed(b) => format!("≤ {b}{unit}"),
                    Upper::Open(b) => format!("< {b}{unit}"),
                    Upper::Unbounded => String::new(),
                };
                format!("{l} x {h}")
            }
        }
    }
}

/// A union of disjoint intervals, kept sorted and merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct NumberSet {
    intervals: Vec<Interval>,
}

impl NumberSet {
    /// The empty set.
    pub fn empty() -> Self {
        NumberSet::default()
    }

    /// All real numbers.
    pub fn all() -> Self {
        NumberSet {
            intervals: vec![Interval::all()],
        }
    }

    /// `x ≥ 0`.
    pub fn non_negative() -> Self {
        NumberSet {
            intervals: vec![Interval::at_least(Decimal::ZERO)],
        }
    }

    /// Build from arbitrary intervals: drops empty ones, sorts and merges.
    pub fn from_intervals(mut v: Vec<Interval>) -> Self {
        v.retain(|i| !i.is_empty());
        v.sort_by(|a, b| a.low.cmp_lower(b.low));
        let mut out: Vec<Interval> = Vec::with_capacity(v.len());
        for iv in v {
            if let Some(last) = out.last_mut()
                && touches(last.high, iv.low)
            {
                if iv.high.cmp_upper(last.high) == Ordering::Greater {
                    last.high = iv.high;
                }
                continue;
            }
            out.push(iv);
        }
        NumberSet { intervals: out }
    }

    /// The disjoint, sorted intervals.
    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    /// True when the set has no member.
    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// True when `x` is a member.
    pub fn contains(&self, x: Decimal) -> bool {
        self.intervals.iter().any(|i| i.contains(x))
    }

    /// Union.
    pub fn union(&self, other: &NumberSet) -> NumberSet {
        let mut v = self.intervals.clone();
        v.extend(other.intervals.iter().copied());
        NumberSet::from_intervals(v)
    }

    /// Intersection.
    pub fn intersect(&self, other: &NumberSet) -> NumberSet {
        let mut v = Vec::new();
        for a in &self.intervals {
            for b in &other.intervals {
                v.push(a.intersect(b));
            }
        }
        NumberSet::from_intervals(v)
    }

    /// Complement within all real numbers.
    pub fn complement(&self) -> NumberSet {
        let mut v = Vec::new();
        let mut low = Lower::Unbounded;
        for iv in &self.intervals {
            let high = match iv.low {
                Lower::Unbounded => None,
                Lower::Closed(a) => Some(Upper::Open(a)),
                Lower::Open(a) => Some(Upper::Closed(a)),
            };
            if let Some(high) = high {
                v.push(Interval { low, high });
            }
            low = match iv.high {
                Upper::Unbounded => {
                    return NumberSet::from_intervals(v);
                }
                Upper::Closed(b) => Lower::Open(b),
                Upper::Open(b) => Lower::Closed(b),
            };
        }
        v.push(Interval {
            low,
            high: Upper::Unbounded,
        });
        NumberSet::from_intervals(v)
    }

    /// Members of `self` that are not in `other`.
    pub fn difference(&self, other: &NumberSet) -> NumberSet {
        self.intersect(&other.complement())
    }

    /// True when the set has a finite upper end (it is bounded above).
    pub fn bounded_above(&self) -> bool {
        self.intervals
            .last()
            .is_some_and(|i| i.high != Upper::Unbounded)
    }

    /// True when the set has a finite lower end (it is bounded below).
    pub fn bounded_below(&self) -> bool {
        self.intervals
            .first()
            .is_some_and(|i| i.low != Lower::Unbounded)
    }

    /// The lower end of the set (`None` if empty).
    pub fn infimum(&self) -> Option<Lower> {
        self.intervals.first().map(|i| i.low)
    }

    /// The upper end of the set (`None` if empty).
    pub fn supremum(&self) -> Option<Upper> {
        self.intervals.last().map(|i| i.high)
    }

    /// A representative member (see [`Interval::example`]).
    pub fn example(&self) -> Option<Decimal> {
        self.intervals.iter().find_map(|i| i.example())
    }
}

/// True when an interval ending at `high` and one starting at `low` (sorted after it)
/// overlap or touch so that they merge without a hole.
fn touches(high: Upper, low: Lower) -> bool {
    match (high, low) {
        (Upper::Unbounded, _) | (_, Lower::Unbounded) => true,
        (Upper::Open(b), Lower::Open(a)) => a < b,
        (Upper::Closed(b) | Upper::Open(b), Lower::Closed(a) | Lower::Open(a)) => a <= b,
    }
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// One normalised character and where it starts in the original text.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    at: usize,
}

/// Characters that are dropped before parsing: whitespace (incl. U+3000), control
/// characters and zero-width marks.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The text with surrounding whitespace and invisible characters removed, as used
/// for qualitative readings and label matching. Always a substring of `text`.
pub fn trim_text(text: &str) -> &str {
    text.trim_matches(is_invisible)
}

/// Map full-width and look-alike characters to their ASCII form.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '，' => ',',
        '＜' | '〈' => '<',
        '＞' | '〉' => '>',
        '＝' => '=',
        '＋' => '+',
        '－' | '−' | '—' | '–' | '‐' | '‒' => '-',
        '～' | '〜' | '∼' => '~',
        '⩾' | '≧' => '≥',
        '⩽' | '≦' => '≤',
        _ => c,
    }
}

struct Cursor<'a> {
    text: &'a str,
    chars: Vec<Ch>,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        let chars = text
            .char_indices()
            .filter(|(_, c)| !is_invisible(*c))
            .map(|(at, c)| Ch { c: fold(c), at })
            .collect();
        Cursor {
            text,
            chars,
            pos: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|c| c.c)
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).map(|c| c.c)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    /// If the remaining normalised text starts with `word`, consume it.
    fn eat(&mut self, word: &str) -> bool {
        let mut k = 0;
        for w in word.chars() {
            if self.peek_at(k) != Some(w) {
                return false;
            }
            k += 1;
        }
        self.pos += k;
        true
    }

    fn starts_with(&self, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, w)| self.peek_at(k) == Some(w))
    }

    /// The rest of the *original* text from the current position, trimmed.
    fn rest_original(&self) -> &'a str {
        match self.chars.get(self.pos) {
            Some(ch) => self
                .text
                .get(ch.at..)
                .unwrap_or("")
                .trim_matches(is_invisible),
            None => "",
        }
    }

    fn remaining(&self) -> usize {
        self.chars.len().saturating_sub(self.pos)
    }
}

/// Comparator words before the number, longest first.
const PREFIXES: &[(&str, Comparator)] = &[
    (">=", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("≥", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    (">", Comparator::Greater),
    ("<", Comparator::Less),
    ("=", Comparator::Equal),
    ("大于或等于", Comparator::AtLeast),
    ("小于或等于", Comparator::AtMost),
    ("大于等于", Comparator::AtLeast),
    ("小于等于", Comparator::AtMost),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("至少", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("至多", Comparator::AtMost),
    ("最多", Comparator::AtMost),
    ("大于", Comparator::Greater),
    ("超过", Comparator::Greater),
    ("高于", Comparator::Greater),
    ("多于", Comparator::Greater),
    ("小于", Comparator::Less),
    ("低于", Comparator::Less),
    ("少于", Comparator::Less),
    ("不足", Comparator::Less),
    ("等于", Comparator::Equal),
];

/// Comparator words after the number and unit, longest first. Following the usual
/// legal reading (以上、以下、以内 include the number itself).
const SUFFIXES: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("或以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("或以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    ("内", Comparator::AtMost),
];

/// Known units, longest first so that `个工作日` wins over `个`.
const UNITS: &[&str] = &[
    "个百分点",
    "个工作日",
    "平方公里",
    "百分点",
    "工作日",
    "平方米",
    "个月",
    "人次",
    "户次",
    "小时",
    "分钟",
    "万元",
    "公里",
    "千米",
    "公顷",
    "学时",
    "课时",
    "%",
    "‰",
    "元",
    "家",
    "个",
    "次",
    "辆",
    "篇",
    "名",
    "人",
    "种",
    "天",
    "日",
    "周",
    "项",
    "户",
    "吨",
    "件",
    "份",
    "套",
    "张",
    "把",
    "期",
    "场",
    "所",
    "批",
    "条",
    "月",
    "年",
    "台",
    "本",
    "册",
    "部",
    "座",
    "处",
    "轮",
    "组",
    "类",
    "间",
    "亩",
    "米",
];

/// Characters after `月 年 日 号` that make the value a point in time, not a duration.
const DATE_FOLLOWERS: &[char] = &['底', '末', '初', '前', '中', '份', '上', '下', '旬', '度'];

/// CJK characters that never start an unknown unit (they start suffix words, notes or
/// range separators).
const NOT_UNIT_START: &[char] = &[
    '以', '及', '之', '至', '到', '或', '左', '完', '全', '未', '内', '上', '下', '的', '约',
];

/// Whether `c` is a CJK unified ideograph (basic block or extension A).
pub fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Parse an unsigned-or-negative decimal number with optional thousands separators.
/// Returns `None` (and leaves the cursor) if no number starts here or it overflows.
fn parse_number(cur: &mut Cursor<'_>) -> Option<Decimal> {
    let start = cur.pos;
    let mut s = String::new();
    if cur.peek() == Some('-') && cur.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
        s.push('-');
        cur.pos += 1;
    }
    if !cur.peek().is_some_and(|c| c.is_ascii_digit()) {
        cur.pos = start;
        return None;
    }
    let mut int_digits = 0usize;
    let mut grouped = false;
    loop {
        match cur.peek() {
            Some(c) if c.is_ascii_digit() => {
                s.push(c);
                int_digits += 1;
                cur.pos += 1;
            }
            Some(',') => {
                // A thousands separator: after 1-3 digits (first group) and followed by
                // exactly three digits then a non-digit.
                let three = (1..=3).all(|k| cur.peek_at(k).is_some_and(|c| c.is_ascii_digit()));
                let fourth_digit = cur.peek_at(4).is_some_and(|c| c.is_ascii_digit());
                let first_ok = grouped || (1..=3).contains(&int_digits);
                if three && !fourth_digit && first_ok {
                    grouped = true;
                    cur.pos += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    if cur.peek() == Some('.') && cur.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
        s.push('.');
        cur.pos += 1;
        while let Some(c) = cur.peek().filter(|c| c.is_ascii_digit()) {
            s.push(c);
            cur.pos += 1;
        }
    }
    match Decimal::from_str_exact(&s) {
        Ok(d) => Some(d),
        Err(_) => {
            cur.pos = start;
            None
        }
    }
}

/// Parse a number, its magnitudes (万 千 百 亿) and unit.
/// Returns the quantity and whether a unit was written.
fn parse_quantity(cur: &mut Cursor<'_>) -> Option<(Quantity, bool)> {
    let mut value = parse_number(cur)?;
    let mut scaled = false;
    let mut unit: Option<String> = None;
    loop {
        let factor: i64 = match cur.peek() {
            Some('万') if cur.peek_at(1) == Some('元') => break,
            Some('亿') if cur.peek_at(1) == Some('元') => {
                cur.pos += 2;
                unit = Some("万元".to_string());
                value = value.checked_mul(Decimal::from(10_000))?;
                scaled = true;
                break;
            }
            Some('万') => 10_000,
            Some('千') => 1_000,
            Some('百') if cur.peek_at(1) != Some('分') => 100,
            Some('亿') => 100_000_000,
            _ => break,
        };
        cur.pos += 1;
        value = value.checked_mul(Decimal::from(factor))?;
        scaled = true;
    }
    if scaled {
        value = value.normalize();
    }
    if unit.is_none() {
        for u in UNITS {
            if cur.eat(u) {
                unit = Some((*u).to_string());
                break;
            }
        }
    }
    if unit.is_none()
        && let Some(c) = cur.peek()
        && is_cjk(c)
        && !NOT_UNIT_START.contains(&c)
        && !SUFFIXES.iter().any(|(w, _)| cur.starts_with(w))
    {
        cur.pos += 1;
        unit = Some(c.to_string());
    }
    // A point in time (`3月底`, `12月31日前`, `2021年底`) is not a quantity.
    if unit
        .as_deref()
        .is_some_and(|u| matches!(u, "月" | "年" | "日" | "号"))
        && cur
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || DATE_FOLLOWERS.contains(&c))
    {
        return None;
    }
    let given = unit.is_some();
    Some((Quantity::new(value, unit.unwrap_or_default()), given))
}

fn parse_suffix(cur: &mut Cursor<'_>) -> Option<Comparator> {
    SUFFIXES
        .iter()
        .find(|(w, _)| cur.starts_with(w))
        .map(|(w, c)| {
            cur.pos += w.chars().count();
            *c
        })
}

/// Longest trailing note accepted on a quantitative value, in characters.
const MAX_NOTE_CHARS: usize = 6;

/// Read the rest as a short note. `None` when the rest is too long or looks like a
/// sentence (digits, sentence punctuation, comparator symbols).
fn parse_note(cur: &Cursor<'_>) -> Option<String> {
    if cur.at_end() {
        return Some(String::new());
    }
    if cur.remaining() > MAX_NOTE_CHARS {
        return None;
    }
    let bad = cur.chars[cur.pos..].iter().any(|ch| {
        ch.c.is_ascii_digit()
            || matches!(
                ch.c,
                ',' | '.'
                    | '。'
                    | ';'
                    | '；'
                    | '、'
                    | '!'
                    | '！'
                    | '?'
                    | '？'
                    | ':'
                    | '：'
                    | '≥'
                    | '≤'
                    | '<'
                    | '>'
                    | '='
                    | '±'
                    | '+'
                    | '-'
                    | '~'
                    | '%'
            )
    });
    if bad || cur.starts_with("左右") {
        return None;
    }
    Some(cur.rest_original().to_string())
}

/// Range separators between two numbers.
fn eat_range_sep(cur: &mut Cursor<'_>) -> bool {
    for sep in ["-", "~", "至", "到"] {
        if cur.starts_with(sep) {
            let save = cur.pos;
            cur.pos += 1;
            if cur.peek().is_some_and(|c| c.is_ascii_digit()) {
                return true;
            }
            cur.pos = save;
        }
    }
    false
}

/// Parse an indicator value (指标值) or grade standard (评价标准).
///
/// Never fails and never panics; whatever is not understood is
/// [`Reading::Qualitative`] holding the trimmed text. See `docs/values.md`.
pub fn parse_value(text: &str) -> Reading {
    let mut cur = Cursor::new(text);
    if cur.at_end() {
        return Reading::Blank;
    }
    parse_quantitative(&mut cur).unwrap_or_else(|| Reading::Qualitative {
        text: text.trim_matches(is_invisible).to_string(),
    })
}

fn parse_quantitative(cur: &mut Cursor<'_>) -> Option<Reading> {
    // Tolerance: ±3%以内, +-3%, +/-3%.
    if cur.eat("±") || cur.eat("+-") || cur.eat("+/-") {
        if !cur.peek().is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let (quantity, _) = parse_quantity(cur)?;
        match parse_suffix(cur) {
            None | Some(Comparator::AtMost) => {}
            Some(_) => return None,
        }
        let note = parse_note(cur)?;
        return Some(Reading::Tolerance { quantity, note });
    }

    let prefix = PREFIXES
        .iter()
        .find(|(w, _)| cur.starts_with(w))
        .map(|(w, c)| {
            cur.pos += w.chars().count();
            *c
        });

    let (first, first_given) = parse_quantity(cur)?;

    if eat_range_sep(cur) {
        if prefix.is_some() {
            return None;
        }
        let (second, second_given) = parse_quantity(cur)?;
        let unit = match (first_given, second_given) {
            (true, true) if first.unit != second.unit => return None,
            (true, _) => first.unit.clone(),
            (false, _) => second.unit.clone(),
        };
        if parse_suffix(cur).is_some() {
            return None;
        }
        let note = parse_note(cur)?;
        return Some(Reading::Range {
            low: Quantity::new(first.value, unit.clone()),
            high: Quantity::new(second.value, unit),
            note,
        });
    }

    let suffix = parse_suffix(cur);
    let comparator = match (prefix, suffix) {
        (Some(p), Some(s)) if p != s => return None,
        (Some(p), _) => Some(p),
        (None, s) => s,
    };
    let note = parse_note(cur)?;
    Some(Reading::Bound {
        comparator,
        quantity: first,
        note,
    })
}
