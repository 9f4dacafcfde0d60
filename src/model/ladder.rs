//! Grade ladders (优/良/中/差): direction, gaps, overlaps, grading.
//!
//! A ladder is the four evaluation standards (评价标准) of one indicator in the
//! duty-activity matrix. [`analyse`] reads them with [`parse_value`] and reports
//! [`LadderProblem`]s; [`grade`] gives the grade of an actual value (实际值): the first of
//! 优, 良, 中, 差 whose standard the value meets. Nothing here changes any text.
//! The rules are written up for reviewers in `docs/values.md`.

use crate::model::value::{
    BareAs, Comparator, Interval, NumberSet, Quantity, Reading, parse_value, trim_text,
};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// One of the four grades, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Grade {
    /// 优.
    Excellent,
    /// 良.
    Good,
    /// 中.
    Fair,
    /// 差.
    Poor,
}

impl Grade {
    /// All grades, best first (the order grading tries them).
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];

    /// `优 良 中 差`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    /// `excellent good fair poor`.
    pub fn label_en(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Poor => "poor",
        }
    }

    /// Position in [`Grade::ALL`] (0 = 优).
    pub fn index(self) -> usize {
        match self {
            Grade::Excellent => 0,
            Grade::Good => 1,
            Grade::Fair => 2,
            Grade::Poor => 3,
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// Which way a ladder points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Direction {
    /// More is better (`≥100%/≥95%/≥90%/<90%`); bare values read as "at least".
    HigherIsBetter,
    /// Less is better (`≤1%/≤3%/≤5%/>5%`); bare values read as "at most".
    LowerIsBetter,
    /// Only qualitative standards: grades are ordinal by position.
    Ordinal,
}

impl Direction {
    /// `越高越好 / 越低越好 / 按顺序（定性）`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "越高越好",
            Direction::LowerIsBetter => "越低越好",
            Direction::Ordinal => "按顺序（定性）",
        }
    }

    /// `higher is better / lower is better / ordinal (qualitative)`.
    pub fn label_en(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher is better",
            Direction::LowerIsBetter => "lower is better",
            Direction::Ordinal => "ordinal (qualitative)",
        }
    }
}

/// How bare values are read under an (optional) direction.
pub fn bare_reading(direction: Option<Direction>) -> BareAs {
    match direction {
        Some(Direction::HigherIsBetter) => BareAs::AtLeast,
        Some(Direction::LowerIsBetter) => BareAs::AtMost,
        _ => BareAs::Exact,
    }
}

/// A problem found in a ladder. Each has a stable [`code`](LadderProblem::code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LadderProblem {
    /// Quantitative and qualitative standards in one ladder.
    MixedKinds {
        /// Grades with a number.
        quantitative: Vec<Grade>,
        /// Grades with text only.
        qualitative: Vec<Grade>,
    },
    /// Standards written in different units (`≥5个` vs `≥4家`).
    MixedUnits {
        /// Each grade with an explicit unit, and that unit.
        units: Vec<(Grade, String)>,
    },
    /// Some standards point up and others down (`≥5/≤5/≤4/≤3`).
    MixedDirection {
        /// Grades written as lower bounds (≥ >), with their standards.
        higher_is_better: Vec<(Grade, String)>,
        /// Grades written as upper bounds (≤ <), with their standards.
        lower_is_better: Vec<(Grade, String)>,
    },
    /// A better grade demands less than a worse one (`≥90%` for 优, `≥95%` for 良).
    OutOfOrder {
        /// The better grade.
        better: Grade,
        /// Its standard (trimmed text).
        better_standard: String,
        /// The worse grade.
        worse: Grade,
        /// Its standard (trimmed text).
        worse_standard: String,
    },
    /// A value meets two grades whose writer meant disjoint bands.
    Overlap {
        /// The better grade.
        better: Grade,
        /// Its standard (trimmed text).
        better_standard: String,
        /// The worse grade.
        worse: Grade,
        /// Its standard (trimmed text).
        worse_standard: String,
        /// The shared values (first shared interval).
        shared: Interval,
        /// One shared value.
        example: Quantity,
    },
    /// Under first-match grading, a grade can never be given.
    Unreachable {
        /// The grade that can never be given.
        grade: Grade,
        /// Its standard (trimmed text).
        standard: String,
        /// Better grades that take every value it admits (empty: it admits no value).
        taken_by: Vec<Grade>,
    },
    /// Values (within the natural domain) that fall in no grade.
    Gap {
        /// The ungraded values.
        values: Interval,
        /// Unit of the ladder (may be empty).
        unit: String,
        /// One ungraded value.
        example: Quantity,
    },
    /// A grade without a standard (info): it admits nothing.
    BlankGrade {
        /// The blank grade.
        grade: Grade,
    },
}

