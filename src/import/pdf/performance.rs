//! Project performance tables (项目支出绩效目标表) read into `performance.projects`, and
//! 部门整体支出绩效目标表 into `performance.overall`.
//!
//! The tables come in many shapes: one form per project (label cells 项目名称 / 资金总额 …
//! above an indicator header), one table for all projects (a 项目名称 column whose merged
//! cell spans the project's indicator rows), goal-only tables (项目 / 金额 / 绩效目标) and
//! the department-wide form. Each is read from the laid-out lines of the pages its
//! `DisclosureTable` spans (which stays in `ws.tables` as the lossless record): the indicator
//! header names the columns by meaning, the page's ruling lines tell which lines share a
//! cell (a merged cell spans several indicator rows), and a blank merged cell (一级/二级指标,
//! 项目名称) means "same as above". A column is only ever read into the field its header
//! names; a header this model has no field for goes to `other_columns` under its label.

use std::collections::BTreeMap;

use crate::model::{
    Amount, DisclosureTable, PerformanceColumn, Place, ProjectIndicator, ProjectTable, SourcePlace,
    TableKind, Workspace,
};

use super::layout::{Line, PageGlyphs, Rule, Span};
use super::tables;

/// A project (or 部门整体) table read, with where it and each indicator row were printed.
type Found = (ProjectTable, SourcePlace, Vec<SourcePlace>);

/// What a column or form label holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Number,
    Project,
    Department,
    Unit,
    Budget,
    Fiscal,
    OtherFunds,
    Carryover,
    /// 项目概况 / 资金用途: what the project is, not what it is to achieve.
    Purpose,
    Goal,
    Level1,
    Level2,
    Indicator,
    Value,
    Nature,
    MeasureUnit,
    Weight,
    ValueType,
    Scoring,
    Description,
    Basis,
    Other,
}

impl Role {
    fn field(self) -> &'static str {
        match self {
            Role::Number => "number",
            Role::Project => "name",
            Role::Department => "department",
            Role::Unit => "implementing_unit",
            Role::Budget => "budget.total",
            Role::Fiscal => "budget.fiscal",
            Role::OtherFunds => "budget.other",
            Role::Carryover => "budget.carryover",
            Role::Purpose => "purpose",
            Role::Goal => "goals",
            Role::Level1 => "level1",
            Role::Level2 => "level2",
            Role::Indicator => "indicator",
            Role::Value => "value",
            Role::Nature => "nature",
            Role::MeasureUnit => "measure_unit",
            Role::Weight => "weight",
            Role::ValueType => "value_type",
            Role::Scoring => "scoring",
            Role::Description => "description",
            Role::Basis => "basis",
            Role::Other => "other",
        }
    }

    /// Whether the role belongs to an indicator row rather than to the project.
    fn is_indicator(self) -> bool {
        matches!(
            self,
            Role::Level1
                | Role::Level2
                | Role::Indicator
                | Role::Value
                | Role::Nature
                | Role::MeasureUnit
                | Role::Weight
                | Role::ValueType
                | Role::Scoring
                | Role::Description
                | Role::Basis
                | Role::Other
        )
    }
}

/// The role a header label names. Order matters: 指标值类型 before 指标值, 三级指标 before 指标.
fn role_of(label: &str) -> Role {
    let l: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches(['：', ':'])
        .to_string();
    let has = |k: &str| l.contains(k);
    if l.is_empty() {
        Role::Other
    } else if has("一级指标") {
        Role::Level1
    } else if has("二级指标") {
        Role::Level2
    } else if has("三级指标") || has("指标名称") {
        Role::Indicator
    } else if has("指标值类型") {
        Role::ValueType
    } else if has("分标准") || has("评分") {
        Role::Scoring
    } else if has("确定依据") {
        Role::Basis
    } else if has("指标性质") {
        Role::Nature
    } else if has("度量单位") || has("计量单位") {
        Role::MeasureUnit
    } else if has("权重") || has("分值") {
        Role::Weight
    } else if has("指标值") || has("目标值") {
        Role::Value
    } else if has("指标解释") || has("指标描述") || has("指标说明") {
        Role::Description
    } else if has("序号") {
        Role::Number
    } else if has("项目名称")
        || has("专项名称")
        || l == "项目"
        || has("资金名称")
        || has("项目类别")
        || l.starts_with("支出项目")
    {
        Role::Project
    } else if has("主管部门") {
        Role::Department
    } else if has("实施单位") || has("单位名称") || l == "单位名称" || l.starts_with("单位名")
    {
        Role::Unit
    } else if has("结转") {
        Role::Carryover
    } else if has("其他资金") {
        Role::OtherFunds
    } else if l == "财政拨款" || l.ends_with("：财政拨款") || l == "其中财政拨款" {
        Role::Fiscal
    } else if has("项目概况") || has("资金用途") {
        Role::Purpose
    } else if has("目标") || has("实施期") {
        Role::Goal
    } else if has("资金总额")
        || has("金额")
        || has("预算数")
        || has("总额")
        || has("总计")
        || has("当年预算")
        || l == "财政拨款"
    {
        Role::Budget
    } else {
        Role::Other
    }
}

