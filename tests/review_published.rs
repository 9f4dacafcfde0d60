//! Review of published budgets (PDF imports): the tables, the prose against them, the prose
//! itself. Each rule is shown on a real document: the faults 长春 published, or one fault
//! put by hand into 上海信访 (a clean document, hand-checked in full).

use std::path::Path;

use budget_workbench::import::import_file;
use budget_workbench::model::{Amount, TableKind, Workspace};
use budget_workbench::review::{Finding, Severity, check};

fn import(name: &str) -> Workspace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    import_file(&path).expect("imports").workspace
}

fn changchun() -> Workspace {
    import("changchun-xinfang-2026.pdf")
}

fn shanghai() -> Workspace {
    import("shanghai-xinfang-2026.pdf")
}

fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The findings `after` has that `before` does not.
fn new_findings(before: &Workspace, after: &Workspace) -> Vec<Finding> {
    let old = check(before);
    check(after)
        .into_iter()
        .filter(|f| !old.contains(f))
        .collect()
}

/// Replaces `from` by `to` in the first source line that holds it, on `page`.
fn edit_line(ws: &mut Workspace, page: u32, from: &str, to: &str) {
    let p = ws
        .source
        .pages
        .iter_mut()
        .find(|p| p.number == page)
        .expect("page");
    let line = p
        .lines
        .iter_mut()
        .find(|l| l.contains(from))
        .unwrap_or_else(|| panic!("no line with {from} on page {page}"));
    *line = line.replacen(from, to, 1);
}

fn table_index(ws: &Workspace, kind: TableKind) -> usize {
    ws.tables
        .iter()
        .position(|t| t.kind == kind)
        .expect("table")
}

/// The row whose joined code cells (or name) is `code`, in table `t`.
fn row_with(ws: &Workspace, t: usize, text: &str) -> usize {
    ws.tables[t]
        .rows
        .iter()
        .position(|r| r.cells.iter().flatten().any(|a| a.text().trim() == text))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

#[test]
fn shanghai_is_clean_for_the_new_rules() {
    let findings = check(&shanghai());
    let new_errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.rule.starts_with("table.") || f.rule.starts_with("prose."))
        .collect();
    assert!(new_errors.is_empty(), "{new_errors:#?}");
    // Its prose figures in whole 万元 equal its tables in 元 (the stated precision).
    assert!(of(&findings, "prose.table_mismatch").is_empty());
}

#[test]
fn changchun_subtotals_that_leave_out_a_row_are_errors_naming_both_sides() {
    let findings = check(&changchun());
    let sums = of(&findings, "table.code_sum");
    let errors: Vec<_> = sums
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 2, "{sums:#?}");
    let wages = errors
        .iter()
        .find(|f| f.label.contains("301 工资福利支出"))
        .expect("301");
    assert!(wages.label.contains("第11页"));
    assert_eq!(wages.stated.as_deref(), Some("911.21"));
    assert_eq!(wages.expected.as_deref(), Some("920.96"));
    assert!(
        errors
            .iter()
            .any(|f| f.label.contains("302 商品和服务支出"))
    );
}

#[test]
fn changchun_code_given_twice_is_named() {
    let findings = check(&changchun());
    let dup = of(&findings, "table.duplicate_code");
    assert_eq!(dup.len(), 1, "{dup:#?}");
    assert!(dup[0].message_zh.contains("30208"));
    assert!(dup[0].message_zh.contains("物业管理费") && dup[0].message_zh.contains("取暖费"));
}