fn grade_list_zh(gs: &[Grade]) -> String {
    gs.iter()
        .map(|g| g.label_zh())
        .collect::<Vec<_>>()
        .join("、")
}

fn standards_zh(gs: &[(Grade, String)]) -> String {
    gs.iter()
        .map(|(g, t)| format!("{}（{}）", g.label_zh(), t))
        .collect::<Vec<_>>()
        .join("、")
}

fn standards_en(gs: &[(Grade, String)]) -> String {
    gs.iter()
        .map(|(g, t)| format!("{} ({})", g.label_en(), t))
        .collect::<Vec<_>>()
        .join(", ")
}

fn grade_list_en(gs: &[Grade]) -> String {
    gs.iter()
        .map(|g| g.label_en())
        .collect::<Vec<_>>()
        .join(", ")
}

impl LadderProblem {
    /// Stable machine code, e.g. `ladder.gap`.
    pub fn code(&self) -> &'static str {
        match self {
            LadderProblem::MixedKinds { .. } => "ladder.mixed_kinds",
            LadderProblem::MixedUnits { .. } => "ladder.mixed_units",
            LadderProblem::MixedDirection { .. } => "ladder.mixed_direction",
            LadderProblem::OutOfOrder { .. } => "ladder.out_of_order",
            LadderProblem::Overlap { .. } => "ladder.overlap",
            LadderProblem::Unreachable { .. } => "ladder.unreachable",
            LadderProblem::Gap { .. } => "ladder.gap",
            LadderProblem::BlankGrade { .. } => "ladder.blank_grade",
        }
    }

    /// Info-level only (a blank grade); everything else deserves a reviewer's look.
    pub fn is_info(&self) -> bool {
        matches!(self, LadderProblem::BlankGrade { .. })
    }

    /// Hint for severity: problems that make grading wrong or ambiguous
    /// (order, gap, overlap, unreachable, mixed direction, mixed units).
    /// Mixed kinds and blank grades are not error-like.
    pub fn is_error_like(&self) -> bool {
        !matches!(
            self,
            LadderProblem::BlankGrade { .. } | LadderProblem::MixedKinds { .. }
        )
    }

    /// Message in Chinese naming grades and figures.
    pub fn message_zh(&self) -> String {
        match self {
            LadderProblem::MixedKinds {
                quantitative,
                qualitative,
            } => format!(
                "定量与定性标准混用：{} 为数值，{} 为文字",
                grade_list_zh(quantitative),
                grade_list_zh(qualitative)
            ),
            LadderProblem::MixedUnits { units } => format!(
                "各等级单位不一致：{}",
                units
                    .iter()
                    .map(|(g, u)| format!("{}（{}）", g.label_zh(), u))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            LadderProblem::MixedDirection {
                higher_is_better,
                lower_is_better,
            } => format!(
                "方向不一致：{} 写作下限（≥/>），{} 写作上限（≤/<）",
                standards_zh(higher_is_better),
                standards_zh(lower_is_better)
            ),
            LadderProblem::OutOfOrder {
                better,
                better_standard,
                worse,
                worse_standard,
            } => format!(
                "等级顺序颠倒：{}（{}）的要求低于{}（{}）",
                better.label_zh(),
                better_standard,
                worse.label_zh(),
                worse_standard
            ),
            LadderProblem::Overlap {
                better,
                better_standard,
                worse,
                worse_standard,
                example,
                ..
            } => format!(
                "等级重叠：{}同时满足{}（{}）和{}（{}）",
                example,
                better.label_zh(),
                better_standard,
                worse.label_zh(),
                worse_standard
            ),
            LadderProblem::Unreachable {
                grade,
                standard,
                taken_by,
            } => {
                if taken_by.is_empty() {
                    format!(
                        "{}（{}）不可能被评定：该标准不容许任何值",
                        grade.label_zh(),
                        standard
                    )
                } else {
                    format!(
                        "{}（{}）不可能被评定：满足它的值都已先满足{}",
                        grade.label_zh(),
                        standard,
                        grade_list_zh(taken_by)
                    )
                }
            }
            LadderProblem::Gap {
                values,
                unit,
                example,
            } => format!(
                "存在空档：{} 的值不属于任何等级（例如 {}）",
                values.describe(unit),
                example
            ),
            LadderProblem::BlankGrade { grade } => {
                format!("{}的评价标准为空，该等级不会被评定", grade.label_zh())
            }
        }
    }

    /// Message in English naming grades and figures.
    pub fn message_en(&self) -> String {
        match self {
            LadderProblem::MixedKinds {
                quantitative,
                qualitative,
            } => format!(
                "quantitative and qualitative standards mixed: {} numeric, {} text",
                grade_list_en(quantitative),
                grade_list_en(qualitative)
            ),
            LadderProblem::MixedUnits { units } => format!(
                "grades use different units: {}",
                units
                    .iter()
                    .map(|(g, u)| format!("{} ({})", g.label_en(), u))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            LadderProblem::MixedDirection {
                higher_is_better,
                lower_is_better,
            } => format!(
                "mixed direction: {} written as lower bounds (≥/>), {} as upper bounds (≤/<)",
                standards_en(higher_is_better),
                standards_en(lower_is_better)
            ),
            LadderProblem::OutOfOrder {
                better,
                better_standard,
                worse,
                worse_standard,
            } => format!(
                "grades out of order: {} ({}) demands less than {} ({})",
                better.label_en(),
                better_standard,
                worse.label_en(),
                worse_standard
            ),
            LadderProblem::Overlap {
                better,
                better_standard,
                worse,
                worse_standard,
                example,
                ..
            } => format!(
                "grades overlap: {} meets both {} ({}) and {} ({})",
                example,
                better.label_en(),
                better_standard,
                worse.label_en(),
                worse_standard
            ),
            LadderProblem::Unreachable {
                grade,
                standard,
                taken_by,
            } => {
                if taken_by.is_empty() {
                    format!(
                        "{} ({}) can never be given: the standard admits no value",
                        grade.label_en(),
                        standard
                    )
                } else {
                    format!(
                        "{} ({}) can never be given: every value it admits already meets {}",
                        grade.label_en(),
                        standard,
                        grade_list_en(taken_by)
                    )
                }
            }
            LadderProblem::Gap {
                values,
                unit,
                example,
            } => format!(
                "gap: values {} fall in no grade (e.g. {})",
                values.describe(unit),
                example
            ),
            LadderProblem::BlankGrade { grade } => {
                format!(
                    "the standard for {} is blank; that grade is never given",
                    grade.label_en()
                )
            }
        }
    }
}

/// Result of [`analyse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LadderAnalysis {
    /// Inferred direction; `None` when it cannot be inferred (mixed, or no clue).
    pub direction: Option<Direction>,
    /// The readings of 优, 良, 中, 差.
    pub readings: [Reading; 4],
    /// The trimmed standard texts of 优, 良, 中, 差 (substrings of the input).
    pub standards: [String; 4],
    /// Problems found, in a stable order (kinds, units, direction, order, overlap,
    /// unreachable, gap, blank).
    pub problems: Vec<LadderProblem>,
}