/// Reads the performance tables of `ws.tables` from the laid-out `pages` into
/// `ws.performance.projects` / `ws.performance.overall`, with provenance.
pub fn add_project_tables(ws: &mut Workspace, pages: &[Vec<Line>], glyphs: &[PageGlyphs]) {
    let mut projects: Vec<Found> = Vec::new();
    let mut overall: Vec<Found> = Vec::new();
    let mut consumed: std::collections::BTreeSet<(u32, u32)> = std::collections::BTreeSet::new();
    for table in &ws.tables {
        // Project lists with a 绩效目标 column are goal-only tables; their header says so.
        let wanted = matches!(
            table.kind,
            TableKind::ProjectPerformance
                | TableKind::OverallPerformance
                | TableKind::ProjectExpenditure
                | TableKind::Other
        );
        if !wanted {
            continue;
        }
        let region = region(table, pages);
        if region.is_empty() {
            continue;
        }
        consumed.extend(region.iter().map(|l| (l.page, l.number)));
        let titled;
        let table = match wrapped_title(table, pages) {
            Some(title) => {
                titled = DisclosureTable {
                    title,
                    rows: Vec::new(),
                    ..table.clone()
                };
                &titled
            }
            None => table,
        };
        let read = read_region(table, &region, glyphs);
        if table.kind == TableKind::OverallPerformance {
            overall.extend(read);
        } else {
            projects.extend(read);
        }
    }
    projects.extend(untitled_lists(pages, glyphs, &consumed));
    // Document order, whichever way a table was found.
    projects.sort_by_key(|p| (p.1.page, p.1.line));
    let first = ws.performance.projects.len();
    for (list, key, start) in [(projects, "projects", first), (overall, "overall", 0)] {
        for (i, (project, place, rows)) in list.into_iter().enumerate() {
            let table = Place::at(&["performance", key]).idx(start + i);
            ws.provenance.insert(table.to_string(), place);
            for (r, row_place) in rows.into_iter().enumerate() {
                let row = table.key("indicators").idx(r);
                ws.provenance.insert(row.to_string(), row_place);
            }
            if key == "projects" {
                ws.performance.projects.push(project);
            } else {
                ws.performance.overall.push(project);
            }
        }
    }
}

/// Project lists printed without a table title (七、重点项目预算绩效目标情况 … then a 项目 /
/// 预算数 / 绩效目标 table): from their header line to the next heading, note or table title,
/// over page breaks. Lines already read as part of a titled table are not looked at.
fn untitled_lists(
    pages: &[Vec<Line>],
    glyphs: &[PageGlyphs],
    consumed: &std::collections::BTreeSet<(u32, u32)>,
) -> Vec<Found> {
    let all: Vec<&Line> = pages
        .iter()
        .flatten()
        .filter(|l| !consumed.contains(&(l.page, l.number)))
        .collect();
    let mut out = Vec::new();
    for (i, end) in list_ranges(&all) {
        // Its title: the sentence that introduces it, when on the line above.
        let title = i
            .checked_sub(1)
            .map(|j| all[j])
            .filter(|l| l.page == all[i].page)
            .map(|l| l.compact())
            .unwrap_or_default();
        let table = DisclosureTable {
            kind: TableKind::ProjectPerformance,
            number: String::new(),
            title,
            unit: tables::unit_of(&all[i].text())
                .unwrap_or_default()
                .to_string(),
            pages: Vec::new(),
            columns: Vec::new(),
            rows: Vec::new(),
            note: String::new(),
            extra: crate::model::Extra::new(),
        };
        out.extend(read_region(&table, &all[i..end], glyphs));
    }
    out
}

/// The lines of the untitled project lists among `prose` (`untitled_lists`): they are read
/// as projects, so they are not also prose.
pub fn untitled_list_lines(prose: &[Line]) -> std::collections::BTreeSet<(u32, u32)> {
    let all: Vec<&Line> = prose.iter().collect();
    list_ranges(&all)
        .into_iter()
        .flat_map(|(i, end)| all[i..end].iter().map(|l| (l.page, l.number)))
        .collect()
}

/// Where untitled project lists run in `all`: from a header line naming 项目 (and no
/// indicator) to the next note, table title or heading.
fn list_ranges(all: &[&Line]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let is_list = header_at(all, i).is_some() && {
            let roles: Vec<Role> = all[i].spans.iter().filter_map(header_span).collect();
            roles.contains(&Role::Project) && !roles.iter().any(|r| r.is_indicator())
        };
        if !is_list {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < all.len() {
            let line = all[end];
            let compact = line.compact();
            let stop = tables::is_note(&compact)
                || tables::table_title(&line.text()).is_some() && compact.chars().count() <= 40
                || line.spans.len() == 1
                    && (crate::import::section_kind(&compact).is_some()
                        || compact.starts_with('第') && compact.contains("部分"));
            if stop {
                break;
            }
            end += 1;
        }
        ranges.push((i, end));
        i = end;
    }
    ranges
}

/// The whole title when the table's title line continues a line printed just above it
/// (`301007_泉州市公安局晋江国际机场分局_机场公安综` / `合修缮改造项目绩效目标表`).
fn wrapped_title(table: &DisclosureTable, pages: &[Vec<Line>]) -> Option<String> {
    let page = usize::try_from(*table.pages.first()?)
        .ok()?
        .checked_sub(1)?;
    let lines = pages.get(page)?;
    let at = lines.iter().position(|l| l.compact() == table.title)?;
    let above = lines.get(at.checked_sub(1)?)?;
    let line = &lines[at];
    let compact = above.compact();
    let continues = above.spans.len() == 1
        && above.baseline - line.baseline <= line.size.max(above.size) * 3
        && !compact.ends_with(['。', '：', ':', '；'])
        && tables::table_title(&compact).is_none()
        && crate::import::lex::split_number(&compact).is_none()
        && !tables::is_number_line(&compact)
        && crate::import::section_kind(&compact).is_none();
    continues.then(|| format!("{compact}{}", table.title))
}

