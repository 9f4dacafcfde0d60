//! The published tables against each other and the prose's stated totals against the
//! tables, each shown by one fault put into a real document (上海信访, clean and hand-checked;
//! 长春信访 and 重庆办公厅 as published), and the fixes of earlier false errors on real text.

use std::path::Path;

use budget_workbench::import::import_file;
use budget_workbench::model::{Amount, LineItem, Place, TableKind, Workspace};
use budget_workbench::review::incremental::recheck_after_edit;
use budget_workbench::review::{Finding, Severity, check};

fn import(name: &str) -> Workspace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    import_file(&path).expect("imports").workspace
}

fn shanghai() -> Workspace {
    import("shanghai-xinfang-2026.pdf")
}

fn changchun() -> Workspace {
    import("changchun-xinfang-2026.pdf")
}

fn chongqing() -> Workspace {
    import("chongqing-bangongting-2026.pdf")
}

/// The findings of rule `rule` that `after` has and `before` does not.
fn new_of(before: &Workspace, after: &Workspace, rule: &str) -> Vec<Finding> {
    let old = check(before);
    check(after)
        .into_iter()
        .filter(|f| f.rule == rule && !old.contains(f))
        .collect()
}

fn table(ws: &Workspace, kind: TableKind) -> usize {
    ws.tables
        .iter()
        .position(|t| t.kind == kind)
        .expect("table")
}

/// Row of table `t` with a cell whose text is `text`.
fn row(ws: &Workspace, t: usize, text: &str) -> usize {
    ws.tables[t]
        .rows
        .iter()
        .position(|r| r.cells.iter().flatten().any(|a| a.text().trim() == text))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

/// Column of table `t` whose cell on row `r` reads `text`.
fn col(ws: &Workspace, t: usize, r: usize, text: &str) -> usize {
    ws.tables[t].rows[r]
        .cells
        .iter()
        .position(|c| c.as_ref().is_some_and(|a| a.text().trim() == text))
        .unwrap_or_else(|| panic!("no cell {text}"))
}

#[test]
fn the_clean_documents_have_no_cross_table_errors() {
    for ws in [shanghai(), changchun(), chongqing()] {
        let errors: Vec<Finding> = check(&ws)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .filter(|f| {
                matches!(
                    f.rule,
                    "table.cross_total" | "table.code_amount" | "prose.figure_mismatch"
                )
            })
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn an_income_table_total_off_the_summary_is_an_error_naming_both() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table(&ws, TableKind::IncomeSummary);
    let r = row(&ws, t, "合计");
    let c = col(&ws, t, r, "288,280,739");
    ws.tables[t].rows[r].cells[c] = Some(Amount::parse("288,380,739"));
    let found = new_of(&clean, &ws, "table.cross_total");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.pointer.as_str(),
        format!("/tables/{t}/rows/{r}/cells/{c}")
    );
    // 元 converted exactly to 万元, both sides named with their pages.
    assert_eq!(f.stated.as_deref(), Some("28838.0739"));
    assert_eq!(f.expected.as_deref(), Some("28828.0739"));
    assert_eq!(f.difference.as_deref(), Some("10"));
    assert!(f.message_zh.contains("第9页 收入合计") && f.message_zh.contains("第7页 收入总计"));
}

#[test]
fn economic_total_must_equal_basic_expenditure_of_the_functional_table() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table(&ws, TableKind::GeneralPublicFunctional);
    let r = row(&ws, t, "合计");
    let c = col(&ws, t, r, "60,046,940");
    ws.tables[t].rows[r].cells[c] = Some(Amount::parse("60,046,900"));
    let found = new_of(&clean, &ws, "table.cross_total");
    let economic: Vec<&Finding> = found
        .iter()
        .filter(|f| f.message_zh.contains("经济分类表"))
        .collect();
    assert_eq!(economic.len(), 1, "{found:#?}");
    assert_eq!(economic[0].stated.as_deref(), Some("6004.694"));
    assert_eq!(economic[0].expected.as_deref(), Some("6004.69"));
}

