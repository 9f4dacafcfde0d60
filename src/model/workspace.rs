//! The workspace: every section of a department budget explanation (部门预算情况说明).
//!
//! Field order is the serialization order, so saved files are stable and diff cleanly.
//! Every struct carries `extra`: fields this build does not know are kept and written back,
//! so a file from a newer minor format loses nothing when an older build saves it.
//! A blank cell is `None` (JSON `null`), distinct from a written zero.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::place::Place;
use super::tables::{DisclosureTable, Provenance, SourcePlace, SourceText};

/// Fields a newer build wrote that this one does not know; preserved verbatim. A key given
/// twice, here or in any object inside, is refused like a known field given twice.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Extra(pub BTreeMap<String, serde_json::Value>);

impl Extra {
    pub fn new() -> Extra {
        Extra::default()
    }
}

/// Open fields are read and written like the map they are.
impl std::ops::Deref for Extra {
    type Target = BTreeMap<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl JsonSchema for Extra {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <BTreeMap<String, serde_json::Value>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <BTreeMap<String, serde_json::Value>>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        <BTreeMap<String, serde_json::Value>>::inline_schema()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Extra, D::Error> {
        match deserializer.deserialize_map(UnknownVisitor)? {
            serde_json::Value::Object(map) => Ok(Extra(map.into_iter().collect())),
            _ => Err(serde::de::Error::custom("expected an object")),
        }
    }
}

/// Reads unknown content into a JSON value, refusing duplicate keys (serde_json's own `Value`
/// keeps the last silently) and keeping numbers' exact text.
struct UnknownVisitor;

impl<'de> serde::de::DeserializeSeed<'de> for UnknownVisitor {
    type Value = serde_json::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for UnknownVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(UnknownVisitor)? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == super::amount::EXACT_NUMBER_KEY {
                // A number handed over with its exact text (arbitrary_precision).
                let text: String = map.next_value()?;
                return serde_json::from_str::<serde_json::Number>(&text)
                    .map(serde_json::Value::Number)
                    .map_err(A::Error::custom);
            }
            if object.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "duplicate key `{}` in a field this build does not know",
                    crate::text::visible(&key)
                )));
            }
            let value = map.next_value_seed(UnknownVisitor)?;
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