/// The lines of `table`: from below its title on its first page, over every page it spans,
/// up to the next table title or section heading.
fn region<'a>(table: &DisclosureTable, pages: &'a [Vec<Line>]) -> Vec<&'a Line> {
    let mut out = Vec::new();
    for (n, &page) in table.pages.iter().enumerate() {
        let Some(lines) = usize::try_from(page)
            .ok()
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| pages.get(p))
        else {
            continue;
        };
        let mut start = 0;
        if n == 0 {
            start = lines
                .iter()
                .position(|l| {
                    let c = l.compact();
                    c == table.title
                        || (c.chars().count() >= 4 && table.title.ends_with(&c))
                        || c.contains(&table.title)
                })
                .map_or(0, |i| i + 1);
        }
        for line in &lines[start..] {
            let text = line.text();
            let compact = line.compact();
            let other_title = tables::table_title(&text)
                .is_some_and(|(_, _, title)| title != table.title && !is_goal_text(&compact));
            let heading = line.spans.len() == 1 && tables::is_numbered_heading(&compact);
            if other_title || heading {
                break;
            }
            out.push(line);
        }
    }
    out
}

/// `line` with each span that starts with an amount glued to text (`0.00全。完成…`, where
/// an unruled table left no gap before the next cell) split in two, the split placed by
/// the width of the characters (CJK twice an ASCII digit's).
fn split_glued(line: &Line) -> Line {
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        let figure: String = span
            .text
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
            .collect();
        let rest = &span.text[figure.len()..];
        let glued = figure.contains('.')
            && tables::is_figure(&figure)
            && rest
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii() && c != '%');
        // `单位名称： 重庆市人民政府办公厅` printed as one span: a label cell and its value.
        let labelled = span
            .text
            .find(['：', ':'])
            .map(|at| at + span.text[at..].chars().next().map_or(1, char::len_utf8))
            .filter(|end| {
                is_form_label(&span.text[..*end]) && !span.text[*end..].trim().is_empty()
            });
        let head = if glued {
            figure.len()
        } else if let Some(end) = labelled {
            end
        } else {
            spans.push(span.clone());
            continue;
        };
        let width = |t: &str| -> i32 {
            t.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<i32>()
        };
        let total = width(&span.text).max(1);
        let at = span.x0 + (span.x1 - span.x0) * width(&span.text[..head]) / total;
        spans.push(Span {
            text: span.text[..head].to_string(),
            x0: span.x0,
            x1: at,
        });
        spans.push(Span {
            text: span.text[head..].trim().to_string(),
            x0: at + 1,
            x1: span.x1,
        });
    }
    Line {
        spans,
        ..line.clone()
    }
}

/// A goal sentence that happens to end in 表 is not a title.
fn is_goal_text(compact: &str) -> bool {
    compact.chars().count() > 40
}

/// One column of an indicator or project-list header.
#[derive(Debug, Clone)]
struct Column {
    label: String,
    role: Role,
    x0: i32,
    x1: i32,
    /// The x range spans are assigned by (between the neighbours' boundaries).
    lo: i32,
    hi: i32,
}

/// A project form or list being read.
struct Reader<'a> {
    table: &'a DisclosureTable,
    glyphs: &'a [PageGlyphs],
    out: Vec<Found>,
    /// The form project (label cells) being read, if any.
    form: Option<Found>,
    columns: Vec<Column>,
    /// Labels of the form's label cells, in order.
    form_labels: Vec<PerformanceColumn>,
}

fn read_region(table: &DisclosureTable, region: &[&Line], glyphs: &[PageGlyphs]) -> Vec<Found> {
    let mut reader = Reader {
        table,
        glyphs,
        out: Vec::new(),
        form: None,
        columns: Vec::new(),
        form_labels: Vec::new(),
    };
    let split: Vec<Line> = region
        .iter()
        .filter(|l| {
            // A unit line goes, a header cell naming the unit (预算数（单位：万元）) stays.
            let header_cells = l.spans.iter().filter_map(header_span).count();
            !tables::is_note(&l.text())
                && (tables::unit_of(&l.text()).is_none() || header_cells >= 2)
        })
        .map(|l| split_glued(l))
        .collect();
    let region: Vec<&Line> = split.iter().collect();
    let mut i = 0;
    let mut form_start = 0;
    while i < region.len() {
        if let Some(end) = header_at(&region, i) {
            // Wrapped header cells printed just above the header line belong to it.
            let mut from = i;
            while from > form_start && is_header_fragment(region[from - 1], region[from], true) {
                from -= 1;
            }
            reader.form_chunk(&region[form_start..from]);
            reader.columns = columns_of(&region[from..end], region[i].page, glyphs);
            // The body: up to the next header or form label line.
            let mut j = end;
            while j < region.len()
                && header_at(&region, j).is_none()
                && !(starts_form(region[j]) && j > end)
            {
                j += 1;
            }
            reader.body(&region[end..j]);
            i = j;
            form_start = j;
            continue;
        }
        if starts_form(region[i]) && i > form_start {
            reader.form_chunk(&region[form_start..i]);
            form_start = i;
        }
        i += 1;
    }
    reader.form_chunk(&region[form_start..]);
    reader.finish_form();
    reader.out
}

/// Whether `line` opens a new project form (its first cell is 项目名称).
fn starts_form(line: &Line) -> bool {
    // A bare `项目` is the last line of a wrapped name (`…妇幼` / `项目`), not a form's label.
    line.spans.first().is_some_and(|s| {
        let label = s.text.trim();
        role_of(label) == Role::Project && label.chars().count() <= 8 && label != "项目"
    }) && line.spans.len() >= 2
}

fn header_span(span: &Span) -> Option<Role> {
    let t = span.text.trim();
    if t.chars().count() > 14 || tables::is_figure(t) {
        return None;
    }
    let role = role_of(t);
    (role != Role::Other || t.contains("是否核心")).then_some(role)
}