#[test]
fn a_subject_amount_differing_between_tables_is_an_error() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table(&ws, TableKind::ExpenditureSummary);
    let r = row(&ws, t, "行政运行");
    let c = col(&ws, t, r, "39,590,540");
    ws.tables[t].rows[r].cells[c] = Some(Amount::parse("39,600,540"));
    let found = new_of(&clean, &ws, "table.code_amount");
    // 收入总表 and 功能分类表 both disagree with 支出总表 on 2014001 行政运行 合计.
    assert_eq!(found.len(), 2, "{found:#?}");
    for f in &found {
        assert_eq!(f.severity, Severity::Error);
        assert!(f.label.contains("2014001 行政运行 合计"), "{}", f.label);
        assert_eq!(f.stated.as_deref(), Some("3959.054"));
        assert_eq!(f.expected.as_deref(), Some("3960.054"));
        assert!(f.message_zh.contains("第10页"));
    }
}

#[test]
fn project_tables_that_do_not_add_up_to_project_expenditure_are_a_warning() {
    let clean = changchun();
    assert!(
        check(&clean)
            .iter()
            .all(|f| f.rule != "table.projects_total")
    );
    let mut ws = clean.clone();
    ws.performance.projects[1].budget.total = Some(Amount::parse("126.00"));
    let found = new_of(&clean, &ws, "table.projects_total");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].stated.as_deref(), Some("474.56"));
    assert_eq!(found[0].expected.as_deref(), Some("484.56"));
}

#[test]
fn prose_three_public_off_the_table_is_an_error() {
    let clean = shanghai();
    let mut ws = clean.clone();
    ws.three_public.total = Some(Amount::parse("86.00"));
    ws.three_public.items[2].amount = Some(Amount::parse("7.00"));
    let found = new_of(&clean, &ws, "prose.figure_mismatch");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|f| f.severity == Severity::Error));
    let at = |p: &str| found.iter().find(|f| f.pointer == p).expect(p);
    let total = at("/three_public/total");
    assert_eq!(total.expected.as_deref(), Some("84"));
    assert!(total.message_zh.contains("第19页"));
    assert_eq!(
        at("/three_public/items/2/amount").expected.as_deref(),
        Some("5")
    );
}

#[test]
fn prose_totals_and_running_costs_off_the_tables_are_warnings() {
    let clean = shanghai();
    let mut ws = clean.clone();
    // 上海 states whole 万元 (28,828 for 288,280,739 元): one 万元 more is beyond its rounding.
    ws.overview.revenue.total = Some(Amount::parse("28,829"));
    ws.running_costs.total = Some(Amount::parse("1,068.92"));
    let found = new_of(&clean, &ws, "prose.figure_mismatch");
    let pointers: Vec<&str> = found.iter().map(|f| f.pointer.as_str()).collect();
    assert!(pointers.contains(&"/overview/revenue/total"), "{found:#?}");
    assert!(pointers.contains(&"/running_costs/total"), "{found:#?}");
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
    let rc = found
        .iter()
        .find(|f| f.pointer == "/running_costs/total")
        .unwrap();
    assert_eq!(rc.expected.as_deref(), Some("1067.92"));
}

#[test]
fn a_main_items_list_is_not_summed_as_the_whole() {
    // 长春: “机关运行经费预算总计211万元…其中主要支出为办公费34.82万元…等”.
    let ws = changchun();
    assert!(ws.running_costs.items.is_empty());
    assert!(
        check(&ws).iter().all(
            |f| !(f.rule == "sum.mismatch" && f.pointer.as_str().starts_with("/running_costs"))
        )
    );
}