#[test]
fn changchun_prose_slips_are_found_on_their_pages() {
    let findings = check(&changchun());
    let unit = of(&findings, "prose.unit");
    assert!(
        unit.iter()
            .any(|f| f.label == "正文 第17页" && f.message_zh.contains("1682.76元")),
        "{unit:#?}"
    );
    let shares = of(&findings, "prose.share");
    let stated: Vec<&str> = shares.iter().filter_map(|f| f.stated.as_deref()).collect();
    assert_eq!(stated, ["7.90", "0.26"], "{shares:#?}");
    let parts = of(&findings, "prose.parts_sum");
    assert_eq!(parts.len(), 1, "{parts:#?}");
    assert_eq!(parts[0].expected.as_deref(), Some("473.56"));
    let vs = of(&findings, "prose.table_mismatch");
    assert!(
        vs.iter()
            .any(|f| f.message_zh.contains("信访局临聘人员经费 15.56万元")
                && f.message_zh.contains("第14页")
                && f.message_zh.contains("16.56")),
        "{vs:#?}"
    );
    let left = of(&findings, "prose.template_leftover");
    assert!(left.iter().any(|f| f.label == "正文 第5页"), "{left:#?}");
}

#[test]
fn a_table_row_raised_makes_its_parent_an_error() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table_index(&ws, TableKind::GeneralPublicFunctional);
    let r = row_with(&ws, t, "行政运行");
    ws.tables[t].rows[r].cells[4] = Some(Amount::parse("39,600,540"));
    let new = new_findings(&clean, &ws);
    let sums = of(&new, "table.code_sum");
    assert!(!sums.is_empty(), "{new:#?}");
    assert!(sums.iter().all(|f| f.severity == Severity::Error));
    assert!(sums[0].label.contains("信访事务") && sums[0].label.contains("第13页"));
    assert_eq!(sums[0].difference.as_deref(), Some("-10000"));
}

#[test]
fn a_code_named_differently_in_two_tables_is_a_warning() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table_index(&ws, TableKind::GeneralPublicFunctional);
    let r = row_with(&ws, t, "行政运行");
    ws.tables[t].rows[r].cells[3] = Some(Amount::parse("一般行政管理事务"));
    let new = new_findings(&clean, &ws);
    let names = of(&new, "table.code_name");
    assert_eq!(names.len(), 1, "{new:#?}");
    assert!(names[0].message_zh.contains("2014001"));
}

#[test]
fn a_total_that_is_not_basic_plus_project_is_an_error() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table_index(&ws, TableKind::ExpenditureSummary);
    let r = row_with(&ws, t, "行政运行");
    ws.tables[t].rows[r].cells[5] = Some(Amount::parse("39,590,500"));
    let new = new_findings(&clean, &ws);
    let rows = of(&new, "table.row_sum");
    assert_eq!(rows.len(), 1, "{new:#?}");
    assert!(rows[0].label.contains("第10页"));
}

#[test]
fn income_and_expenditure_totals_must_balance() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table_index(&ws, TableKind::BudgetSummary);
    let r = row_with(&ws, t, "支出总计");
    let row = &mut ws.tables[t].rows[r];
    let at = row
        .cells
        .iter()
        .position(|c| c.as_ref().is_some_and(|a| a.text().trim() == "支出总计"))
        .unwrap();
    row.cells[at + 1] = Some(Amount::parse("288,280,700"));
    let new = new_findings(&clean, &ws);
    assert_eq!(of(&new, "table.unbalanced").len(), 1, "{new:#?}");
}

#[test]
fn missing_and_unexplained_empty_tables_are_named() {
    let clean = shanghai();
    let findings = check(&clean);
    let empty = of(&findings, "table.empty_without_note");
    assert!(
        empty.iter().any(|f| f.label.contains("第15页")),
        "{empty:#?}"
    );
    let mut ws = clean.clone();
    ws.tables.retain(|t| t.kind != TableKind::BasicEconomic);
    let new = new_findings(&clean, &ws);
    let missing = of(&new, "complete.table_missing");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]
            .message_zh
            .contains("一般公共预算基本支出经济分类表")
    );
    // A note saying why makes an empty table fine.
    let mut noted = clean.clone();
    let t = table_index(&noted, TableKind::GovernmentFund);
    noted.tables[t].note = "本单位无政府性基金预算，故本表无数据".to_string();
    assert!(
        !check(&noted)
            .iter()
            .any(|f| f.rule == "table.empty_without_note" && f.label.contains("第15页"))
    );
}