/// If an indicator (or project-list) header starts at `region[i]`, the index after its last
/// line. Wrapped header cells on the lines just below belong to it.
fn header_at(region: &[&Line], i: usize) -> Option<usize> {
    let line = region[i];
    let own: Vec<Role> = line.spans.iter().filter_map(header_span).collect();
    if own.is_empty() || own.len() * 2 < line.spans.len() {
        return None;
    }
    let mut end = i + 1;
    while end < region.len() && is_header_fragment(region[end], region[end - 1], false) {
        end += 1;
    }
    let roles: Vec<Role> = region[i..end]
        .iter()
        .flat_map(|l| l.spans.iter().filter_map(header_span))
        .collect();
    let indicator = roles.iter().filter(|r| r.is_indicator()).count();
    let list = roles.contains(&Role::Project) && roles.contains(&Role::Goal);
    let header = (indicator >= 2
        && roles
            .iter()
            .any(|r| matches!(r, Role::Value | Role::Indicator)))
        || list;
    header.then_some(end)
}

/// A wrapped piece of a header cell: short spans, no figure, close below (`above` false) or
/// above (`above` true) the header line `next`.
fn is_header_fragment(line: &Line, next: &Line, above: bool) -> bool {
    let gap = if above {
        line.baseline - next.baseline
    } else {
        next.baseline - line.baseline
    };
    line.page == next.page
        && gap > 0
        && gap <= line.size.max(next.size) * 2
        && line.spans.iter().all(|s| {
            let t = s.text.trim();
            t.chars().count() <= 8
                && !tables::is_figure(t)
                && !t.starts_with(['≥', '≤', '>', '<', '=', '＝'])
        })
}

/// A header column being assembled: its extent and its pieces (baseline, x, text).
struct HeaderGroup {
    x0: i32,
    x1: i32,
    parts: Vec<(i32, i32, String)>,
}

/// The columns of a header block (its lines, wrapped cells included): spans that overlap
/// horizontally are one column, their text read top to bottom as its label; boundaries
/// between columns are the page's vertical rules where it has them.
fn columns_of(header: &[&Line], page: u32, glyphs: &[PageGlyphs]) -> Vec<Column> {
    let main = header[0];
    let mut pieces: Vec<(i32, i32, i32, String)> = Vec::new();
    for line in header {
        for s in &line.spans {
            pieces.push((s.x0, s.x1, line.baseline, s.text.trim().to_string()));
        }
    }
    pieces.sort_by_key(|p| p.0);
    let mut groups: Vec<HeaderGroup> = Vec::new();
    for (x0, x1, y, text) in pieces {
        match groups.last_mut() {
            Some(g) if x0 < g.x1 - 5 => {
                g.x1 = g.x1.max(x1);
                g.parts.push((y, x0, text));
            }
            _ => groups.push(HeaderGroup {
                x0,
                x1,
                parts: vec![(y, x0, text)],
            }),
        }
    }
    let vertical: Vec<i32> = glyphs
        .iter()
        .find(|g| g.number == page)
        .map(|g| {
            g.rules
                .iter()
                .filter(|r| r.is_vertical() && r.y0 < main.baseline)
                .map(|r| (r.x0 + r.x1) / 2)
                .collect()
        })
        .unwrap_or_default();
    let mut columns: Vec<Column> = groups
        .into_iter()
        .map(|mut g| {
            g.parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let label: String = g.parts.into_iter().map(|p| p.2).collect();
            Column {
                role: role_of(&label),
                label,
                x0: g.x0,
                x1: g.x1,
                lo: 0,
                hi: 0,
            }
        })
        .collect();
    // Only the first column of a project field is that field (总计, not the 合计 after it).
    let mut seen: Vec<Role> = Vec::new();
    for column in &mut columns {
        if !column.role.is_indicator() {
            if seen.contains(&column.role) {
                column.role = Role::Other;
            } else {
                seen.push(column.role);
            }
        }
    }
    let n = columns.len();
    for i in 0..n {
        let rule_between = |a: i32, b: i32| -> Option<i32> {
            let mid = (a + b) / 2;
            vertical
                .iter()
                .copied()
                .filter(|x| *x >= a - 10 && *x <= b + 10)
                .min_by_key(|x| (x - mid).abs())
        };
        columns[i].lo = if i == 0 {
            let width = columns[0].x1 - columns[0].x0;
            vertical
                .iter()
                .copied()
                .filter(|x| *x <= columns[0].x0 + 10 && *x >= columns[0].x0 - width * 3)
                .max()
                // Without rules: names stand left-aligned in a cell wider than its header.
                .unwrap_or(columns[0].x0 - width * 3)
        } else {
            let (a, b) = (columns[i - 1].x1, columns[i].x0);
            rule_between(a, b).unwrap_or((a + b) / 2)
        };
        columns[i].hi = if i + 1 == n {
            i32::MAX
        } else {
            let (a, b) = (columns[i].x1, columns[i + 1].x0);
            rule_between(a, b).unwrap_or((a + b) / 2)
        };
    }
    columns
}

