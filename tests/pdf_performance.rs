//! Project performance tables from real published PDFs (tests/fixtures/pdf, see its README).
//! Expected values were read by a person from the pages cited (physical page numbers).

use std::path::Path;

use budget_workbench::import::import_file;
use budget_workbench::model::{ProjectIndicator, ProjectTable, SourcePlace, Workspace};
use rust_decimal::Decimal;

fn import(name: &str) -> Workspace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    import_file(&path).expect("imports").workspace
}

fn project<'a>(ws: &'a Workspace, name: &str) -> &'a ProjectTable {
    ws.performance
        .projects
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = ws
                .performance
                .projects
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            panic!("no project {name}; have {names:?}")
        })
}

fn weights(p: &ProjectTable) -> Decimal {
    p.indicators
        .iter()
        .map(|i| i.weight.as_ref().and_then(|w| w.value()).expect("a weight"))
        .sum()
}

fn row<'a>(p: &'a ProjectTable, name: &str) -> &'a ProjectIndicator {
    p.indicators
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no indicator {name} in {}", p.name))
}

fn field_of<'a>(p: &'a ProjectTable, label: &str) -> &'a str {
    p.columns
        .iter()
        .find(|c| c.label == label)
        .map_or("", |c| c.field.as_str())
}

/// 长春 预算表11, p16: one table for four projects; 项目名称, 年度资金总额 and 年度绩效目标 are
/// merged cells over each project's four indicator rows (产出/成本/效益/满意度), 权重 40/20/20/10.
#[test]
fn changchun_one_table_for_four_projects() {
    let ws = import("changchun-xinfang-2026.pdf");
    let names: Vec<&str> = ws
        .performance
        .projects
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "2026年信访专项经费",
            "2026年信访接待中心运行费",
            "2026年驻京经费",
            "信访局临聘人员经费"
        ]
    );
    let budgets: Vec<&str> = ws
        .performance
        .projects
        .iter()
        .map(|p| p.budget.total.as_ref().map_or("", |a| a.text()))
        .collect();
    assert_eq!(budgets, ["30.00", "116.00", "312.00", "16.56"]);

    let first = project(&ws, "2026年信访专项经费");
    assert_eq!(first.budget_label, "年度资金总额(万元)");
    assert_eq!(
        first.goals,
        [
            "1、全年确保网络专线连接畅通，维护社会稳定；2、聘请评审专家 2次以上，参与评审、论证和听证活动，推动疑难信访问题依法解决；"
        ]
    );
    let levels: Vec<(&str, &str, &str, &str, &str)> = first
        .indicators
        .iter()
        .map(|i| {
            (
                i.level1.as_str(),
                i.level2.as_str(),
                i.name.as_str(),
                i.value.as_str(),
                i.weight.as_ref().map_or("", |w| w.text()),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("产出指标", "数量指标", "专家评审", ">=2次", "40"),
            (
                "成本指标",
                "经济成本指标",
                "信访信息系统运维成本",
                "<=17万元",
                "20"
            ),
            (
                "效益指标",
                "社会效益指标",
                "基层信访工作网络覆盖率",
                ">=100百分比",
                "20"
            ),
            (
                "满意度指标",
                "服务对象满意度指标",
                "上访群众满意度",
                ">=100百分比",
                "10"
            ),
        ]
    );
    // Every project: four rows weighing 90 together (as printed; TRUTH notes it).
    for p in &ws.performance.projects {
        assert_eq!(p.indicators.len(), 4, "{}", p.name);
        assert_eq!(weights(p), Decimal::from(90), "{}", p.name);
    }
    // The second project's name wraps over three lines of its merged cell.
    let centre = project(&ws, "2026年信访接待中心运行费");
    assert_eq!(row(centre, "专项检查开展次数").value, ">=12次");
    assert!(centre.goals[0].starts_with("1、分两次支付 2026年物业管理费。2、缴纳电费 27万元。"));
    // 权重 is a weight and 指标解释 a description: nothing lands in 指标值确定依据.
    assert_eq!(field_of(first, "权重"), "weight");
    assert_eq!(field_of(first, "指标解释"), "description");
    assert!(
        ws.performance
            .projects
            .iter()
            .all(|p| p.indicators.iter().all(|i| i.basis.is_empty()))
    );
    assert_eq!(
        ws.provenance.get("/performance/projects/0"),
        Some(&SourcePlace { page: 16, line: 12 })
    );
    assert!(ws.performance.overall.is_empty());
}

/// 重庆 办公厅 表十二, p24: one 一般性项目 with 指标性质 / 指标值 / 计量单位 / 指标权重 columns.
#[test]
fn chongqing_general_project_with_nature_unit_and_weight() {
    let ws = import("chongqing-bangongting-2026.pdf");
    // 表十一 (p23) is empty with its note: no project comes from it.
    assert_eq!(ws.performance.projects.len(), 1);
    let p = project(&ws, "市政府办公厅业务及日常运行项目");
    assert_eq!(p.budget.total.as_ref().map(|a| a.text()), Some("8,534.17"));
    assert_eq!(p.budget_label, "当年财政拨款预算金额");
    assert_eq!(
        p.goals,
        ["完成各项业务工作，分别达到工作要求，保障市政府办公厅的正常运转。"]
    );
    assert_eq!(p.indicators.len(), 11);
    let first = &p.indicators[0];
    assert_eq!(first.name, "民呼我为（“12345”）咨询一次性解答率");
    assert_eq!(
        (
            first.nature.as_str(),
            first.value.as_str(),
            first.measure_unit.as_str()
        ),
        ("≥", "70", "%")
    );
    // A name wrapped around its row's figures is one name.
    let wrapped = row(p, "民呼我为（“互联网+督查”）诉求工单问题解决率");
    assert_eq!(wrapped.value, "85");
    assert_eq!(
        row(p, "市政府门户网站和政务新媒体访问量").measure_unit,
        "万人次"
    );
    assert_eq!(row(p, "年度预算执行率").nature, "=");
    assert_eq!(weights(p), Decimal::from(100));
    for (label, field) in [
        ("指标性质", "nature"),
        ("指标值", "value"),
        ("计量单位", "measure_unit"),
        ("指标权重(% )", "weight"),
    ] {
        assert_eq!(field_of(p, label), field, "{label}");
    }
}