#[test]
fn glossary_and_running_costs_must_be_explained() {
    let clean = shanghai();
    let mut ws = clean.clone();
    for page in &mut ws.source.pages {
        for line in &mut page.lines {
            *line = line.replace("名词解释", "").replace("机关运行经费", "");
        }
    }
    let new = new_findings(&clean, &ws);
    assert_eq!(of(&new, "complete.glossary_missing").len(), 1, "{new:#?}");
    assert_eq!(of(&new, "complete.running_costs_missing").len(), 1);
}

#[test]
fn comparing_with_the_budget_year_itself_is_an_error() {
    let clean = shanghai();
    let mut ws = clean.clone();
    edit_line(
        &mut ws,
        6,
        "比2025年预算增加53万元；事业",
        "比2026年预算增加53万元；事业",
    );
    let new = new_findings(&clean, &ws);
    let years = of(&new, "prose.year");
    assert_eq!(years.len(), 1, "{new:#?}");
    assert_eq!(years[0].label, "正文 第6页");
    assert!(
        years[0]
            .pointer
            .as_str()
            .starts_with("/source/pages/5/lines/")
    );
}

#[test]
fn a_stated_percentage_must_follow_from_the_two_amounts() {
    let clean = shanghai();
    let mut ws = clean.clone();
    edit_line(
        &mut ws,
        6,
        "增加53万元；事业",
        "增加53万元，增长5.00%；事业",
    );
    let new = new_findings(&clean, &ws);
    let changes = of(&new, "prose.change");
    assert_eq!(changes.len(), 1, "{new:#?}");
    assert_eq!(changes[0].stated.as_deref(), Some("5.00"));
    assert_eq!(changes[0].expected.as_deref(), Some("0.18"));
    // The right percentage passes; opposite direction words do not.
    let mut right = clean.clone();
    edit_line(
        &mut right,
        6,
        "增加53万元；事业",
        "增加53万元，增长0.18%；事业",
    );
    assert!(new_findings(&clean, &right).is_empty());
    let mut opposite = clean.clone();
    edit_line(
        &mut opposite,
        6,
        "增加53万元；事业",
        "增加53万元，下降0.18%；事业",
    );
    assert_eq!(
        of(&new_findings(&clean, &opposite), "prose.direction").len(),
        1
    );
}

#[test]
fn template_leftovers_and_doubled_punctuation_are_warnings() {
    let clean = shanghai();
    let mut ws = clean.clone();
    edit_line(&mut ws, 6, "主要原因是社会保障缴费增加。", "主要原因是。");
    edit_line(&mut ws, 6, "等支出。", "等支出。。");
    let new = new_findings(&clean, &ws);
    assert_eq!(of(&new, "prose.template_leftover").len(), 1, "{new:#?}");
    assert_eq!(of(&new, "prose.punctuation").len(), 1);
}

#[test]
fn a_wan_figure_written_in_yuan_is_an_error() {
    let clean = shanghai();
    let mut ws = clean.clone();
    edit_line(&mut ws, 6, "科目1,040万元", "科目1,040.00元");
    edit_line(&mut ws, 6, "科目886万元", "科目1,040.00万元");
    let new = new_findings(&clean, &ws);
    let unit = of(&new, "prose.unit");
    assert_eq!(unit.len(), 1, "{new:#?}");
    assert!(unit[0].message_zh.contains("1040.00元"));
}

#[test]
fn a_prose_figure_differing_from_its_table_row_names_both() {
    let clean = shanghai();
    let mut ws = clean.clone();
    edit_line(&mut ws, 6, "科目26,703万元", "科目26,803万元");
    let new = new_findings(&clean, &ws);
    let vs = of(&new, "prose.table_mismatch");
    assert_eq!(vs.len(), 1, "{new:#?}");
    assert!(
        vs[0]
            .message_zh
            .contains("正文第6页 一般公共服务支出 26803万元")
    );
    // The other side, converted from 元 exactly, with its table and page.
    assert!(
        vs[0]
            .message_zh
            .contains("页 一般公共服务支出 26702.7339万元")
    );
}