impl Reader<'_> {
    fn form_mut(&mut self, place: SourcePlace) -> &mut ProjectTable {
        if self.form.is_none() {
            let mut project = ProjectTable {
                title: self.table.title.clone(),
                unit: self.table.unit.clone(),
                number: self.table.number.clone(),
                ..ProjectTable::default()
            };
            // A per-project form names its project in its title: X项目绩效目标表.
            if self.table.kind == TableKind::ProjectPerformance {
                project.name = name_from_title(&self.table.title);
            }
            self.form = Some((project, place, Vec::new()));
        }
        &mut self.form.as_mut().expect("just set").0
    }

    fn finish_form(&mut self) {
        if let Some((mut project, place, rows)) = self.form.take() {
            let mut columns = std::mem::take(&mut self.form_labels);
            columns.append(&mut project.columns);
            project.columns = columns;
            if !project.indicators.is_empty() || !project.goals.is_empty() {
                self.out.push((project, place, rows));
            }
        }
    }

    /// Lines of label cells (`项目名称 X 主管部门 Y`, `资金总额： 1778.31`, `项目概况 …`):
    /// each value goes to the label on its left on the same line; a line without labels
    /// (a wrapped value, above or below a vertically centred label) to the nearest labelled
    /// line's label on its left.
    fn form_chunk(&mut self, lines: &[&Line]) {
        // Per line: its labels (role, label text, right edge).
        let labelled: Vec<Vec<(Role, String, i32)>> = lines
            .iter()
            .map(|line| {
                line.spans
                    .iter()
                    .filter(|s| is_form_label(s.text.trim()))
                    .map(|s| {
                        let t = s.text.trim().trim_end_matches(['：', ':']).to_string();
                        (form_role(&t), t, s.x1)
                    })
                    .collect()
            })
            .collect();
        // A 项目名称 after a project's indicators begins the next project, also when the
        // table's title repeats on its page as if the table went on (重庆水利 表十一: one
        // project per page under one title).
        let names_project = labelled.iter().flatten().any(|l| l.0 == Role::Project);
        let read_one = self
            .form
            .as_ref()
            .is_some_and(|(p, _, _)| !p.name.is_empty() && !p.indicators.is_empty());
        if names_project && read_one {
            self.finish_form();
        }
        // The line pitch inside a paragraph: the smallest full line's gap next to a wrapped
        // line (a label centred between two lines sits half a gap from each; lines of labels
        // alone may be set closer). A gap wider by more than 15% parts
        // two paragraphs (重庆水利 p32: 15.6 pt inside, 18.7 pt between 项目概况 and the goal).
        let paragraph_gap = lines
            .windows(2)
            .zip(labelled.windows(2))
            .filter(|(w, l)| w[0].page == w[1].page && (l[0].is_empty() || l[1].is_empty()))
            .map(|(w, _)| w[0].baseline - w[1].baseline)
            .filter(|gap| *gap >= lines[0].size)
            .min()
            .map_or(lines.first().map_or(0, |l| l.size * 9 / 5), |pitch| {
                pitch * 23 / 20
            });
        let mut values: Vec<(Role, i32, i32, i32, &str)> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let orphan = labelled[i].is_empty();
            let at = if orphan {
                // The one labelled line of the orphan's paragraph, its lines closer to each
                // other than to the next paragraph (重庆科技局's 项目概况 of five lines, the
                // label on the third); else the nearest labelled line within four lines'
                // height, else a label standing alone above (当年整体绩效目标 over its paragraph).
                let close = |a: usize, b: usize| {
                    lines[a].page == lines[b].page
                        && (lines[a].baseline - lines[b].baseline).abs() <= paragraph_gap
                };
                let mut first = i;
                while first > 0 && close(first - 1, first) {
                    first -= 1;
                }
                let mut last = i;
                while last + 1 < lines.len() && close(last, last + 1) {
                    last += 1;
                }
                let mut in_paragraph = (first..=last).filter(|j| !labelled[*j].is_empty());
                let paragraph = match (in_paragraph.next(), in_paragraph.next()) {
                    (Some(j), None) => Some(j),
                    _ => None,
                };
                let near = (0..lines.len())
                    .filter(|j| !labelled[*j].is_empty() && lines[*j].page == line.page)
                    .min_by_key(|j| (lines[*j].baseline - line.baseline).abs())
                    .filter(|j| (lines[*j].baseline - line.baseline).abs() <= line.size * 4);
                paragraph.or(near).or_else(|| {
                    (0..i).rev().find(|j| {
                        lines[*j].page == line.page
                            && !labelled[*j].is_empty()
                            && lines[*j].spans.len() == labelled[*j].len()
                    })
                })
            } else {
                Some(i)
            };
            let Some(at) = at else {
                continue;
            };
            for label in &labelled[at] {
                if !self.form_labels.iter().any(|c| c.label == label.1) {
                    self.form_labels.push(PerformanceColumn {
                        label: label.1.clone(),
                        field: label.0.field().to_string(),
                        ..PerformanceColumn::default()
                    });
                }
            }
            for span in &line.spans {
                let t = span.text.trim();
                if is_form_label(t) {
                    continue;
                }
                let left = labelled[at].iter().rev().find(|l| l.2 <= span.x0 + 20);
                let bare = lines[at].spans.len() == labelled[at].len();
                // A bare label line's paragraph may start left of it.
                let label = if orphan && bare {
                    left.or(labelled[at].first())
                } else {
                    left
                };
                let Some(label) = label else {
                    continue;
                };
                // Wrapped lines carry text (a goal, a name), never a second amount.
                let text_field = matches!(
                    label.0,
                    Role::Goal | Role::Purpose | Role::Project | Role::Department | Role::Unit
                );
                if orphan && !text_field {
                    continue;
                }
                values.push((label.0, line.baseline, span.x0, line.size, t));
                let place = SourcePlace {
                    page: line.page,
                    line: line.number,
                };
                self.form_mut(place);
            }
        }
        let Some((project, _, _)) = self.form.as_mut() else {
            return;
        };
        let mut roles: Vec<Role> = values.iter().map(|v| v.0).collect();
        roles.dedup();
        if roles.contains(&Role::Project) {
            project.name.clear();
        }
        let mut done: Vec<Role> = Vec::new();
        for role in roles {
            if done.contains(&role) {
                continue;
            }
            done.push(role);
            let parts = values
                .iter()
                .filter(|v| v.0 == role)
                .map(|v| (v.1, v.2, v.3, v.4))
                .collect();
            put_project(project, role, &join_parts(parts));
        }
    }

    /// Indicator (or project-list) body lines under `self.columns`.
    fn body(&mut self, lines: &[&Line]) {
        if lines.is_empty() || self.columns.is_empty() {
            return;
        }
        let key = self
            .columns
            .iter()
            .position(|c| c.role == Role::Indicator)
            .or_else(|| self.columns.iter().position(|c| c.role == Role::Value))
            .or_else(|| self.columns.iter().position(|c| c.role == Role::Project));
        let Some(key) = key else {
            return;
        };
        self.fit_goal_column(lines);
        let project_col = self.columns.iter().position(|c| c.role == Role::Project);
        let list = project_col.is_some();
        if list {
            // One table for all projects: a form project read above (none usually) ends here.
            self.finish_form();
        }
        // Cells: (page, column, band) → fragments; bands from the page's rules crossing the
        // column, or from the key column's lines where the page has none.
        let mut by_page: BTreeMap<u32, Vec<&Line>> = BTreeMap::new();
        for line in lines {
            by_page.entry(line.page).or_default().push(line);
        }
        let mut rows: Vec<Row> = Vec::new();
        for (page, page_lines) in by_page {
            let rules: Vec<Rule> = self
                .glyphs
                .iter()
                .find(|g| g.number == page)
                .map(|g| {
                    g.rules
                        .iter()
                        .copied()
                        .filter(Rule::is_horizontal)
                        .collect()
                })
                .unwrap_or_default();
            rows.extend(self.page_rows(page, &page_lines, &rules, key));
        }
        self.rows_into_projects(rows, list);
    }

    /// A 绩效目标 column's header is centred over a wide cell, so halfway between header
    /// words puts the column's boundary right of where its text starts, and short lines
    /// (`性采编人才。`, `无`) would fall into the figure column before it. The boundary moves
    /// to where the column's text starts, when only text (no figure) lies between.
    fn fit_goal_column(&mut self, lines: &[&Line]) {
        let Some(goal) = self.columns.iter().position(|c| c.role == Role::Goal) else {
            return;
        };
        let Some(before) = goal.checked_sub(1) else {
            return;
        };
        let boundary = self.columns[goal].lo;
        let figures_end = lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| tables::is_figure(&s.text) && s.x0 < boundary)
            .map(|s| s.x1)
            .max()
            .unwrap_or(self.columns[before].x1);
        let text_start = lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| !tables::is_figure(&s.text) && s.x0 > figures_end && s.x0 < boundary)
            .map(|s| s.x0)
            .min();
        if let Some(start) = text_start {
            let fitted = (start - 10).max(figures_end);
            self.columns[before].hi = fitted;
            self.columns[goal].lo = fitted;
        }
    }

    fn page_rows(&self, page: u32, lines: &[&Line], rules: &[Rule], key: usize) -> Vec<Row> {
        let n = self.columns.len();
        // Every span with its column.
        let mut spans: Vec<(usize, i32, &Line, &Span)> = Vec::new();
        for line in lines {
            for span in &line.spans {
                if let Some(c) = self.column_of(span) {
                    spans.push((c, line.baseline, line, span));
                }
            }
        }
        let top = lines.first().map_or(0, |l| l.baseline + l.size * 2);
        let bottom = lines.last().map_or(0, |l| l.baseline - l.size * 2);
        // Rule positions crossing each column, between the header and the end of the body.
        let bounds: Vec<Vec<i32>> = self
            .columns
            .iter()
            .map(|c| {
                let mid = (c.x0 + c.x1) / 2;
                let mut ys: Vec<i32> = rules
                    .iter()
                    .filter(|r| r.x0 <= mid && r.x1 >= mid)
                    .map(|r| (r.y0 + r.y1) / 2)
                    .filter(|y| *y <= top + 200 && *y >= bottom - 400)
                    .collect();
                ys.sort_unstable();
                ys.dedup_by(|a, b| (*a - *b).abs() <= 15);
                ys
            })
            .collect();
        let key_lines: Vec<i32> = {
            let mut ys: Vec<i32> = spans.iter().filter(|s| s.0 == key).map(|s| s.1).collect();
            ys.dedup();
            ys
        };
        let ruled = bounds[key].len() >= 2
            && key_lines
                .iter()
                .filter(|y| {
                    bounds[key].iter().any(|b| b > *y) && bounds[key].iter().any(|b| b < *y)
                })
                .count()
                * 2
                >= key_lines.len().max(1);
        // Fallback bands: one per line with a key-column cell, split halfway between them.
        let fallback: Vec<i32> = {
            let mut ys = vec![top + 10_000, bottom - 10_000];
            for w in key_lines.windows(2) {
                ys.push((w[0] + w[1]) / 2);
            }
            ys.sort_unstable();
            ys
        };
        let band = |column: usize, y: i32| -> (i32, i32) {
            let b = if ruled && bounds[column].len() >= 2 {
                &bounds[column]
            } else {
                &fallback
            };
            let above = b
                .iter()
                .copied()
                .filter(|v| *v > y)
                .min()
                .unwrap_or(i32::MAX);
            let below = b
                .iter()
                .copied()
                .filter(|v| *v < y)
                .max()
                .unwrap_or(i32::MIN);
            (below, above)
        };
        // Key cells in reading order: each is one row.
        let mut key_cells: Vec<((i32, i32), i32, u32)> = Vec::new();
        for (c, y, line, _) in &spans {
            if *c != key {
                continue;
            }
            let b = band(key, *y);
            if !key_cells.iter().any(|k| k.0 == b) {
                key_cells.push((b, *y, line.number));
            }
        }
        let mut rows = Vec::new();
        for (kb, y_first, line_no) in key_cells {
            // The row's middle: the middle of its key cell, or of the key text where the
            // band is open-ended.
            let ys: Vec<i32> = spans
                .iter()
                .filter(|s| s.0 == key && band(key, s.1) == kb)
                .map(|s| s.1)
                .collect();
            let mid = if kb.0 > i32::MIN / 2 && kb.1 < i32::MAX / 2 && ruled {
                (kb.0 + kb.1) / 2
            } else {
                (ys.iter().max().unwrap_or(&y_first) + ys.iter().min().unwrap_or(&y_first)) / 2
            };
            let mut cells: Vec<(String, (i32, i32))> = Vec::with_capacity(n);
            for c in 0..n {
                let b = band(c, mid);
                let parts: Vec<(i32, i32, i32, &str)> = spans
                    .iter()
                    .filter(|s| s.0 == c && band(c, s.1) == b)
                    .map(|s| (s.1, s.3.x0, s.2.size, s.3.text.as_str()))
                    .collect();
                let text = join_parts(parts);
                cells.push((text, (b.0, b.1)));
            }
            rows.push(Row {
                page,
                line: line_no,
                cells,
            });
        }
        rows
    }

    fn column_of(&self, span: &Span) -> Option<usize> {
        let centre = span.center();
        self.columns
            .iter()
            .position(|c| centre >= c.lo && centre < c.hi)
            .or_else(|| {
                // A span overlapping the first column's boundary (wide left-aligned text).
                let first = self.columns.first()?;
                (span.x1 > first.lo && centre < first.lo).then_some(0)
            })
    }

    /// Rows into projects: a row whose project cell differs from the row above starts a new
    /// project (one table for all projects); otherwise rows are the form project's.
    fn rows_into_projects(&mut self, rows: Vec<Row>, list: bool) {
        let cols = self.columns.clone();
        let columns: Vec<PerformanceColumn> = cols
            .iter()
            .map(|c| PerformanceColumn {
                label: c.label.clone(),
                field: c.role.field().to_string(),
                ..PerformanceColumn::default()
            })
            .collect();
        let project_col = cols.iter().position(|c| c.role == Role::Project);
        let has_indicators = cols
            .iter()
            .any(|c| matches!(c.role, Role::Indicator | Role::Value));
        let mut previous: Option<&Row> = None;
        let mut level1 = String::new();
        let mut level2 = String::new();
        for row in &rows {
            let place = SourcePlace {
                page: row.page,
                line: row.line,
            };
            if list {
                let pc = project_col.unwrap_or(0);
                let (text, band) = &row.cells[pc];
                let same_cell = previous
                    .is_some_and(|p| p.page == row.page && p.cells[pc].1 == *band)
                    || (text.is_empty() && self.form.is_some());
                if !same_cell {
                    self.finish_form();
                    level1.clear();
                    level2.clear();
                }
                if !has_indicators && text.is_empty() {
                    previous = Some(row);
                    continue;
                }
                let project = self.form_mut(place);
                if !same_cell {
                    project.name = String::new();
                    project.columns = columns.clone();
                }
                let same_as_previous = |c: usize| {
                    previous.is_some_and(|p| p.page == row.page && p.cells[c].1 == row.cells[c].1)
                };
                for (c, col) in cols.iter().enumerate() {
                    if col.role.is_indicator() || (same_cell && same_as_previous(c)) {
                        continue;
                    }
                    let text = &row.cells[c].0;
                    if !text.is_empty() {
                        put_project(project, col.role, text);
                        if col.role == Role::Budget && project.budget_label.is_empty() {
                            project.budget_label = col.label.clone();
                        }
                    }
                }
            } else if self.form.as_ref().is_some_and(|f| f.0.columns.is_empty())
                || self.form.is_none()
            {
                let project = self.form_mut(place);
                project.columns = columns.clone();
            }
            previous = Some(row);
            if !has_indicators {
                continue;
            }
            let mut indicator = ProjectIndicator::default();
            for (c, col) in cols.iter().enumerate() {
                let text = row.cells[c].0.clone();
                match col.role {
                    Role::Level1 => indicator.level1 = text,
                    Role::Level2 => indicator.level2 = text,
                    Role::Indicator => indicator.name = text,
                    Role::Value => indicator.value = text,
                    Role::Nature => indicator.nature = text,
                    Role::MeasureUnit => indicator.measure_unit = text,
                    Role::Weight => {
                        indicator.weight = (!text.is_empty()).then(|| Amount::parse(&text));
                    }
                    Role::ValueType => indicator.value_type = text,
                    Role::Scoring => indicator.scoring = text,
                    Role::Description => indicator.description = text,
                    Role::Basis => indicator.basis = text,
                    Role::Other if !text.is_empty() => {
                        indicator.other_columns.insert(col.label.clone(), text);
                    }
                    _ => {}
                }
            }
            // An indicator row has its 指标值 (where the table has the column): a line
            // that only names something is not one.
            let has_value = cols.iter().any(|c| c.role == Role::Value);
            if indicator.name.is_empty() && indicator.value.is_empty()
                || has_value && indicator.value.is_empty()
            {
                continue;
            }
            // A blank merged 一级/二级 cell means "same as above".
            if indicator.level1.is_empty() {
                indicator.level1 = level1.clone();
            } else if indicator.level1 != level1 {
                level1 = indicator.level1.clone();
                level2.clear();
            }
            if indicator.level2.is_empty() {
                indicator.level2 = level2.clone();
            } else {
                level2 = indicator.level2.clone();
            }
            let Some((project, _, places)) = self.form.as_mut() else {
                continue;
            };
            project.indicators.push(indicator);
            places.push(place);
        }
    }
}