#[test]
fn whole_wan_figures_of_a_published_budget_may_each_be_rounded() {
    // 上海交通's sentence put into 上海信访: 40,870 = 30,441 + 5,000 + 0 + 5,428 (40,869) to
    // the whole 万元 each figure is rounded to.
    let mut ws = shanghai();
    let parts = [
        ("财政拨款收入", "30,441"),
        ("事业收入", "5,000"),
        ("其他收入", "5,428"),
    ];
    ws.overview.revenue.total = Some(Amount::parse("40,870"));
    ws.overview.revenue.sources = parts
        .iter()
        .map(|(name, amount)| LineItem {
            name: name.to_string(),
            amount: Some(Amount::parse(amount)),
            ..LineItem::default()
        })
        .collect();
    let sums = |ws: &Workspace| {
        check(ws)
            .into_iter()
            .filter(|f| f.rule == "sum.mismatch" && f.pointer == "/overview/revenue/total")
            .count()
    };
    assert_eq!(sums(&ws), 0);
    // Off by more than 0.5 a figure: an error.
    ws.overview.revenue.total = Some(Amount::parse("40,872"));
    assert_eq!(sums(&ws), 1);
    // In a hand-made workspace 40,870 is exact.
    let mut hand = Workspace::new("测试局");
    hand.overview.revenue = ws.overview.revenue.clone();
    hand.overview.revenue.total = Some(Amount::parse("40,870"));
    assert_eq!(sums(&hand), 1);
}

/// The corpus documents, edited cell by cell: the re-check after each edit equals a full check.
#[test]
fn recheck_equals_full_check_on_the_corpus_documents_after_edits() {
    for mut ws in [changchun(), shanghai(), chongqing()] {
        let mut findings = check(&ws);
        assert_eq!(findings, check(&ws));
        let projects = ws.performance.projects.len();
        for (n, value) in ["abc", "≥95%", "", "100", "满意度指标"].iter().enumerate() {
            if projects > 0 {
                let p = n % projects;
                let Some(k) = (0..ws.performance.projects[p].indicators.len()).nth(n) else {
                    continue;
                };
                ws.performance.projects[p].indicators[k].value = value.to_string();
                let pointer: Place = format!("/performance/projects/{p}/indicators/{k}/value")
                    .parse()
                    .expect("a place");
                assert!(recheck_after_edit(&ws, &mut findings, &pointer));
                assert_eq!(findings, check(&ws), "after {pointer} = {value}");
            }
            // A table cell takes the full check; the findings stay right.
            let t = n % ws.tables.len();
            if let Some(row) = ws.tables[t].rows.first_mut()
                && let Some(cell) = row.cells.iter_mut().flatten().next()
            {
                *cell = Amount::parse(&format!("{value}1"));
                let pointer = Place::table_cell(t, 0, 0);
                if !recheck_after_edit(&ws, &mut findings, &pointer) {
                    findings = check(&ws);
                }
                assert_eq!(findings, check(&ws), "after {pointer}");
            }
        }
    }
}

/// Replaces `from` by `to` in the first source line that holds it.
fn edit_line(ws: &mut Workspace, from: &str, to: &str) {
    let line = ws
        .source
        .pages
        .iter_mut()
        .flat_map(|p| p.lines.iter_mut())
        .find(|l| l.contains(from))
        .unwrap_or_else(|| panic!("no line with {from}"));
    *line = line.replacen(from, to, 1);
}