#[test]
fn department_wording_in_a_unit_budget_and_a_wrong_file_year_are_warnings() {
    let clean = shanghai();
    let mut ws = clean.clone();
    edit_line(
        &mut ws,
        6,
        "2026年，上海市信访办公室",
        "2026年，本部门预算中上海市信访办公室",
    );
    ws.meta.source = Some("上海-2025年上海市信访局_部门预算.pdf".to_string());
    let new = new_findings(&clean, &ws);
    assert_eq!(of(&new, "prose.unit_wording").len(), 1, "{new:#?}");
    assert_eq!(of(&new, "document.year_mismatch").len(), 1);
}

#[test]
fn a_row_named_none_with_money_is_a_leftover() {
    let clean = shanghai();
    let mut ws = clean.clone();
    ws.source.pages[5]
        .lines
        .push("无 40.00 40.00 0.00 无".to_string());
    let new = new_findings(&clean, &ws);
    assert_eq!(of(&new, "prose.template_leftover").len(), 1, "{new:#?}");
}

#[test]
fn a_year_compared_with_itself_is_an_error() {
    let clean = changchun();
    let mut ws = clean.clone();
    edit_line(
        &mut ws,
        18,
        "2026年“三公经费”预算数为7.61万元",
        "2025年“三公经费”预算数为7.61万元比2025年减少1.62万元",
    );
    let new = new_findings(&clean, &ws);
    assert_eq!(of(&new, "prose.year").len(), 1, "{new:#?}");
}

#[test]
fn hand_made_workspaces_get_no_published_document_findings() {
    let ws: Workspace =
        serde_json::from_str(include_str!("fixtures/review_clean.json")).expect("fixture");
    assert!(
        check(&ws)
            .iter()
            .all(|f| !f.rule.starts_with("table.") && !f.rule.starts_with("prose."))
    );
}

#[test]
fn changchun_economic_names_against_the_standard_classification() {
    let findings = check(&changchun());
    let names = of(&findings, "table.code_name");
    assert_eq!(names.len(), 2, "{names:#?}");
    assert!(names.iter().any(|f| f.message_zh.contains("应为 30209")));
    assert!(
        names
            .iter()
            .any(|f| f.message_zh.contains("标准名称为“维修（护）费”"))
    );
    // Put right, the names pass.
    let mut ws = changchun();
    let t = table_index(&ws, TableKind::BasicEconomic);
    let r = row_with(&ws, t, "维护（护）费");
    let c = ws.tables[t].rows[r]
        .cells
        .iter()
        .position(|c| c.as_ref().is_some_and(|a| a.text() == "维护（护）费"))
        .unwrap();
    ws.tables[t].rows[r].cells[c] = Some(Amount::parse("维修（护）费"));
    assert_eq!(of(&check(&ws), "table.code_name").len(), 1);
}

/// Every finding on a printed place carries its page, and a finding comparing two places
/// names the other side with its page; `check`'s text says both (长春 prints 30208 twice in
/// 预算表6 and quotes 信访局临聘人员经费 in the prose differently from 预算表9).
#[test]
fn findings_carry_their_page_and_both_sides() {
    let ws = changchun();
    let findings = check(&ws);
    for f in &findings {
        let printed =
            f.pointer.as_table_row().is_some() || f.pointer.as_str().starts_with("/source/pages/");
        if printed {
            assert!(f.page.is_some(), "{} at {} has no page", f.rule, f.pointer);
        }
        assert_eq!(f.page, ws.page_of(&f.pointer), "{}", f.rule);
    }
    let mismatch = of(&findings, "prose.table_mismatch")
        .into_iter()
        .find(|f| f.label.contains("第18页"))
        .expect("the prose figure that differs from 预算表9");
    let other = mismatch.counterpart.as_ref().expect("the table side");
    let (t, r, _) = other.place.as_table_cell().expect("a table cell");
    assert_eq!(ws.tables[t].kind, TableKind::ProjectExpenditure);
    assert_eq!(other.page, Some(ws.tables[t].rows[r].page));
    assert_eq!(mismatch.page, Some(18));
    let duplicate = of(&findings, "table.duplicate_code")[0];
    let first = duplicate
        .counterpart
        .as_ref()
        .expect("the row that used the code first");
    assert!(first.label.contains("30208 取暖费"), "{}", first.label);

    let text =
        budget_workbench::report::findings_text(&findings, budget_workbench::i18n::Lang::Zh, false);
    let sides = mismatch.sides(budget_workbench::i18n::Lang::Zh).unwrap();
    assert!(
        sides.starts_with("正文 第18页 15.56 vs 预算表9 第14页"),
        "{sides}"
    );
    assert!(text.contains(&sides), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&budget_workbench::report::findings_json(&findings)).unwrap();
    let entry = json
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["rule"] == "table.duplicate_code")
        .unwrap();
    assert_eq!(entry["page"], 11);
    assert_eq!(entry["counterpart"]["page"], 11);
    assert_eq!(entry["counterpart"]["pointer"], first.place.to_string());
}

