//! The published document's own shape: its text page by page, and its tables.
//!
//! Budgets published as PDFs carry nine standard disclosure tables (收支总表 … 三公经费表) and
//! often more. Each is kept whole: its title, unit, pages, the columns it had (label as
//! printed and what the column means) and every body row with its page and line, so nothing
//! read from the page is lost and every figure can be traced back to where it was printed.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::workspace::Extra;

/// The text of the published document, page by page, as the importer read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct SourceText {
    /// The file the text was read from (its name only).
    pub file: String,
    pub pages: Vec<SourcePage>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl SourceText {
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.file.is_empty() && self.extra.is_empty()
    }
}

/// One physical page (numbered from 1) and its lines, page furniture removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct SourcePage {
    pub number: u32,
    pub lines: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where something was printed: physical page (from 1) and line on that page (from 1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourcePlace {
    pub page: u32,
    #[serde(default)]
    pub line: u32,
}

/// Where each imported value came from, keyed by the value's JSON pointer.
pub type Provenance = BTreeMap<String, SourcePlace>;

/// What a disclosure table is. The names follow the standard set of 部门预算公开 tables.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 部门财务收支预算总表 / 收支总表.
    BudgetSummary,
    /// 收入预算总表.
    IncomeSummary,
    /// 支出预算总表.
    ExpenditureSummary,
    /// 财政拨款收支预算总表.
    FiscalSummary,
    /// 一般公共预算支出功能分类预算表.
    GeneralPublicFunctional,
    /// 一般公共预算基本支出经济分类预算表.
    BasicEconomic,
    /// “三公”经费（和机关运行经费）预算表.
    ThreePublic,
    /// 政府性基金预算支出表.
    GovernmentFund,
    /// 国有资本经营预算支出表.
    StateCapital,
    /// 政府采购预算表.
    Procurement,
    /// 项目支出表 (projects and their amounts).
    ProjectExpenditure,
    /// 项目支出绩效目标表.
    ProjectPerformance,
    /// 部门整体支出绩效目标表.
    OverallPerformance,
    /// Any other table, kept generically.
    Other,
}

impl TableKind {
    /// The standard nine, in the order the templates print them.
    pub const STANDARD: [TableKind; 9] = [
        TableKind::BudgetSummary,
        TableKind::IncomeSummary,
        TableKind::ExpenditureSummary,
        TableKind::FiscalSummary,
        TableKind::GeneralPublicFunctional,
        TableKind::BasicEconomic,
        TableKind::ThreePublic,
        TableKind::GovernmentFund,
        TableKind::StateCapital,
    ];

    /// The short name a reviewer uses.
    pub fn name_zh(self) -> &'static str {
        match self {
            TableKind::BudgetSummary => "收支总表",
            TableKind::IncomeSummary => "收入总表",
            TableKind::ExpenditureSummary => "支出总表",
            TableKind::FiscalSummary => "财政拨款收支总表",
            TableKind::GeneralPublicFunctional => "一般公共预算支出功能分类表",
            TableKind::BasicEconomic => "一般公共预算基本支出经济分类表",
            TableKind::ThreePublic => "三公经费表",
            TableKind::GovernmentFund => "政府性基金支出表",
            TableKind::StateCapital => "国有资本经营支出表",
            TableKind::Procurement => "政府采购表",
            TableKind::ProjectExpenditure => "项目支出表",
            TableKind::ProjectPerformance => "项目支出绩效目标表",
            TableKind::OverallPerformance => "部门整体支出绩效目标表",
            TableKind::Other => "其他表",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            TableKind::BudgetSummary => "budget summary",
            TableKind::IncomeSummary => "income summary",
            TableKind::ExpenditureSummary => "expenditure summary",
            TableKind::FiscalSummary => "fiscal appropriation summary",
            TableKind::GeneralPublicFunctional => "general public budget by function",
            TableKind::BasicEconomic => "basic expenditure by economic class",
            TableKind::ThreePublic => "three public expenses",
            TableKind::GovernmentFund => "government fund expenditure",
            TableKind::StateCapital => "state capital expenditure",
            TableKind::Procurement => "government procurement",
            TableKind::ProjectExpenditure => "project expenditure",
            TableKind::ProjectPerformance => "project performance targets",
            TableKind::OverallPerformance => "overall performance targets",
            TableKind::Other => "other table",
        }
    }
}

/// What a column holds, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnMeaning {
    /// A subject code (类/款/项, or all three in one column).
    Code,
    /// An item, subject or unit name.
    Name,
    /// 合计 / 小计 / 预算数 / 金额.
    Total,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 人员经费 (工资福利 and 对个人和家庭的补助).
    Personnel,
    /// 公用经费.
    Public,
    /// 一般公共预算.
    GeneralPublic,
    /// 政府性基金预算.
    GovernmentFund,
    /// 国有资本经营预算.
    StateCapital,
    /// 财政拨款.
    Fiscal,
    /// 上年结转.
    Carryover,
    /// Anything else (事业收入, 其他收入, 因公出国（境）费 …): the label says what.
    Other,
}

/// One column: its header as printed (levels joined with `/`) and its meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TableColumn {
    pub label: String,
    pub meaning: ColumnMeaning,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One body row: a cell per column (blank is `null`, text verbatim), and where it was printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TableRow {
    pub page: u32,
    pub line: u32,
    pub cells: Vec<Option<Amount>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl TableRow {
    /// The cell's text, "" when blank or missing.
    pub fn text(&self, column: usize) -> &str {
        self.cells
            .get(column)
            .and_then(|c| c.as_ref())
            .map_or("", |a| a.text())
    }
}

/// A table as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DisclosureTable {
    pub kind: TableKind,
    /// The number printed with the title (表1, 预算表 6, 公开03表), if any.
    #[serde(default)]
    pub number: String,
    pub title: String,
    /// The unit of its amounts as printed (元 or 万元); "" when the table names none.
    #[serde(default)]
    pub unit: String,
    /// Physical pages the table spans.
    #[serde(default)]
    pub pages: Vec<u32>,
    #[serde(default)]
    pub columns: Vec<TableColumn>,
    /// Body rows, header rows excluded, totals (合计/总计) included as printed.
    #[serde(default)]
    pub rows: Vec<TableRow>,
    /// A note printed with the table (本表无数据, 注：…).
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl DisclosureTable {
    /// The first column with `meaning`.
    pub fn column(&self, meaning: ColumnMeaning) -> Option<usize> {
        self.columns.iter().position(|c| c.meaning == meaning)
    }

    /// Whether the table has no body rows with figures.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