/// The format this build writes: `MAJOR.MINOR`. A newer MAJOR is refused on load.
pub const FORMAT_VERSION: &str = "1.0";
pub const FORMAT_MAJOR: u64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Workspace {
    /// Workspace format version, `MAJOR.MINOR` (this build: "1.0").
    pub format: String,
    pub meta: Meta,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub overview: Overview,
    #[serde(default)]
    pub running_costs: RunningCosts,
    #[serde(default)]
    pub three_public: ThreePublic,
    #[serde(default)]
    pub performance: Performance,
    #[serde(default)]
    pub procurement: Procurement,
    #[serde(default)]
    pub assets: Assets,
    #[serde(default)]
    pub glossary: Glossary,
    #[serde(default)]
    pub other_notes: TextSection,
    /// Footnotes of the document (`[footnote…]` in the text extract).
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
    /// Text that has no place elsewhere (e.g. what an import could not place), with its line.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The published tables (PDF imports): every standard disclosure table and any other.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<DisclosureTable>,
    /// The published text page by page (PDF imports).
    #[serde(default, skip_serializing_if = "SourceText::is_empty")]
    pub source: SourceText,
    /// Where each imported value was printed, keyed by its JSON pointer (PDF imports).
    #[serde(default, skip_serializing_if = "Provenance::is_empty")]
    pub provenance: Provenance,
    /// The reviewer's decisions on findings (triage); omitted when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dispositions: Vec<super::triage::Disposition>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Document identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// Document title, e.g. 发改局部门预算情况说明.
    #[serde(default)]
    pub title: String,
    /// Department, e.g. 发改局.
    pub department: String,
    /// Budget year, e.g. 2021.
    #[serde(default, with = "super::amount::whole_number")]
    #[schemars(with = "Option<u32>")]
    pub year: Option<u32>,
    /// Unit of amounts unless a table says otherwise (万元).
    #[serde(default = "default_unit")]
    pub unit: String,
    /// Where the workspace came from (an imported file name), if known.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

pub fn default_unit() -> String {
    "万元".to_string()
}

/// A heading with its prose paragraphs, kept verbatim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct TextSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A numbered entry such as a duty: number `十二`, text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct NumberedText {
    pub number: String,
    pub text: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 一、部门职责、机构设置: level, nature, funding form, offices, numbered duties.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Profile {
    pub heading: String,
    /// The prose as published.
    pub paragraphs: Vec<String>,
    /// Administrative level, e.g. 副县级.
    pub level: String,
    /// Unit nature, e.g. 行政.
    pub nature: String,
    /// Funding form, e.g. 财政拨款.
    pub funding_form: String,
    /// Internal offices (内设机构).
    pub offices: Vec<String>,
    /// The line that introduces the duties, e.g. 发改局主要职责：
    pub duties_heading: String,
    pub duties: Vec<NumberedText>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A named figure with optional prior-year figure, stated change and breakdown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct LineItem {
    pub name: String,
    pub amount: Option<Amount>,
    /// Last year's figure, when the document or a reviewer gives it.
    pub prior_year: Option<Amount>,
    /// The stated change as written, e.g. 增加9.57%, 与上年持平.
    pub change: String,
    /// Parts of this item (e.g. 公务用车购置费 and 运行维护费 under 公务用车购置及运行费).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<LineItem>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 二、预算总体情况: revenue by source, expenditure by part.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Overview {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub revenue: Revenue,
    pub expenditure: Expenditure,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Revenue {
    /// Stated total revenue.
    pub total: Option<Amount>,
    /// By source: 一般公共预算拨款, 政府性基金, 财政专户, 其他.
    pub sources: Vec<LineItem>,
    pub prior_year: Option<Amount>,
    pub change: String,
    pub reason: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Expenditure = 人员经费 + 日常公用经费 (together 基本支出) + 项目支出.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Expenditure {
    /// 人员经费.
    pub personnel: Option<Amount>,
    /// 日常公用经费.
    pub public_admin: Option<Amount>,
    /// 基本支出, when stated separately.
    pub basic: Option<Amount>,
    /// 项目支出.
    pub projects: Option<Amount>,
    /// Stated total expenditure (合计总支出).
    pub total: Option<Amount>,
    pub prior_year: Option<Amount>,
    /// Stated change against last year, e.g. 增加27.82%.
    pub change: String,
    pub reason: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 三、机关运行经费.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct RunningCosts {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub total: Option<Amount>,
    pub prior_year: Option<Amount>,
    pub change: String,
    pub reason: String,
    /// 办公费, 邮电费, 差旅费, …
    pub items: Vec<LineItem>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 四、“三公”经费.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ThreePublic {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub total: Option<Amount>,
    pub prior_year: Option<Amount>,
    pub change: String,
    /// 因公出国（境）费, 公务用车购置及运行费 (with 购置费 and 运行维护费), 公务接待费.
    pub items: Vec<LineItem>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 五、绩效信息.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Performance {
    pub heading: String,
    /// 总体绩效目标.
    pub overall_goal: TextSection,
    /// 分项绩效目标.
    pub itemised_goals: ItemisedGoals,
    /// 规划目标保障措施 and similar prose.
    pub safeguards: TextSection,
    /// One 绩效目标表 per project (a table for all projects gives one entry per project).
    pub projects: Vec<ProjectTable>,
    /// 部门整体支出绩效目标表: the department's own targets, kept apart from the projects'.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overall: Vec<ProjectTable>,
    /// 部门职责-工作活动绩效目标.
    pub matrix: DutyMatrix,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ItemisedGoals {
    pub heading: String,
    pub items: Vec<ItemisedGoal>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One itemised goal with the arithmetic of its budget.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ItemisedGoal {
    /// （一） → 一.
    pub number: String,
    pub title: String,
    /// The paragraph as published.
    pub text: String,
    /// Its figures: quantity × unit price = amount, summed to `stated_total`.
    pub computations: Vec<Computation>,
    /// The 合计 it states.
    pub stated_total: Option<Amount>,
    pub stated_total_unit: String,
    /// 绩效目标 line as written.
    pub goals: String,
    /// 绩效指标 line as written.
    pub indicators: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `quantity` × `unit_price` = `amount`, each with its unit as written (家, 万元, 元/吨).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Computation {
    pub label: String,
    pub quantity: Option<Amount>,
    pub quantity_unit: String,
    pub unit_price: Option<Amount>,
    pub unit_price_unit: String,
    pub amount: Option<Amount>,
    pub amount_unit: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 项目绩效目标表.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProjectTable {
    /// Position in the document (1、 → 1).
    pub number: String,
    /// Table title, e.g. 财政专项扶贫资金绩效目标表.
    pub title: String,
    /// Unit of the table's amounts (单位：万元).
    pub unit: String,
    /// 项目编码.
    pub code: String,
    /// The label of the name cell as written: 专项资金名称 or 项目名称.
    pub name_label: String,
    pub name: String,
    pub budget: ProjectBudget,
    /// 资金用途 (项目概况 in the PDF templates that print one).
    pub purpose: String,
    /// 资金支出计划: cumulative % by the end of March, June, October, December.
    pub spending_plan: SpendingPlan,
    /// 绩效目标, one line each as written.
    pub goals: Vec<String>,
    pub indicators: Vec<ProjectIndicator>,
    /// 主管部门（及代码）, as printed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// 实施单位 / 单位名称, as printed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub implementing_unit: String,
    /// The label the budget figure was printed under (年度资金总额, 当年财政拨款预算金额 …).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub budget_label: String,
    /// The columns and labels the published table had, each with the field it was read
    /// into; a column this model has no field for is `other` (its cells in
    /// `ProjectIndicator::other_columns`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<PerformanceColumn>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ProjectTable {
    /// Whether the project's table had a column (or form cell) for `field` (`code`,
    /// `spending_plan`, `basis`, `level1`, `budget` …): a table read from a PDF records its
    /// columns, and a field its template never had is not missing. A table without recorded
    /// columns (the text template, a hand-made workspace) asks for every field.
    pub fn asks_for(&self, field: &str) -> bool {
        self.columns.is_empty()
            || self.columns.iter().any(|c| {
                c.field == field
                    || c.field
                        .strip_prefix(field)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
    }
}

/// A column (or form label) of a published performance table and the field it was read into.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PerformanceColumn {
    /// The label as printed (wrapped header lines joined).
    pub label: String,
    /// The field that holds its cells: `name`, `budget.total`, `goals`, `level1`, `level2`,
    /// `indicator`, `value`, `weight`, `nature`, `measure_unit`, `value_type`, `scoring`,
    /// `description`, `basis`, `number`, `department`, `implementing_unit`, or `other`.
    pub field: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 预算数 split into 财政资金 and 其他资金.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProjectBudget {
    pub total: Option<Amount>,
    pub fiscal: Option<Amount>,
    pub other: Option<Amount>,
    /// 上年结转, when the table states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carryover: Option<Amount>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Cumulative spending plan in percent; a blank point has no plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct SpendingPlan {
    pub march: Option<Amount>,
    pub june: Option<Amount>,
    pub october: Option<Amount>,
    pub december: Option<Amount>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl SpendingPlan {
    pub const LABELS_ZH: [&'static str; 4] = ["3月底", "6月底", "10月底", "12月底"];

    pub fn points(&self) -> [&Option<Amount>; 4] {
        [&self.march, &self.june, &self.october, &self.december]
    }

    pub fn point_mut(&mut self, index: usize) -> Option<&mut Option<Amount>> {
        match index {
            0 => Some(&mut self.march),
            1 => Some(&mut self.june),
            2 => Some(&mut self.october),
            3 => Some(&mut self.december),
            _ => None,
        }
    }
}

/// One indicator row of a project table (一级/二级/三级 with description, value, basis).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProjectIndicator {
    /// 一级指标: 产出指标, 效果指标/效益指标, 满意度指标, 成本指标.
    pub level1: String,
    /// 二级指标: 数量指标, 质量指标, 时效指标, 社会效益指标, …
    pub level2: String,
    /// 三级指标: the indicator itself.
    pub name: String,
    /// 绩效指标描述.
    pub description: String,
    /// 指标值, verbatim.
    pub value: String,
    /// 指标值确定依据.
    pub basis: String,
    /// 分值 / 权重 / 指标权重(%), as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Amount>,
    /// 指标性质 / 绩效指标性质 (≥, ＝, 定性 …), verbatim.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub nature: String,
    /// 度量单位 / 计量单位 / 绩效度量单位, verbatim.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub measure_unit: String,
    /// 指标值类型 (定量/定性 …), verbatim.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value_type: String,
    /// 评（扣）分标准, verbatim.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scoring: String,
    /// Cells of columns this model has no field for (是否核心指标 …), by printed label.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub other_columns: BTreeMap<String, String>,
    /// Actual value (实际值) recorded by a reviewer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 部门职责-工作活动绩效目标: duty → activity → graded indicators.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct DutyMatrix {
    pub title: String,
    pub unit: String,
    /// Footnote ids attached to the title.
    pub footnote_refs: Vec<String>,
    pub duties: Vec<Duty>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A duty (一、二、…) with its own indicators (rare) and its work activities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Duty {
    pub number: String,
    pub name: String,
    /// 年度预算数 (often blank).
    pub budget: Option<Amount>,
    /// 内容描述.
    pub content: String,
    /// 绩效目标.
    pub goal: String,
    pub indicators: Vec<GradedIndicator>,
    pub activities: Vec<Activity>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A work activity (1、2、…) under a duty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Activity {
    pub number: String,
    pub name: String,
    pub budget: Option<Amount>,
    pub content: String,
    pub goal: String,
    pub indicators: Vec<GradedIndicator>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An indicator with its four evaluation standards (评价标准), verbatim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct GradedIndicator {
    pub name: String,
    /// 优.
    pub excellent: String,
    /// 良.
    pub good: String,
    /// 中.
    pub fair: String,
    /// 差.
    pub poor: String,
    /// Actual value (实际值) entered at year end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl GradedIndicator {
    /// The standards in grade order 优, 良, 中, 差.
    pub fn standards(&self) -> [&str; 4] {
        [&self.excellent, &self.good, &self.fair, &self.poor]
    }

    pub fn standard_mut(&mut self, grade_index: usize) -> Option<&mut String> {
        match grade_index {
            0 => Some(&mut self.excellent),
            1 => Some(&mut self.good),
            2 => Some(&mut self.fair),
            3 => Some(&mut self.poor),
            _ => None,
        }
    }
}

/// 六、政府采购预算.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Procurement {
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// The department line of the table, e.g. 107发改局.
    pub department: String,
    pub unit: String,
    /// The 合计 row as stated.
    pub stated_total: Option<ProcurementAmounts>,
    /// Subtotal rows as stated (e.g. 发改局小计).
    pub subtotals: Vec<ProcurementSubtotal>,
    pub rows: Vec<ProcurementRow>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProcurementSubtotal {
    pub label: String,
    pub amounts: ProcurementAmounts,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One purchase: source, item, catalogue code, quantity × unit price = amount by channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProcurementRow {
    /// 政府采购项目来源 · 项目名称.
    pub project: String,
    /// 政府采购项目来源 · 预算资金.
    pub project_budget: Option<Amount>,
    /// 采购物品名称.
    pub item: String,
    /// 政府采购目录序号, e.g. A060206.
    pub catalogue_code: String,
    /// 数量单位.
    pub unit: String,
    pub quantity: Option<Amount>,
    pub unit_price: Option<Amount>,
    pub amounts: ProcurementAmounts,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 政府采购金额 by funding channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ProcurementAmounts {
    /// 总计.
    pub total: Option<Amount>,
    /// 当年部门预算安排资金 · 合计.
    pub department_total: Option<Amount>,
    /// 一般公共预算拨款.
    pub general_public: Option<Amount>,
    /// 基金预算拨款.
    pub fund: Option<Amount>,
    /// 财政专户核拨.
    pub special_account: Option<Amount>,
    /// 其他来源收入.
    pub other_income: Option<Amount>,
    /// 其他渠道资金.
    pub other_channels: Option<Amount>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ProcurementAmounts {
    /// The department-budget channels that add up to `department_total`.
    pub fn department_channels(&self) -> [(&'static str, &Option<Amount>); 4] {
        [
            ("一般公共预算拨款", &self.general_public),
            ("基金预算拨款", &self.fund),
            ("财政专户核拨", &self.special_account),
            ("其他来源收入", &self.other_income),
        ]
    }
}

/// 七、国有资产: 固定资产占用情况表.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Assets {
    pub heading: String,
    pub title: String,
    /// 编制部门.
    pub compiled_by: String,
    /// 截止时间.
    pub as_of: String,
    /// Unit of the value column.
    pub value_unit: String,
    /// The 合计 row as stated.
    pub total: AssetFigures,
    pub categories: Vec<AssetRow>,
    /// Prose after the table.
    pub paragraphs: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct AssetFigures {
    pub quantity: Option<Amount>,
    pub value: Option<Amount>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An asset category; `of_which` rows (其中) are contained in it, never added to it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct AssetRow {
    pub number: String,
    pub name: String,
    pub quantity: Option<Amount>,
    pub value: Option<Amount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub of_which: Vec<AssetRow>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 八、名词解释.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Glossary {
    pub heading: String,
    pub entries: Vec<GlossaryEntry>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct GlossaryEntry {
    pub number: String,
    pub term: String,
    pub definition: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Footnote {
    pub id: String,
    pub text: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Text kept without a structured place, with the source line when imported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Note {
    #[serde(with = "super::amount::whole_number")]
    #[schemars(with = "Option<u32>")]
    pub line: Option<u32>,
    pub text: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// The page the note was printed on (PDF imports keep it in `extra.page`).
    pub fn page(&self) -> Option<u32> {
        let page = self.extra.0.get("page").and_then(|p| p.as_u64())?;
        u32::try_from(page).ok()
    }
}

impl Workspace {
    /// Where the value at `place` was printed: a table row's page and line (a table's first
    /// page), a source line, a note, or the provenance the import recorded for it, its nearest
    /// recorded ancestor or the first recorded value under it. The one place pages are found:
    /// findings, exports and the source screen all ask here.
    pub fn source_place(&self, place: &Place) -> Option<SourcePlace> {
        let num = |s: &str| s.parse::<usize>().ok();
        match place.parts().as_slice() {
            ["tables", t, rest @ ..] => {
                let table = self.tables.get(num(t)?)?;
                if let ["rows", r, ..] = rest
                    && let Some(row) = num(r).and_then(|r| table.rows.get(r))
                {
                    return Some(SourcePlace {
                        page: row.page,
                        line: row.line,
                    });
                }
                let page = table.pages.first().copied()?;
                return Some(SourcePlace { page, line: 0 });
            }
            ["source", "pages", p, rest @ ..] => {
                let page = self.source.pages.get(num(p)?)?;
                let line = match rest {
                    ["lines", l, ..] => u32::try_from(num(l)?).ok()?.saturating_add(1),
                    _ => 0,
                };
                return Some(SourcePlace {
                    page: page.number,
                    line,
                });
            }
            ["notes", n, ..] => {
                let note = self.notes.get(num(n)?)?;
                return Some(SourcePlace {
                    page: note.page()?,
                    line: note.line.unwrap_or(0),
                });
            }
            _ => {}
        }
        let provenance = &self.provenance;
        if provenance.is_empty() {
            return None;
        }
        let mut up = Some(place.clone());
        while let Some(p) = up.filter(|p| !p.is_root()) {
            if let Some(found) = provenance.get(p.as_str()) {
                return Some(*found);
            }
            up = p.parent();
        }
        let below = format!("{place}/");
        provenance
            .range(below.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&below))
            .map(|(_, found)| *found)
    }

    /// The printed page of `place` (see [`Workspace::source_place`]).
    pub fn page_of(&self, place: &Place) -> Option<u32> {
        self.source_place(place).map(|p| p.page)
    }

    /// An empty workspace for `department`.
    pub fn new(department: &str) -> Workspace {
        Workspace {
            format: FORMAT_VERSION.to_string(),
            meta: Meta {
                department: department.to_string(),
                unit: default_unit(),
                ..Meta::default()
            },
            profile: Profile::default(),
            overview: Overview::default(),
            running_costs: RunningCosts::default(),
            three_public: ThreePublic::default(),
            performance: Performance::default(),
            procurement: Procurement::default(),
            assets: Assets::default(),
            glossary: Glossary::default(),
            other_notes: TextSection::default(),
            footnotes: Vec::new(),
            notes: Vec::new(),
            tables: Vec::new(),
            source: SourceText::default(),
            provenance: Provenance::new(),
            dispositions: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Every graded indicator of the matrix (a duty's own, then its activities'), in order.
    pub fn graded_indicators(&self) -> impl Iterator<Item = &GradedIndicator> {
        self.performance.matrix.duties.iter().flat_map(|duty| {
            duty.indicators
                .iter()
                .chain(duty.activities.iter().flat_map(|a| a.indicators.iter()))
        })
    }

    /// All work activities with their duty, in document order.
    pub fn activities(&self) -> impl Iterator<Item = (&Duty, &Activity)> {
        self.performance
            .matrix
            .duties
            .iter()
            .flat_map(|duty| duty.activities.iter().map(move |activity| (duty, activity)))
    }
}