#[test]
fn project_fields_a_template_never_had_are_not_missing() {
    // 长春 预算表11 has 一级/二级/三级指标 and 指标值 columns, but no 项目编码, no 资金支出计划
    // and no 指标值确定依据 column: none of the three is missing there.
    let ws = changchun();
    assert_eq!(ws.performance.projects.len(), 4);
    let findings = check(&ws);
    for rule in ["id.missing_code", "plan.missing", "complete.missing_basis"] {
        assert!(
            of(&findings, rule).is_empty(),
            "{rule}: {:?}",
            of(&findings, rule)
        );
    }
    // Its 指标值 column is asked for: a blank value is still missing.
    let mut blank = ws.clone();
    blank.performance.projects[0].indicators[0].value.clear();
    let missing = of(&new_findings(&ws, &blank), "complete.missing_value")
        .into_iter()
        .map(|f| f.pointer.to_string())
        .collect::<Vec<_>>();
    assert_eq!(missing, ["/performance/projects/0/indicators/0/value"]);
    // The same project without its recorded columns (a hand-made workspace) asks for all.
    let mut by_hand = ws.clone();
    by_hand.performance.projects[0].columns.clear();
    let added = new_findings(&ws, &by_hand);
    for rule in ["id.missing_code", "plan.missing", "complete.missing_basis"] {
        assert!(!of(&added, rule).is_empty(), "{rule} not raised by hand");
    }
}

#[test]
fn a_wan_figure_far_above_tables_printed_in_whole_yuan_is_flagged_and_a_right_one_is_not() {
    // 上海信访's tables are in 元 without cents (p7: 288,280,739); the prose's 28,828万元 (p6)
    // is the same money, not a thousand times the largest table figure.
    // Its 三公 table (万元, with cents) made as small as 上海公安's (1.70万元): the 元 tables
    // still hold the largest figure.
    let mut clean = shanghai();
    let t = table_index(&clean, TableKind::ThreePublic);
    for cell in clean.tables[t]
        .rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut())
        .flatten()
    {
        *cell = Amount::parse("1.70");
    }
    assert!(of(&check(&clean), "prose.unit").is_empty());
    // A 元 figure written as 万元 is.
    let mut ws = clean.clone();
    edit_line(&mut ws, 6, "收入预算28,828万元", "收入预算288,280,739万元");
    let found = new_findings(&clean, &ws);
    let units = of(&found, "prose.unit");
    assert_eq!(units.len(), 1, "{found:#?}");
    assert_eq!(units[0].page, Some(6));
}