/// 重庆 办公厅 表十, p22: the 部门整体 table goes to `performance.overall`, with its goal and
/// 10 indicators (weights 100), and 是否核心 kept under its own label.
#[test]
fn chongqing_overall_table_is_kept_apart() {
    let ws = import("chongqing-bangongting-2026.pdf");
    assert_eq!(ws.performance.overall.len(), 1);
    let overall = &ws.performance.overall[0];
    assert!(overall.goals[0].starts_with("贯彻落实党中央和国务院的决策部署"));
    assert!(overall.goals[0].ends_with("保障已建项目运行顺畅。"));
    assert_eq!(overall.indicators.len(), 10);
    assert_eq!(weights(overall), Decimal::from(100));
    let first = &overall.indicators[0];
    assert_eq!(first.name, "市政府门户网站优化整改次数");
    assert_eq!((first.nature.as_str(), first.value.as_str()), ("≥", "4"));
    assert_eq!(
        first.other_columns.get("是否核心").map(String::as_str),
        Some("是")
    );
    assert_eq!(
        ws.provenance
            .get("/performance/overall/0/indicators/0")
            .map(|p| p.page),
        Some(22)
    );
    // No organisation-wide target is counted among the projects.
    assert!(
        ws.performance
            .projects
            .iter()
            .all(|p| p.title.contains("项目"))
    );
}

/// The workspace with its performance tables survives a save and load byte for byte.
#[test]
fn performance_tables_round_trip() {
    let ws = import("chongqing-bangongting-2026.pdf");
    let text = budget_workbench::store::to_json(&ws);
    let back = budget_workbench::store::parse_str(&text, "ws.json").expect("loads");
    assert_eq!(back, ws);
    assert_eq!(budget_workbench::store::to_json(&back), text);
}

#[test]
fn one_project_per_page_under_one_title_and_its_overview_is_not_a_goal() {
    // 重庆水利局 表十一 (p31–32): the title `2026 年市级重点专项资金绩效目标表（一级项目）` is
    // printed again over a second project on p32. Each page is its own project; 项目概况 is the
    // project's purpose, 当年绩效目标 its goal, each paragraph whole although the label stands
    // on one of its middle lines.
    let ws = import("chongqing-shuili-2026.pdf");
    let first = project(&ws, "水库移民后期扶持");
    assert_eq!(
        first.budget.total.as_ref().map(|a| a.text()),
        Some("12,700.00")
    );
    assert_eq!(first.indicators.len(), 6);
    assert!(
        first
            .purpose
            .starts_with("全市库区和移民安置区涉及 38 个区县"),
        "{}",
        first.purpose
    );
    assert!(
        first.purpose.ends_with("生态环境等基础设施项目。"),
        "{}",
        first.purpose
    );
    assert_eq!(first.goals.len(), 1);
    assert!(first.goals[0].starts_with("年度资金实施项目覆盖区县 30 个以上"));
    let second = project(&ws, "重庆市水利专项资金");
    assert_eq!(
        second.budget.total.as_ref().map(|a| a.text()),
        Some("152,992.83")
    );
    assert_eq!(second.indicators.len(), 7);
    assert_eq!(second.indicators[0].name, "续建大中型水库");
    assert_eq!(
        second.purpose,
        "重庆市市级财政资金安排用于水利专项建设的资金。"
    );
    assert!(
        second.goals[0].starts_with("加快推进水利项目前期工作"),
        "{:?}",
        second.goals
    );
    assert!(
        second.goals[0].ends_with("开展农村供水工程维修养护。"),
        "{:?}",
        second.goals
    );
}

#[test]
fn a_name_wrapped_onto_a_line_of_its_own_is_not_a_form_label() {
    // 广州卫健委 表12 p33: `重大公共卫生服务妇幼` / `项目` ends with `项目` alone at the start of
    // a line, beside a goal's last line. It is the name's end, not a form's 项目 label: every
    // row of the table after it is still a project of its own (工作经费 59.00, 购置经费 24.20,
    // 其他运行经费 88.06 on that page), and no project is named with goal text.
    let ws = import("guangzhou-weijianwei-2026.pdf");
    for (name, budget) in [
        ("重大公共卫生服务妇幼项目", "65.00"),
        ("购置经费", "24.20"),
        ("其他运行经费", "88.06"),
    ] {
        assert!(
            ws.performance.projects.iter().any(
                |p| p.name == name && p.budget.total.as_ref().map(|a| a.text()) == Some(budget)
            ),
            "{name} {budget}"
        );
    }
    for p in &ws.performance.projects {
        assert!(!p.name.contains(['，', '。']), "{}", p.name);
    }
}