#[test]
fn performance_coverage_stated_in_the_prose_must_match_the_project_tables() {
    // 长春: “2026年向社会公开四个二级项目支出绩效目标和指标，公开金额474.56万元”, four tables.
    let clean = changchun();
    let mut ws = clean.clone();
    edit_line(&mut ws, "公开四个二级项目", "公开五个二级项目");
    let found = new_of(&clean, &ws, "prose.figure_mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].stated.as_deref(), Some("5"));
    assert_eq!(found[0].expected.as_deref(), Some("4"));
    assert!(
        found[0]
            .message_zh
            .contains("绩效目标项目个数 5个 vs 4 张项目绩效目标表 4个"),
        "{}",
        found[0].message_zh
    );
    let mut ws = clean.clone();
    edit_line(&mut ws, "公开金额474.56", "公开金额484.56");
    let found = new_of(&clean, &ws, "prose.figure_mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].stated.as_deref(), Some("484.56"));
    assert_eq!(found[0].expected.as_deref(), Some("474.56"));
    assert!(found[0].pointer.as_str().starts_with("/source/pages/"));
}

#[test]
fn an_empty_table_whose_note_speaks_of_another_table_is_a_warning() {
    let clean = shanghai();
    let mut ws = clean.clone();
    let t = table(&ws, TableKind::GovernmentFund);
    ws.tables[t].note = "本单位无国有资本经营预算，故本表无数据".to_string();
    let found = new_of(&clean, &ws, "table.note_other_table");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].pointer.as_str(), format!("/tables/{t}/note"));
    assert!(found[0].message_zh.contains("第15页") && found[0].message_zh.contains("国有资本"));
    // Its own fund named: fine.
    ws.tables[t].note = "本单位无政府性基金预算，故本表无数据".to_string();
    assert!(new_of(&clean, &ws, "table.note_other_table").is_empty());
}

#[test]
fn a_project_row_named_none_with_money_is_a_leftover() {
    // 广州宣传部's 表12 prints “无 40.00 40.00 …”; here put into 长春's project list.
    let clean = changchun();
    let mut ws = clean.clone();
    let t = table(&ws, TableKind::ProjectExpenditure);
    let r = row(&ws, t, "2026 信访专项经费");
    let c = col(&ws, t, r, "2026 信访专项经费");
    ws.tables[t].rows[r].cells[c] = Some(Amount::parse("无"));
    let found = new_of(&clean, &ws, "prose.template_leftover");
    assert_eq!(found.len(), 1, "{found:#?}");
    let money = col(&ws, t, r, "30.00");
    assert_eq!(
        found[0].pointer.as_str(),
        format!("/tables/{t}/rows/{r}/cells/{money}")
    );
    assert!(found[0].message_zh.contains("预算表9 第14页"));
}

/// 长春's 预算表11 has no 资金支出计划 column (the plan rules leave such a table alone): the
/// faults below put one in, as a template with the column would print it.
fn with_plan_column(ws: &mut Workspace) {
    ws.performance.projects[0]
        .columns
        .push(budget_workbench::model::PerformanceColumn {
            label: "资金支出计划".to_string(),
            field: "spending_plan".to_string(),
            ..Default::default()
        });
}