#[test]
fn a_three_public_item_above_its_basic_expenditure_row_is_not_a_mismatch() {
    // 长春 p18 states 公务接待费 0.86万元; 预算表6 (basic expenditure by economic class, p11)
    // has 30217 公务接待费 0.86. The 三公 item counts project money too (广州商务: 44.9 against
    // a basic row of 3.40), so more than the row agrees; less does not.
    let clean = changchun();
    let mut more = clean.clone();
    edit_line(&mut more, 18, "公务接待费0.86万元", "公务接待费10.86万元");
    assert!(of(&new_findings(&clean, &more), "prose.table_mismatch").is_empty());
    let mut less = clean.clone();
    edit_line(&mut less, 18, "公务接待费0.86万元", "公务接待费0.36万元");
    let found = new_findings(&clean, &less);
    let mismatches = of(&found, "prose.table_mismatch");
    assert_eq!(mismatches.len(), 1, "{found:#?}");
    assert_eq!(
        mismatches[0].counterpart.as_ref().and_then(|c| c.page),
        Some(11)
    );
}

#[test]
fn indicators_without_a_level_column_are_not_missing_their_kinds() {
    // 重庆办公厅 p24 prints 指标名称 / 指标性质 / 指标值 … but no 一级/二级指标 column.
    let ws = import("chongqing-bangongting-2026.pdf");
    let project = &ws.performance.projects[0];
    assert!(!project.indicators.is_empty());
    assert!(!project.asks_for("level1") && !project.asks_for("level2"));
    assert!(of(&check(&ws), "complete.missing_level1").is_empty());
}

/// 广州宣传部's 广州游戏电竞产业扶持资金 (表12 p22 and the 重点项目 list p27, both 2,000) with
/// the key list's budget set to `budget`: the one `table.project_twice` it raises, checked to
/// point at the key project.
fn key_project_budget_changed(clean: &Workspace, budget: &str) -> Finding {
    assert!(of(&check(clean), "table.project_twice").is_empty());
    let mut ws = clean.clone();
    let key = ws
        .performance
        .projects
        .iter()
        .rposition(|p| p.name == "广州游戏电竞产业扶持资金")
        .expect("the key project");
    ws.performance.projects[key].budget.total = Some(Amount::parse(budget));
    let found = new_findings(clean, &ws);
    let twice = of(&found, "table.project_twice");
    assert_eq!(twice.len(), 1, "{found:#?}");
    assert_eq!(
        twice[0].pointer.as_str(),
        format!("/performance/projects/{key}/budget/total")
    );
    assert_eq!(twice[0].stated.as_deref(), Some(budget));
    twice[0].clone()
}

#[test]
fn one_project_with_two_budgets_in_two_tables_is_an_error() {
    let clean = import("guangzhou-xuanchuanbu-2026.pdf");
    let twice = key_project_budget_changed(&clean, "2001");
    let other = twice.counterpart.as_ref().expect("the other table");
    assert!(
        other.label.contains("部门预算项目支出及其他支出预算表"),
        "{}",
        other.label
    );
}

#[test]
fn a_key_project_against_its_row_in_the_project_expenditure_table() {
    // 珠海 lists 拱北口岸和青茂口岸设施设备维保费 in 表12 without a goal (a plain row, 234.48)
    // and as a key project at 175. The same shape on 广州宣传部: 表12's row for
    // 广州游戏电竞产业扶持资金 loses its goal, so it is a row and not a project, and the key
    // project list states another budget: reported at the key project, against the row.
    let mut clean = import("guangzhou-xuanchuanbu-2026.pdf");
    let from_table = clean
        .performance
        .projects
        .iter()
        .position(|p| p.name == "广州游戏电竞产业扶持资金")
        .expect("the 表12 project");
    clean.performance.projects.remove(from_table);
    let twice = key_project_budget_changed(&clean, "1750");
    let row = twice.counterpart.as_ref().expect("the table row");
    assert_eq!(row.page, Some(22));
    assert!(
        row.label.contains("广州游戏电竞产业扶持资金"),
        "{}",
        row.label
    );
    assert_eq!(twice.expected.as_deref(), Some("2000"));
}