/// One indicator (or project) row: each column's cell text and the band it lies in.
#[derive(Debug)]
struct Row {
    page: u32,
    line: u32,
    cells: Vec<(String, (i32, i32))>,
}

/// A cell's text from its pieces (baseline, x, glyph size, text): top to bottom, pieces
/// within a few tenths of a line of each other read as one line, left to right, joined by
/// a space; wrapped lines joined without one.
fn join_parts(mut parts: Vec<(i32, i32, i32, &str)>) -> String {
    parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut lines: Vec<Vec<(i32, i32, i32, &str)>> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if (line[0].0 - part.0).abs() <= part.2.max(line[0].2) * 4 / 10 => {
                line.push(part);
            }
            _ => lines.push(vec![part]),
        }
    }
    let mut out = String::new();
    for mut line in lines {
        line.sort_by_key(|p| p.1);
        for (i, part) in line.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(part.3.trim());
        }
    }
    out
}

/// Files `text` under the project field `role` names (appending wrapped text).
fn put_project(project: &mut ProjectTable, role: Role, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    // An amount is one figure: a second figure for the same field is not appended to it,
    // and text that strayed into the column (a goal's wrapped line) is never an amount.
    let amount = |slot: &mut Option<Amount>| {
        if slot.is_none() && tables::is_figure(text) {
            *slot = Some(Amount::parse(text));
        }
    };
    match role {
        Role::Number => project.number = text.to_string(),
        Role::Project => project.name.push_str(text),
        Role::Department => project.department.push_str(text),
        Role::Unit => project.implementing_unit.push_str(text),
        Role::Budget => amount(&mut project.budget.total),
        Role::Fiscal => amount(&mut project.budget.fiscal),
        Role::OtherFunds => amount(&mut project.budget.other),
        Role::Carryover => amount(&mut project.budget.carryover),
        Role::Purpose => project.purpose.push_str(text),
        Role::Goal => match project.goals.last_mut() {
            Some(goal) => goal.push_str(text),
            None => project.goals.push(text.to_string()),
        },
        _ => {}
    }
}