/// Why no grade could be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum NoGrade {
    /// The actual value is blank.
    BlankActual,
    /// All four standards are blank.
    NoStandards,
    /// The ladder is quantitative but the actual value is not a single number.
    NotANumber {
        /// The trimmed actual text.
        actual: String,
    },
    /// The actual value's unit differs from every standard's unit.
    UnitMismatch {
        /// Unit of the ladder.
        expected: String,
        /// Unit of the actual value.
        found: String,
    },
    /// The value meets no standard (it falls in a gap of the ladder).
    InGap {
        /// The actual value.
        value: Quantity,
    },
    /// The ladder is qualitative and the actual text equals no grade's label.
    NoLabelMatch {
        /// The trimmed actual text.
        actual: String,
    },
}

impl NoGrade {
    /// Stable machine code, e.g. `grade.in_gap`.
    pub fn code(&self) -> &'static str {
        match self {
            NoGrade::BlankActual => "grade.blank_actual",
            NoGrade::NoStandards => "grade.no_standards",
            NoGrade::NotANumber { .. } => "grade.not_a_number",
            NoGrade::UnitMismatch { .. } => "grade.unit_mismatch",
            NoGrade::InGap { .. } => "grade.in_gap",
            NoGrade::NoLabelMatch { .. } => "grade.no_label_match",
        }
    }

    /// Message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            NoGrade::BlankActual => "实际值为空，无法评定等级".to_string(),
            NoGrade::NoStandards => "评价标准全部为空，无法评定等级".to_string(),
            NoGrade::NotANumber { actual } => {
                format!("实际值“{actual}”不是一个确切的数值，而评价标准是定量的")
            }
            NoGrade::UnitMismatch { expected, found } => {
                format!("实际值的单位“{found}”与评价标准的单位“{expected}”不一致")
            }
            NoGrade::InGap { value } => {
                format!("实际值 {value} 不满足任何等级的标准（落在空档中）")
            }
            NoGrade::NoLabelMatch { actual } => {
                format!("实际值“{actual}”与任何等级的标准文字都不相同")
            }
        }
    }

    /// Message in English.
    pub fn message_en(&self) -> String {
        match self {
            NoGrade::BlankActual => "the actual value is blank".to_string(),
            NoGrade::NoStandards => "all four standards are blank".to_string(),
            NoGrade::NotANumber { actual } => {
                format!(
                    "the actual value \"{actual}\" is not a single number, but the ladder is quantitative"
                )
            }
            NoGrade::UnitMismatch { expected, found } => {
                format!(
                    "the actual value's unit \"{found}\" differs from the ladder's unit \"{expected}\""
                )
            }
            NoGrade::InGap { value } => {
                format!("the actual value {value} meets no grade (it falls in a gap)")
            }
            NoGrade::NoLabelMatch { actual } => {
                format!("the actual value \"{actual}\" matches no grade's label")
            }
        }
    }
}