#[test]
fn one_item_with_two_amounts_in_one_project_is_an_error() {
    // 长春 预算表11 (p16), 2026年信访接待中心运行费: the goal says `缴纳电费 27万元`, the 成本指标
    // 办公用房使用维护成本's 指标解释 says `缴纳电费 20万元` (the answer key's 电费 27 vs 20).
    let ws = changchun();
    let found = check(&ws);
    let twice = of(&found, "id.amount_twice");
    assert_eq!(twice.len(), 1, "{twice:#?}");
    let p = ws
        .performance
        .projects
        .iter()
        .position(|p| p.name == "2026年信访接待中心运行费")
        .expect("the project");
    let k = ws.performance.projects[p]
        .indicators
        .iter()
        .position(|i| i.name == "办公用房使用维护成本")
        .expect("the cost indicator");
    assert_eq!(
        twice[0].pointer.as_str(),
        format!("/performance/projects/{p}/indicators/{k}/description")
    );
    let goal = twice[0].counterpart.as_ref().expect("the goal");
    assert_eq!(
        goal.place.as_str(),
        format!("/performance/projects/{p}/goals/0")
    );
    assert!(
        twice[0].message_zh.contains("缴纳电费"),
        "{}",
        twice[0].message_zh
    );
    // Made to agree, nothing is left; 物品 5万元 is stated alike in both and never was.
    let mut fixed = ws.clone();
    let d = &mut fixed.performance.projects[p].indicators[k].description;
    *d = d.replace("缴纳电费 20万元", "缴纳电费 27万元");
    assert!(of(&check(&fixed), "id.amount_twice").is_empty());
}

#[test]
fn a_summary_line_by_class_off_the_expenditure_table_is_an_error() {
    // 长春 预算表1 (p6) lists 一、一般公共服务支出 1378.41 on its expenditure side; 预算表3 (p8)
    // has 201 一般公共服务支出 合计 1378.41. Raised by one on the summary, the two disagree.
    let clean = changchun();
    assert!(of(&check(&clean), "table.class_amount").is_empty());
    let mut ws = clean.clone();
    let t = ws
        .tables
        .iter()
        .position(|t| t.kind == TableKind::BudgetSummary)
        .expect("预算表1");
    let (r, c) = ws.tables[t]
        .rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| {
            let at = (0..row.cells.len()).find(|&c| row.text(c) == "一、一般公共服务支出")?;
            Some((r, at + 1))
        })
        .expect("the 一般公共服务支出 line");
    assert_eq!(ws.tables[t].rows[r].text(c), "1378.41");
    ws.tables[t].rows[r].cells[c] = Some(Amount::parse("1379.41"));
    let found = new_findings(&clean, &ws);
    let class = of(&found, "table.class_amount");
    assert_eq!(class.len(), 1, "{found:#?}");
    assert_eq!(class[0].page, Some(6));
    let other = class[0].counterpart.as_ref().expect("支出总表's row");
    assert_eq!(other.page, Some(8));
    assert!(
        other.label.contains("201 一般公共服务支出 合计"),
        "{}",
        other.label
    );
}

#[test]
fn a_subject_named_by_its_path_is_checked_against_its_row() {
    // 无锡统计局 p28: `1.统计信息事务（款）行政运行（项）支出 1,429.11 万元` — 2010501 行政运行
    // under 20105 统计信息事务 is 1,429.11 in 公开03表 (p10) and 公开07表 (p17).
    let clean = import("wuxi-tongjiju-2026.pdf");
    assert!(of(&check(&clean), "prose.subject_path").is_empty());
    let mut amount = clean.clone();
    edit_line(
        &mut amount,
        28,
        "行政运行（项）支出 1,429.11",
        "行政运行（项）支出 1,439.11",
    );
    let found = new_findings(&clean, &amount);
    let path = of(&found, "prose.subject_path");
    assert_eq!(path.len(), 1, "{found:#?}");
    assert_eq!(path[0].severity, Severity::Error);
    assert_eq!(path[0].page, Some(28));
    assert_eq!(path[0].expected.as_deref(), Some("1429.11"));
    let row = path[0].counterpart.as_ref().expect("the subject's row");
    assert!(row.label.contains("2010501 行政运行"), "{}", row.label);
    // Under a 款 the tables do not have it under: the path names another subject.
    let mut moved = clean.clone();
    edit_line(
        &mut moved,
        28,
        "统计信息事务（款）行政运行",
        "住房改革支出（款）行政运行",
    );
    let found = new_findings(&clean, &moved);
    let path = of(&found, "prose.subject_path");
    assert_eq!(path.len(), 1, "{found:#?}");
    assert_eq!(path[0].severity, Severity::Warning);
    assert!(
        path[0]
            .message_zh
            .contains("2010501 统计信息事务（款）行政运行"),
        "{}",
        path[0].message_zh
    );
}