/// Form label cells that name no field of the model (sub-amounts, row-group labels).
const OTHER_FORM_LABELS: [&str; 8] = [
    "市级支出",
    "补助区县",
    "部门预算编码",
    "绩效指标",
    "部门名称",
    "年度预算安排",
    "项目支出",
    "基本支出",
];

/// Whether a span is a form label cell: a short label naming a project field.
fn is_form_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['：', ':']);
    if t.chars().count() > 10 || t.is_empty() || tables::is_figure(t) {
        return false;
    }
    OTHER_FORM_LABELS.iter().any(|l| t.starts_with(l)) || {
        let role = form_role(t);
        role != Role::Other && !role.is_indicator()
    }
}

/// The field a form label names.
fn form_role(label: &str) -> Role {
    if OTHER_FORM_LABELS.iter().any(|l| label.starts_with(l)) {
        return Role::Other;
    }
    match role_of(label) {
        Role::Number => Role::Other,
        role => role,
    }
}

/// The project a per-project form's title names: `X项目绩效目标表` → `X项目`.
fn name_from_title(title: &str) -> String {
    let mut name = title.to_string();
    for tail in ["绩效目标表", "支出绩效目标表", "绩效目标申报表", "绩效表"] {
        if let Some(stripped) = name.strip_suffix(tail) {
            name = stripped.to_string();
            break;
        }
    }
    if name.contains("项目支出") || name.contains("年度") || name.ends_with("部门整体") {
        return String::new();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Extra;

    fn line(y: i32, x0: i32, text: &str) -> Line {
        Line {
            page: 1,
            number: 0,
            baseline: y,
            size: 100,
            spans: vec![Span {
                text: text.into(),
                x0,
                x1: x0 + 100 * text.chars().count() as i32,
            }],
        }
    }

    #[test]
    fn a_goal_line_naming_a_section_does_not_end_the_table() {
        // 广州交通 表12 p48: a goal's line `州市市属行政事业单位国有资产使用管理办法》等相关`
        // stands alone in the goal column and names the 国有资产 section; the rows under it are
        // still the table's. A heading where the page's text begins still ends it.
        let table = DisclosureTable {
            kind: TableKind::ProjectExpenditure,
            number: "表12".into(),
            title: "部门预算项目支出及其他支出预算表".into(),
            unit: "万元".into(),
            pages: vec![1],
            columns: Vec::new(),
            rows: Vec::new(),
            note: String::new(),
            extra: Extra::new(),
        };
        let page = vec![
            line(5000, 3000, "部门预算项目支出及其他支出预算表"),
            line(4800, 478, "广州市道路养护中心东城养"),
            line(
                4600,
                5488,
                "州市市属行政事业单位国有资产使用管理办法》等相关",
            ),
            line(4400, 678, "车辆购置经费"),
            line(4000, 478, "七、国有资产占用使用情况"),
            line(3800, 478, "截至2025年12月31日，共有车辆10辆"),
        ];
        let pages = vec![page];
        let texts: Vec<String> = region(&table, &pages).iter().map(|l| l.text()).collect();
        assert_eq!(
            texts,
            [
                "广州市道路养护中心东城养",
                "州市市属行政事业单位国有资产使用管理办法》等相关",
                "车辆购置经费"
            ]
        );
    }
}