/// The older rules on the parts of a published document the import fills (prose figures,
/// project tables): one fault each, put into 长春 as published.
#[test]
fn older_rules_find_a_fault_put_into_a_real_document() {
    use budget_workbench::model::LineItem;
    let clean = changchun();
    let item = |name: &str, amount: &str| LineItem {
        name: name.to_string(),
        amount: Some(Amount::parse(amount)),
        ..LineItem::default()
    };
    type Edit = fn(&mut Workspace);
    let cases: Vec<(&str, &str, Edit)> = vec![
        ("id.duplicate_code", "/performance/projects/1", |ws| {
            ws.performance.projects[0].code = "105001-XF-01".to_string();
            ws.performance.projects[1].code = "105001-XF-01".to_string();
        }),
        ("id.duplicate_indicator", "/performance/projects/0", |ws| {
            let first = ws.performance.projects[0].indicators[0].name.clone();
            ws.performance.projects[0].indicators[1].name = first;
        }),
        (
            "complete.missing_value",
            "/performance/projects/0/indicators/0",
            |ws| ws.performance.projects[0].indicators[0].value = String::new(),
        ),
        (
            "complete.unquantified_satisfaction",
            "/performance/projects/0/indicators/3",
            |ws| ws.performance.projects[0].indicators[3].value = "较高".to_string(),
        ),
        ("complete.missing_level1", "/performance/projects/0", |ws| {
            ws.performance.projects[0]
                .indicators
                .retain(|i| !i.level1.contains("满意度"));
        }),
        (
            "plan.decreasing",
            "/performance/projects/0/spending_plan",
            |ws| {
                with_plan_column(ws);
                let plan = &mut ws.performance.projects[0].spending_plan;
                plan.march = Some(Amount::parse("50"));
                plan.june = Some(Amount::parse("30"));
                plan.october = Some(Amount::parse("80"));
                plan.december = Some(Amount::parse("100"));
            },
        ),
        (
            "plan.out_of_range",
            "/performance/projects/0/spending_plan",
            |ws| {
                with_plan_column(ws);
                ws.performance.projects[0].spending_plan.december = Some(Amount::parse("110"));
            },
        ),
        (
            "plan.not_complete",
            "/performance/projects/0/spending_plan",
            |ws| {
                with_plan_column(ws);
                ws.performance.projects[0].spending_plan.december = Some(Amount::parse("90"));
            },
        ),
        ("sum.unbalanced", "/overview", |ws| {
            ws.overview.expenditure.total = Some(Amount::parse("1692.76"));
        }),
        ("cross.running_costs_exceed", "/running_costs", |ws| {
            ws.overview.expenditure.public_admin = Some(Amount::parse("200.00"));
        }),
        ("amount.not_number", "/three_public/total", |ws| {
            ws.three_public.total = Some(Amount::parse("- -"));
        }),
    ];
    for (rule, under, edit) in cases {
        let mut ws = clean.clone();
        edit(&mut ws);
        let found = new_of(&clean, &ws, rule);
        assert!(
            found.iter().any(|f| f.pointer.as_str().starts_with(under)),
            "{rule} under {under}: {found:#?}"
        );
    }
    // 机关运行经费 211 with two items that do not add up to it.
    let mut ws = clean.clone();
    ws.running_costs.items = vec![item("办公费", "34.82"), item("差旅费", "10.00")];
    let sums = new_of(&clean, &ws, "sum.mismatch");
    assert_eq!(sums.len(), 1, "{sums:#?}");
    assert_eq!(sums[0].pointer.as_str(), "/running_costs/total");
    assert_eq!(sums[0].expected.as_deref(), Some("44.82"));
    // 三公 公务接待费 against the same item in 机关运行经费 (0.86 in 长春's prose).
    let mut ws = clean.clone();
    ws.three_public.items = vec![item("公务接待费", "0.86")];
    ws.running_costs.items = vec![item("公务接待费", "1.86")];
    let cross = new_of(&clean, &ws, "cross.mismatch");
    assert_eq!(cross.len(), 1, "{cross:#?}");
    // 预算表11 has no 项目编码 column: no code is missing; with the column, a blank one is.
    let missing = |ws: &Workspace| {
        check(ws)
            .into_iter()
            .filter(|f| f.rule == "id.missing_code")
            .count()
    };
    assert_eq!(missing(&clean), 0);
    let mut ws = clean.clone();
    ws.performance.projects[0]
        .columns
        .push(budget_workbench::model::PerformanceColumn {
            label: "项目编码".to_string(),
            field: "code".to_string(),
            ..Default::default()
        });
    assert_eq!(missing(&ws), 1);
}

#[test]
fn procurement_stated_in_the_prose_must_match_its_table() {
    // 重庆办公厅: “政府采购预算总额 4,542.69 万元” and 表九 合计 4,542.69.
    let clean = chongqing();
    assert!(
        check(&clean)
            .iter()
            .all(|f| !f.message_zh.contains("政府采购预算 "))
    );
    let mut ws = clean.clone();
    edit_line(
        &mut ws,
        "政府采购预算总额 4,542.69",
        "政府采购预算总额 4,552.69",
    );
    let found = new_of(&clean, &ws, "prose.figure_mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].pointer.as_str().starts_with("/source/pages/"));
    assert_eq!(found[0].stated.as_deref(), Some("4552.69"));
    assert_eq!(found[0].expected.as_deref(), Some("4542.69"));
    assert!(found[0].message_zh.contains("表九 第21页 政府采购合计"));
}