impl fmt::Display for NoGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for NoGrade {}

/// A representative point of a quantitative reading, for ordering bare thresholds.
fn representative(r: &Reading) -> Option<Decimal> {
    match r {
        Reading::Bound { quantity, .. } => Some(quantity.value),
        Reading::Range { low, high, .. } => {
            low.value.checked_add(high.value).map(|s| s / Decimal::TWO)
        }
        _ => None,
    }
}

/// The comparator of a bound, if any.
fn comparator_of(r: &Reading) -> Option<Comparator> {
    match r {
        Reading::Bound { comparator, .. } => *comparator,
        _ => None,
    }
}

fn infer_direction(
    readings: &[Reading; 4],
    texts: &[String; 4],
    problems: &mut Vec<LadderProblem>,
) -> Option<Direction> {
    let any_quant = readings.iter().any(Reading::is_quantitative);
    if !any_quant {
        return if readings.iter().any(Reading::is_qualitative) {
            Some(Direction::Ordinal)
        } else {
            None
        };
    }
    // Votes of 优, 良, 中: a lower bound points up, an upper bound points down.
    let mut up = Vec::new();
    let mut down = Vec::new();
    for g in [Grade::Excellent, Grade::Good, Grade::Fair] {
        if let Some(c) = comparator_of(&readings[g.index()]) {
            let entry = (g, texts[g.index()].clone());
            if c.is_lower_bound() {
                up.push(entry);
            } else if c.is_upper_bound() {
                down.push(entry);
            }
        }
    }
    match (up.is_empty(), down.is_empty()) {
        (false, false) => {
            problems.push(LadderProblem::MixedDirection {
                higher_is_better: up,
                lower_is_better: down,
            });
            return None;
        }
        (false, true) => return Some(Direction::HigherIsBetter),
        (true, false) => return Some(Direction::LowerIsBetter),
        (true, true) => {}
    }
    // 差 is the far end: `<3` means the ladder points up, `>5%` that it points down.
    if let Some(c) = comparator_of(&readings[Grade::Poor.index()]) {
        if c.is_upper_bound() {
            return Some(Direction::HigherIsBetter);
        }
        if c.is_lower_bound() {
            return Some(Direction::LowerIsBetter);
        }
    }
    // Bare thresholds: the order in which they are written.
    let points: Vec<Decimal> = readings.iter().filter_map(representative).collect();
    let (mut desc, mut asc) = (0usize, 0usize);
    for w in points.windows(2) {
        match w[0].cmp(&w[1]) {
            Ordering::Greater => desc += 1,
            Ordering::Less => asc += 1,
            Ordering::Equal => {}
        }
    }
    match desc.cmp(&asc) {
        Ordering::Greater => Some(Direction::HigherIsBetter),
        Ordering::Less => Some(Direction::LowerIsBetter),
        Ordering::Equal => None,
    }
}

