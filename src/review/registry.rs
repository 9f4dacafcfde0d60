//! Every review rule, once: its id, the severities it reports with, its scope and its title.
//! The incremental re-check reads the scope from here; `tests/review_registry.rs` holds
//! `docs/rules.md` and the rules' findings to it.

use super::Severity;

/// What a rule's findings on one place depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the project table, duty or section the finding is in.
    Local,
    /// Other project tables or duties, or other sections: an edit anywhere may change it.
    CrossUnit,
    /// The published document as a whole (its tables and text, from a PDF import).
    Document,
}

/// One rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severities: &'static [Severity],
    pub scope: Scope,
    pub title_zh: &'static str,
    pub title_en: &'static str,
}

const E: &[Severity] = &[Severity::Error];
const W: &[Severity] = &[Severity::Warning];
const I: &[Severity] = &[Severity::Info];
const EW: &[Severity] = &[Severity::Error, Severity::Warning];
const WI: &[Severity] = &[Severity::Warning, Severity::Info];

const fn rule(
    id: &'static str,
    severities: &'static [Severity],
    scope: Scope,
    title_zh: &'static str,
    title_en: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        severities,
        scope,
        title_zh,
        title_en,
    }
}

use Scope::{CrossUnit, Document, Local};

pub const RULES: &[RuleInfo] = &[
    rule(
        "sum.mismatch",
        E,
        Local,
        "合计与各项之和不符",
        "Total differs from its parts",
    ),
    rule(
        "sum.unbalanced",
        E,
        Local,
        "收入与支出不平衡",
        "Revenue and expenditure differ",
    ),
    rule(
        "sum.product_mismatch",
        E,
        Local,
        "数量 × 单价 ≠ 金额",
        "Quantity × price ≠ amount",
    ),
    rule(
        "sum.of_which_added",
        E,
        Local,
        "“其中”行被计入合计",
        "An of-which row added into the total",
    ),
    rule(
        "sum.of_which_exceeds",
        E,
        Local,
        "“其中”行大于所属类别",
        "An of-which row exceeds its parent",
    ),
    rule(
        "sum.too_large",
        W,
        Local,
        "数字过大，无法精确相加",
        "Too large to add exactly",
    ),
    rule(
        "amount.not_number",
        I,
        Local,
        "金额不是数字",
        "Amount is not a number",
    ),
    rule(
        "change.mismatch",
        E,
        Local,
        "变动百分比与上年数不符",
        "Stated change disagrees with last year",
    ),
    rule(
        "cross.mismatch",
        EW,
        CrossUnit,
        "跨部分数字不一致",
        "Figures differ between sections",
    ),
    rule(
        "cross.running_costs_exceed",
        W,
        CrossUnit,
        "机关运行经费超过公用经费",
        "Running costs exceed public expenses",
    ),
    rule(
        "id.duplicate_code",
        E,
        CrossUnit,
        "项目编码重复",
        "Duplicate project code",
    ),
    rule(
        "id.missing_code",
        W,
        Local,
        "项目编码为空",
        "Project code missing",
    ),
    rule(
        "id.copied_text",
        W,
        CrossUnit,
        "项目绩效目标或指标疑似照抄",
        "A project's goal or indicator copied from another",
    ),
    rule(
        "id.amount_twice",
        E,
        Local,
        "同一项目内同一事项金额前后不一",
        "One item with two amounts in one project",
    ),
    rule(
        "id.duplicate_indicator",
        W,
        Local,
        "指标重复",
        "Duplicate indicator",
    ),
    rule(
        "complete.missing_level1",
        W,
        Local,
        "缺少一级指标",
        "A first-level indicator kind is missing",
    ),
    rule(
        "complete.missing_value",
        W,
        Local,
        "缺少指标值",
        "Target value missing",
    ),
    rule(
        "complete.missing_basis",
        W,
        Local,
        "缺少指标值确定依据",
        "Basis of the target missing",
    ),
    rule(
        "complete.unquantified_satisfaction",
        W,
        Local,
        "满意度指标未量化",
        "Satisfaction target not quantified",
    ),
    rule(
        "complete.missing_standards",
        W,
        Local,
        "缺少评价标准",
        "Grading standards missing",
    ),
    rule(
        "plan.decreasing",
        E,
        Local,
        "资金支出计划下降",
        "Spending plan falls",
    ),
    rule(
        "plan.not_complete",
        W,
        Local,
        "资金支出计划未达 100%",
        "Spending plan ends below 100%",
    ),
    rule(
        "plan.out_of_range",
        E,
        Local,
        "支出进度超出 0–100%",
        "Spending plan point out of range",
    ),
    rule(
        "plan.missing",
        W,
        Local,
        "资金支出计划为空",
        "Spending plan blank",
    ),
    rule(
        "ladder.out_of_order",
        W,
        Local,
        "评价标准次序颠倒",
        "Grades out of order",
    ),
    rule("ladder.overlap", W, Local, "评价标准重叠", "Grades overlap"),
    rule(
        "ladder.unreachable",
        W,
        Local,
        "等级无法达到",
        "Grade unreachable",
    ),
    rule(
        "ladder.gap",
        W,
        Local,
        "评价标准有空档",
        "Gap between grades",
    ),
    rule(
        "ladder.mixed_direction",
        W,
        Local,
        "评价标准方向不一致",
        "Grades in mixed directions",
    ),
    rule(
        "ladder.mixed_units",
        W,
        Local,
        "评价标准单位不一致",
        "Grades in mixed units",
    ),
    rule(
        "ladder.mixed_kinds",
        I,
        Local,
        "定性与定量标准混用",
        "Qualitative and quantitative grades mixed",
    ),
    rule(
        "ladder.blank_grade",
        I,
        Local,
        "等级标准为空",
        "Blank grade",
    ),
    rule(
        "structure.numbering",
        W,
        CrossUnit,
        "编号不连续",
        "Numbering not continuous",
    ),
    rule(
        "structure.empty_duty",
        I,
        Local,
        "职责下无活动和指标",
        "Duty without activities or indicators",
    ),
    rule(
        "table.code_sum",
        EW,
        Document,
        "类款项之和不符",
        "Class/item sums differ",
    ),
    rule(
        "table.duplicate_code",
        E,
        Document,
        "同表科目编码重复",
        "Code used twice in a table",
    ),
    rule(
        "table.code_name",
        W,
        Document,
        "科目名称不一致",
        "Subject name differs",
    ),
    rule(
        "table.row_sum",
        E,
        Document,
        "合计 ≠ 基本 + 项目",
        "Row total differs from its columns",
    ),
    rule(
        "table.unbalanced",
        E,
        Document,
        "收入总计 ≠ 支出总计",
        "Total income differs from total expenditure",
    ),
    rule(
        "table.cross_total",
        EW,
        Document,
        "公开表之间总数不一致",
        "Totals differ between tables",
    ),
    rule(
        "table.code_amount",
        E,
        Document,
        "同一科目金额在两表中不一致",
        "A subject's amount differs between tables",
    ),
    rule(
        "table.class_amount",
        E,
        Document,
        "收支总表功能类支出与支出总表不一致",
        "The summary's expenditure by class differs from the expenditure table",
    ),
    rule(
        "table.project_twice",
        E,
        Document,
        "同一项目在两张表中预算数不一致",
        "One project with two budgets in two tables",
    ),
    rule(
        "table.projects_total",
        W,
        Document,
        "项目绩效目标表与项目支出不一致",
        "Project tables differ from project expenditure",
    ),
    rule(
        "table.empty_without_note",
        W,
        Document,
        "空表无说明",
        "Empty table without a note",
    ),
    rule(
        "table.note_other_table",
        W,
        Document,
        "空表说明所指非本表",
        "An empty table's note names another table",
    ),
    rule(
        "complete.table_missing",
        WI,
        Document,
        "缺少标准公开表",
        "Standard table missing",
    ),
    rule(
        "complete.glossary_missing",
        W,
        Document,
        "缺少名词解释",
        "Glossary missing",
    ),
    rule(
        "complete.running_costs_missing",
        W,
        Document,
        "缺少机关运行经费说明",
        "Running costs not explained",
    ),
    rule(
        "prose.year",
        E,
        Document,
        "比较年度有误",
        "Wrong year in a comparison",
    ),
    rule(
        "document.year_mismatch",
        W,
        Document,
        "文件年度与文档不符",
        "File year differs from the document's",
    ),
    rule(
        "prose.change",
        E,
        Document,
        "正文变动百分比不符",
        "Stated change does not follow",
    ),
    rule(
        "prose.direction",
        E,
        Document,
        "变动方向矛盾",
        "Contradictory direction words",
    ),
    rule(
        "prose.share",
        E,
        Document,
        "占比计算有误",
        "Share does not follow",
    ),
    rule(
        "prose.parts_sum",
        E,
        Document,
        "所列各项之和不符",
        "Listed parts do not add up",
    ),
    rule("prose.unit", EW, Document, "金额单位有误", "Wrong unit"),
    rule(
        "prose.table_mismatch",
        W,
        Document,
        "正文与公开表不一致",
        "Prose differs from the tables",
    ),
    rule(
        "prose.subject_path",
        EW,
        Document,
        "正文科目名称或金额与公开表不符",
        "A subject named in the text differs from the tables",
    ),
    rule(
        "prose.figure_mismatch",
        EW,
        Document,
        "正文总数与公开表不一致",
        "A stated total differs from the tables",
    ),
    rule(
        "prose.template_leftover",
        W,
        Document,
        "模板残留",
        "Template text left in",
    ),
    rule(
        "prose.punctuation",
        W,
        Document,
        "标点重复",
        "Doubled punctuation",
    ),
    rule(
        "prose.unit_wording",
        W,
        Document,
        "单位预算称“部门”",
        "部门 wording in a unit budget",
    ),
];

/// The rule with `id`.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Whether findings of rule `id` on one unit can change after an edit in another.
pub fn is_cross_unit(id: &str) -> bool {
    find(id).is_some_and(|r| r.scope == Scope::CrossUnit)
}