#[test]
fn a_path_amount_at_the_limits_of_a_decimal_is_reported_not_a_crash() {
    // A hostile edit of 无锡统计局: a 28-digit prose amount against the most negative amount a
    // row can hold; their difference overflows a decimal.
    let mut ws = import("wuxi-tongjiju-2026.pdf");
    edit_line(
        &mut ws,
        28,
        "行政运行（项）支出 1,429.11",
        "行政运行（项）支出 9999999999999999999999999999",
    );
    for table in &mut ws.tables {
        for row in &mut table.rows {
            if row.text(0) == "2010501" {
                for cell in row.cells.iter_mut().skip(2) {
                    *cell = Some(Amount::parse("-79228162514264337593543950335"));
                }
            }
        }
    }
    let path = of(&check(&ws), "prose.subject_path").len();
    assert!(path >= 1, "the amount agrees with no row");
}

#[test]
fn a_row_copied_from_another_project_and_naming_it_is_flagged() {
    // 长春 预算表11 (p16): 2026年驻京经费 and 信访局临聘人员经费 both carry the satisfaction row
    // “临聘人员满意度 / 临聘人员主要从事政务协助和司机工作。” — the 驻京 project's copy names
    // the other project's 临聘人员 (the answer key's copied row).
    let ws = changchun();
    let findings = check(&ws);
    let copied = of(&findings, "id.copied_text");
    assert_eq!(copied.len(), 1, "{copied:#?}");
    let f = copied[0];
    assert_eq!(f.page, Some(16));
    let names: Vec<&str> = ws
        .performance
        .projects
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        f.label.contains("临聘人员经费") || f.label.contains("驻京经费"),
        "{}",
        f.label
    );
    let other = f.counterpart.as_ref().expect("the project it repeats");
    assert!(
        other.label.contains("驻京经费") || other.label.contains("临聘人员经费"),
        "{names:?}"
    );
    // Rewording the row in one project clears it.
    let mut fixed = ws.clone();
    let (p, k) = fixed
        .performance
        .projects
        .iter()
        .enumerate()
        .find_map(|(p, project)| {
            project
                .indicators
                .iter()
                .position(|i| i.description.contains("临聘人员主要从事"))
                .map(|k| (p, k))
        })
        .expect("the row");
    fixed.performance.projects[p].indicators[k].description =
        "驻京人员对保障工作的满意程度。".into();
    assert!(of(&check(&fixed), "id.copied_text").is_empty());
}

#[test]
fn a_project_listed_again_among_key_projects_counts_once() {
    // 广州宣传部: the 重点项目 list (p27) repeats projects of 表12 (p19–24) with the same
    // budgets (广州游戏电竞产业扶持资金 2000). Counted once, 表12's projects add up to 表3's
    // 项目支出 and nothing is reported; a project of the list whose budget were another than
    // its 表12 row's would count twice and be reported.
    let mut ws = import("guangzhou-xuanchuanbu-2026.pdf");
    let listed = |ws: &Workspace| {
        ws.performance
            .projects
            .iter()
            .filter(|p| p.name == "广州游戏电竞产业扶持资金")
            .count()
    };
    assert_eq!(listed(&ws), 2);
    assert!(of(&check(&ws), "table.projects_total").is_empty());
    let key = ws
        .performance
        .projects
        .iter_mut()
        .rfind(|p| p.name == "广州游戏电竞产业扶持资金")
        .unwrap();
    key.budget.total = Some(Amount::parse("2500"));
    assert_eq!(of(&check(&ws), "table.projects_total").len(), 1);
}