/// Analyse a ladder of four standards (优, 良, 中, 差). Never fails.
pub fn analyse(standards: [&str; 4]) -> LadderAnalysis {
    let readings = standards.map(parse_value);
    let texts = standards.map(|s| trim_text(s).to_string());
    let mut problems = Vec::new();

    let quant: Vec<Grade> = Grade::ALL
        .into_iter()
        .filter(|g| readings[g.index()].is_quantitative())
        .collect();
    let qual: Vec<Grade> = Grade::ALL
        .into_iter()
        .filter(|g| readings[g.index()].is_qualitative())
        .collect();

    if !quant.is_empty() && !qual.is_empty() {
        problems.push(LadderProblem::MixedKinds {
            quantitative: quant.clone(),
            qualitative: qual.clone(),
        });
    }

    let units: Vec<(Grade, String)> = quant
        .iter()
        .filter_map(|g| {
            readings[g.index()]
                .unit()
                .filter(|u| !u.is_empty())
                .map(|u| (*g, u.to_string()))
        })
        .collect();
    let mixed_units = units.iter().any(|(_, u)| *u != units[0].1);
    if mixed_units {
        problems.push(LadderProblem::MixedUnits {
            units: units.clone(),
        });
    }
    let unit = units.first().map(|(_, u)| u.clone()).unwrap_or_default();

    let direction = infer_direction(&readings, &texts, &mut problems);

    if !mixed_units && !quant.is_empty() {
        let bare = bare_reading(direction);
        let domain = if readings.iter().any(Reading::reaches_below_zero) {
            NumberSet::all()
        } else {
            NumberSet::non_negative()
        };
        let sets: Vec<(Grade, NumberSet)> = quant
            .iter()
            .filter_map(|g| readings[g.index()].admits(bare).map(|s| (*g, s)))
            .collect();
        set_checks(&sets, direction, &domain, &unit, &texts, &mut problems);
    }

    // Qualitative duplicates: a repeated label can only ever give the first grade.
    for (j, gj) in qual.iter().enumerate() {
        if let Some(gi) = qual[..j]
            .iter()
            .find(|gi| texts[gi.index()] == texts[gj.index()])
        {
            problems.push(LadderProblem::Unreachable {
                grade: *gj,
                standard: texts[gj.index()].clone(),
                taken_by: vec![*gi],
            });
        }
    }

    for g in Grade::ALL {
        if readings[g.index()].is_blank() {
            problems.push(LadderProblem::BlankGrade { grade: g });
        }
    }

    LadderAnalysis {
        direction,
        readings,
        standards: texts,
        problems,
    }
}

/// Order, overlap, unreachable and gap checks on the admitted sets.
fn set_checks(
    sets: &[(Grade, NumberSet)],
    direction: Option<Direction>,
    domain: &NumberSet,
    unit: &str,
    texts: &[String; 4],
    problems: &mut Vec<LadderProblem>,
) {
    let text = |g: Grade| texts[g.index()].clone();

    // Out of order: compare each quantitative grade with the next one.
    for w in sets.windows(2) {
        let ((gb, sb), (gw, sw)) = (&w[0], &w[1]);
        let wrong = match direction {
            Some(Direction::HigherIsBetter) => match (sb.infimum(), sw.infimum()) {
                (Some(b), Some(w)) => b.cmp_lower(w) == Ordering::Less,
                _ => false,
            },
            Some(Direction::LowerIsBetter) => match (sb.supremum(), sw.supremum()) {
                (Some(b), Some(w)) => b.cmp_upper(w) == Ordering::Greater,
                _ => false,
            },
            _ => false,
        };
        if wrong {
            problems.push(LadderProblem::OutOfOrder {
                better: *gb,
                better_standard: text(*gb),
                worse: *gw,
                worse_standard: text(*gw),
            });
        }
    }

    // Overlap: shared values where at least one band is bounded on the far side.
    for (i, (gb, sb)) in sets.iter().enumerate() {
        for (gw, sw) in &sets[i + 1..] {
            let shared = sb.intersect(sw).intersect(domain);
            if shared.is_empty() {
                continue;
            }
            let meant_disjoint = match direction {
                Some(Direction::HigherIsBetter) => sb.bounded_above() || sw.bounded_above(),
                Some(Direction::LowerIsBetter) => sb.bounded_below() || sw.bounded_below(),
                _ => {
                    let both_up = !sb.bounded_above() && !sw.bounded_above();
                    let both_down = !sb.bounded_below() && !sw.bounded_below();
                    !(both_up || both_down)
                }
            };
            if !meant_disjoint {
                continue;
            }
            if let (Some(first), Some(example)) = (shared.intervals().first(), shared.example()) {
                problems.push(LadderProblem::Overlap {
                    better: *gb,
                    better_standard: text(*gb),
                    worse: *gw,
                    worse_standard: text(*gw),
                    shared: *first,
                    example: Quantity::new(example, unit),
                });
            }
        }
    }

    // Unreachable under first-match grading.
    for (j, (gj, sj)) in sets.iter().enumerate() {
        let own = sj.intersect(domain);
        let better: Vec<&(Grade, NumberSet)> = sets[..j].iter().collect();
        let union = better
            .iter()
            .fold(NumberSet::empty(), |acc, (_, s)| acc.union(s));
        if own.difference(&union).is_empty() {
            let taken_by = better
                .iter()
                .filter(|(_, s)| !s.intersect(&own).is_empty())
                .map(|(g, _)| *g)
                .collect();
            problems.push(LadderProblem::Unreachable {
                grade: *gj,
                standard: text(*gj),
                taken_by,
            });
        }
    }

    // Gaps: only when the direction is known (bare values are then meaningful).
    if matches!(
        direction,
        Some(Direction::HigherIsBetter | Direction::LowerIsBetter)
    ) {
        let union = sets
            .iter()
            .fold(NumberSet::empty(), |acc, (_, s)| acc.union(s));
        let gaps = domain.difference(&union);
        for iv in gaps.intervals() {
            if let Some(example) = iv.example() {
                problems.push(LadderProblem::Gap {
                    values: *iv,
                    unit: unit.to_string(),
                    example: Quantity::new(example, unit),
                });
            }
        }
    }
}

impl LadderAnalysis {
    /// The set of numbers grade `g`'s standard admits, read under this ladder's
    /// direction (`None` for a qualitative standard; empty for a blank one).
    pub fn admitted(&self, g: Grade) -> Option<NumberSet> {
        self.readings[g.index()].admits(bare_reading(self.direction))
    }

    /// Problems that are not info-level.
    pub fn has_findings(&self) -> bool {
        self.problems.iter().any(|p| !p.is_info())
    }

    /// The grade of an actual value: the first of 优, 良, 中, 差 whose standard it meets.
    pub fn grade(&self, actual: &str) -> Result<Grade, NoGrade> {
        let reading = parse_value(actual);
        if reading.is_blank() {
            return Err(NoGrade::BlankActual);
        }
        if self.readings.iter().all(Reading::is_blank) {
            return Err(NoGrade::NoStandards);
        }
        let actual_text = trim_text(actual);
        let exact = reading.exact_quantity();
        let bare = bare_reading(self.direction);
        let mut expected_unit: Option<String> = None;
        let mut unit_compatible = false;
        for g in Grade::ALL {
            let r = &self.readings[g.index()];
            match r {
                Reading::Blank => {}
                Reading::Qualitative { text } => {
                    if text == actual_text {
                        return Ok(g);
                    }
                }
                _ => {
                    let Some(q) = exact else { continue };
                    let su = r.unit().unwrap_or("");
                    if !q.unit.is_empty() && !su.is_empty() && su != q.unit {
                        expected_unit.get_or_insert_with(|| su.to_string());
                        continue;
                    }
                    unit_compatible = true;
                    if r.admits(bare).is_some_and(|s| s.contains(q.value)) {
                        return Ok(g);
                    }
                }
            }
        }
        let has_quant = self.readings.iter().any(Reading::is_quantitative);
        let has_qual = self.readings.iter().any(Reading::is_qualitative);
        match exact {
            None => {
                if has_quant && (reading.is_quantitative() || !has_qual) {
                    Err(NoGrade::NotANumber {
                        actual: actual_text.to_string(),
                    })
                } else {
                    Err(NoGrade::NoLabelMatch {
                        actual: actual_text.to_string(),
                    })
                }
            }
            Some(q) => {
                if !has_quant {
                    Err(NoGrade::NoLabelMatch {
                        actual: actual_text.to_string(),
                    })
                } else if let (false, Some(expected)) = (unit_compatible, expected_unit) {
                    Err(NoGrade::UnitMismatch {
                        expected,
                        found: q.unit.clone(),
                    })
                } else {
                    Err(NoGrade::InGap { value: q.clone() })
                }
            }
        }
    }
}

/// Grade an actual value (实际值) against four standards: the first of 优, 良, 中, 差
/// whose standard it meets. Qualitative standards match when the trimmed texts are equal.
pub fn grade(standards: [&str; 4], actual: &str) -> Result<Grade, NoGrade> {
    analyse(standards).grade(actual)
}
