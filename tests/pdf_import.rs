//! PDF import on real published budgets (tests/fixtures/pdf, see its README). Expected values
//! were read from the pages cited.

use std::path::Path;
use std::process::Command;

use budget_workbench::import::{ImportError, import_file, pdf::import_pdf};
use budget_workbench::model::{ColumnMeaning, DisclosureTable, TableKind, Workspace};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn import(name: &str) -> Workspace {
    import_file(&fixture(name)).expect("imports").workspace
}

fn table(ws: &Workspace, kind: TableKind) -> &DisclosureTable {
    ws.tables
        .iter()
        .find(|t| t.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} table"))
}

/// The row whose code cells (类/款/项 columns joined) read `code`.
fn row_by_code<'a>(t: &'a DisclosureTable, code: &str) -> &'a budget_workbench::model::TableRow {
    let code_columns: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.meaning == ColumnMeaning::Code)
        .map(|(i, _)| i)
        .collect();
    t.rows
        .iter()
        .find(|r| code_columns.iter().map(|&i| r.text(i)).collect::<String>() == code)
        .unwrap_or_else(|| panic!("no row {code} in {}", t.title))
}

fn cell<'a>(
    t: &'a DisclosureTable,
    row: &'a budget_workbench::model::TableRow,
    meaning: ColumnMeaning,
) -> &'a str {
    row.text(
        t.column(meaning)
            .unwrap_or_else(|| panic!("no {meaning:?} column in {}", t.title)),
    )
}

#[test]
fn changchun_department_year_and_standard_tables() {
    let ws = import("changchun-xinfang-2026.pdf");
    // Cover, p1: 长春市信访局（本级） / 2026年度部门预算公开.
    assert_eq!(ws.meta.department, "长春市信访局（本级）");
    assert_eq!(ws.meta.year, Some(2026));
    assert_eq!(
        ws.meta.extra.get("budget_kind").and_then(|v| v.as_str()),
        Some("部门")
    );
    for kind in [
        TableKind::BudgetSummary,
        TableKind::ExpenditureSummary,
        TableKind::FiscalSummary,
        TableKind::GeneralPublicFunctional,
        TableKind::BasicEconomic,
        TableKind::ThreePublic,
    ] {
        assert_eq!(table(&ws, kind).unit, "万元", "{kind:?}");
    }
    // p6 收支总表（预算表 1）.
    let summary = table(&ws, TableKind::BudgetSummary);
    assert_eq!(summary.pages, vec![6]);
    assert_eq!(summary.number, "预算表1");
    // p11 预算表 6: 301 工资福利支出 911.21; 30101 基本工资 297.50.
    let economic = table(&ws, TableKind::BasicEconomic);
    assert_eq!(economic.pages, vec![11]);
    let wages = row_by_code(economic, "301");
    assert_eq!(cell(economic, wages, ColumnMeaning::Total), "911.21");
    assert_eq!(wages.page, 11);
    assert_eq!(
        cell(
            economic,
            row_by_code(economic, "30101"),
            ColumnMeaning::Total
        ),
        "297.50"
    );
}

#[test]
fn changchun_amounts_that_wrap_inside_ruled_cells_are_whole() {
    // p10 预算表 5 prints 1682.7 / 6 on two lines of one cell: the total is 1682.76.
    let ws = import("changchun-xinfang-2026.pdf");
    let functional = table(&ws, TableKind::GeneralPublicFunctional);
    let first = &functional.rows[0];
    assert_eq!(first.text(2), "1682.76");
    let admin = row_by_code(functional, "2014001");
    assert_eq!(admin.text(2), "903.85");
    let general = row_by_code(functional, "201");
    assert_eq!(general.text(2), "1378.41");
}

#[test]
fn shanghai_unit_budget_in_yuan_with_split_codes() {
    let ws = import("shanghai-xinfang-2026.pdf");
    // p1: 上海市2026年市级单位预算 / 预算单位：上海市信访办公室.
    assert_eq!(ws.meta.department, "上海市信访办公室");
    assert_eq!(ws.meta.year, Some(2026));
    assert_eq!(
        ws.meta.extra.get("budget_kind").and_then(|v| v.as_str()),
        Some("单位")
    );
    // p13–14: the functional table in 元, over a page break, 类/款/项 in three columns.
    let functional = table(&ws, TableKind::GeneralPublicFunctional);
    assert_eq!(functional.unit, "元");
    assert_eq!(functional.pages, vec![13, 14]);
    let admin = row_by_code(functional, "2014001");
    assert_eq!(cell(functional, admin, ColumnMeaning::Total), "39,590,540");
    assert_eq!(cell(functional, admin, ColumnMeaning::Basic), "39,590,540");
    // p14 行政单位医疗 continues the table after the repeated header.
    let medical = row_by_code(functional, "2101101");
    assert_eq!(medical.page, 14);
    assert_eq!(cell(functional, medical, ColumnMeaning::Total), "1,960,000");
    // p19 三公 table in 万元 while the others are in 元.
    assert_eq!(table(&ws, TableKind::ThreePublic).unit, "万元");
    // p6 prose: 收入预算28,828万元; the 三公 total 84.00 (p20).
    assert_eq!(
        ws.overview.revenue.total.as_ref().map(|a| a.text()),
        Some("28,828")
    );
    assert_eq!(
        ws.three_public.total.as_ref().map(|a| a.text()),
        Some("84.00")
    );
    let place = ws
        .provenance
        .get("/overview/revenue/total")
        .expect("provenance");
    assert_eq!(place.page, 6);
}

#[test]
fn the_source_text_keeps_every_page_without_page_numbers() {
    let ws = import("changchun-xinfang-2026.pdf");
    assert_eq!(ws.source.pages.len(), 21);
    let p11 = &ws.source.pages[10];
    assert_eq!(p11.number, 11);
    assert!(
        p11.lines
            .iter()
            .any(|l| l == "30101 基本工资 297.50 297.50 297.50 0.00 0.00 0.00 0.00")
    );
    // No page is left with a bare printed page number.
    for page in &ws.source.pages {
        for line in &page.lines {
            assert!(
                line.trim().parse::<u32>().is_err(),
                "page {} keeps {line}",
                page.number
            );
        }
    }
}

#[test]
fn a_request_form_is_refused_with_what_was_found() {
    let err = import_file(&fixture("jinan-request-form.pdf")).unwrap_err();
    assert!(err.message.starts_with("not a budget"), "{err}");
    assert!(err.message.contains("申请表"), "{err}");
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with a correct xref table.
fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF with no text at all, as a scanner makes it (image left out).
fn textless_pdf() -> Vec<u8> {
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        "<< /Length 0 >>\nstream\n\nendstream".to_string(),
    ])
}

#[test]
fn a_pdf_without_a_text_layer_is_called_scanned() {
    let err: ImportError = import_pdf(&textless_pdf(), "scan.pdf").unwrap_err();
    assert!(
        err.message.starts_with("scanned PDF: no text layer"),
        "{err}"
    );
    assert!(err.message.contains("OCR is not supported"), "{err}");
}

#[test]
fn damaged_pdfs_are_refused_never_a_panic() {
    let good = std::fs::read(fixture("changchun-xinfang-2026.pdf")).unwrap();
    let cases: Vec<Vec<u8>> = vec![
        b"%PDF-1.7\n".to_vec(),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
        good[..good.len() / 3].to_vec(),
        good.iter()
            .enumerate()
            .map(|(i, b)| if i % 997 == 0 { b ^ 0x5a } else { *b })
            .collect(),
        b"not a pdf at all".to_vec(),
    ];
    for bytes in cases {
        // Either a workspace or an error; the test fails on a panic.
        let _ = import_pdf(&bytes, "damaged.pdf");
    }
    let err = import_pdf(b"not a pdf at all", "x.pdf").unwrap_err();
    assert!(err.message.contains("damaged or unreadable PDF"), "{err}");
}

#[test]
fn import_is_byte_stable_and_the_cli_refuses_non_budgets_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_budget-workbench");
    let mut outputs = Vec::new();
    for n in 0..2 {
        let out = dir.path().join(format!("ws{n}.json"));
        let status = Command::new(bin)
            .args(["import"])
            .arg(fixture("changchun-xinfang-2026.pdf"))
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    let refused = Command::new(bin)
        .args(["import"])
        .arg(fixture("jinan-request-form.pdf"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a budget"));
}

/// A one-page PDF with a line of text in a standard font.
fn text_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ])
}

#[test]
fn a_pdf_with_text_but_no_budget_is_not_a_budget() {
    let err = import_pdf(&text_pdf("Quarterly report 2026"), "report.pdf").unwrap_err();
    assert!(err.message.starts_with("not a budget"), "{err}");
    assert!(err.message.contains("Quarterly report 2026"), "{err}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any corruption of a PDF gives a workspace or an error, never a panic.
    #[test]
    fn corrupted_pdfs_never_panic(
        flips in proptest::collection::vec((0usize..2000, proptest::num::u8::ANY), 1..12),
        cut in 0usize..2000,
    ) {
        let mut bytes = text_pdf("收支总表 2026");
        for (at, byte) in flips {
            let len = bytes.len();
            bytes[at % len] = byte;
        }
        let cut = cut.min(bytes.len());
        let _ = import_pdf(&bytes[..cut.max(bytes.len() / 2)], "fuzz.pdf");
        let _ = import_pdf(&bytes, "fuzz.pdf");
    }
}

#[test]
fn changchun_three_public_table_keeps_every_column_and_its_note() {
    // p12 预算表7: seventeen figures under a five-line header, then 说明： with two remarks.
    let ws = import("changchun-xinfang-2026.pdf");
    let three = table(&ws, TableKind::ThreePublic);
    assert_eq!(three.rows.len(), 1, "{:?}", three.rows);
    let row = &three.rows[0];
    assert_eq!(row.cells.len(), 17);
    let figures: Vec<&str> = (0..17).map(|i| row.text(i)).collect();
    assert_eq!(
        &figures[..9],
        [
            "7.61", "7.61", "0.00", "0.00", "0.00", "6.75", "0.00", "6.75", "0.86"
        ]
    );
    assert!(
        three.note.contains("1、“本年预算数”的单位范围"),
        "{}",
        three.note
    );
    assert!(
        three.note.contains("2、“本年预算数”的实有人员72人"),
        "{}",
        three.note
    );
    // The remark is the table's, not a duty of the department.
    assert!(
        ws.profile
            .duties
            .iter()
            .all(|d| !d.text.contains("实有人员"))
    );
}

#[test]
fn chongqing_run_in_headings_give_their_figures_and_pages() {
    let ws = import("chongqing-bangongting-2026.pdf");
    let text =
        |a: &Option<budget_workbench::model::Amount>| a.as_ref().map(|a| a.text().to_string());
    // p2: `（一）收入预算。2026 年年初预算数 19,230.18 万元`; p3: `（二）支出预算。…19,230.18 万元`.
    assert_eq!(
        text(&ws.overview.revenue.total).as_deref(),
        Some("19,230.18")
    );
    assert_eq!(
        text(&ws.overview.expenditure.total).as_deref(),
        Some("19,230.18")
    );
    // p4: `（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 1,815 万元` under 五、其他重要事项.
    assert_eq!(text(&ws.running_costs.total).as_deref(), Some("1,815"));
    assert_eq!(ws.running_costs.heading, "（一）机关运行经费");
    // The same figure stated for 收入 and for 支出 is traced to each one's own line.
    let page = |p: &str| ws.provenance.get(p).map(|s| s.page);
    assert_eq!(page("/overview/revenue/total"), Some(2));
    assert_eq!(page("/overview/expenditure/total"), Some(3));
    assert_eq!(page("/running_costs/total"), Some(4));
    // Each numbered topic of 五、其他重要事项 goes to its own section (`（二）政府采购情况。…`),
    // and a topic with no section of its own stays under 其他重要事项.
    assert_eq!(ws.procurement.heading, "（二）政府采购情况");
    assert!(ws.procurement.paragraphs[0].contains("政府采购预算总额 4,542.69 万元"));
    assert!(
        ws.other_notes
            .paragraphs
            .iter()
            .any(|p| p.starts_with("（三）绩效目标设置情况。"))
    );
}

#[test]
fn guangzhou_goal_column_keeps_short_lines_and_the_note_under_the_summary() {
    let ws = import("guangzhou-xuanchuanbu-2026.pdf");
    // p5: `本套报表金额单位转换时可能存在尾数误差。` under the 收支总表 rows is its note.
    let summary = table(&ws, TableKind::BudgetSummary);
    assert!(
        summary
            .note
            .ends_with("本套报表金额单位转换时可能存在尾数误差。"),
        "{}",
        summary.note
    );
    let last = summary.rows.last().expect("rows");
    assert_eq!(last.text(0), "收入总计");
    let projects = &ws.performance.projects;
    let named = |name: &str| {
        projects
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no project {name}"))
    };
    // p21: the goal's last line `性采编人才。` is in the 绩效目标 column, not the figures'.
    let tv = named("2026年市广播电视台采编成本补助");
    assert_eq!(tv.budget.total.as_ref().map(|a| a.text()), Some("762.00"));
    assert!(
        tv.goals[0].ends_with("培育创新性采编人才。"),
        "{:?}",
        tv.goals
    );
    // p21: a project row named 无 with 40.00 and goal 无 is a row of its own.
    let none = named("无");
    assert_eq!(none.budget.total.as_ref().map(|a| a.text()), Some("40.00"));
    assert_eq!(none.goals, ["无"]);
    assert!(named("2026年新闻工作经费").goals[0].ends_with("健康有序发展。"));
    // 42 projects in 表12 (p19–24) and 3 in the 重点项目 table (p27).
    assert_eq!(projects.len(), 45);
}

#[test]
fn a_figure_touching_the_next_cell_is_its_own_column() {
    // 广州宣传部 表12 (p19–24): the 其他资金 figure `0.00` touches the 绩效目标 text beside it
    // (`0.00持续做好…` with no gap), and the header prints `财政专 其他资` / `户拨款 金` over two
    // columns. Each figure belongs under 其他资金; no goal starts with or holds one.
    let ws = import("guangzhou-xuanchuanbu-2026.pdf");
    let t = table(&ws, TableKind::ProjectExpenditure);
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels.len(), 9, "{labels:?}");
    assert_eq!(labels[6], "财政专/户拨款");
    assert_eq!(labels[7], "其他资/金");
    assert_eq!(labels[8], "绩效目标");
    for row in &t.rows {
        assert_eq!(row.text(7), "0.00", "p{} {:?}", row.page, row.cells);
        assert!(
            !row.text(8).contains("0.00"),
            "p{} {}",
            row.page,
            row.text(8)
        );
    }
    let tv = ws
        .performance
        .projects
        .iter()
        .find(|p| p.name == "市委宣传部2024年-2025年信息化运维项目")
        .expect("the first project");
    assert!(tv.goals[0].starts_with("持续做好"), "{:?}", tv.goals);
}

#[test]
fn figures_right_aligned_under_centred_header_words_keep_their_columns() {
    // 上海信访 p19, the 三公 table without rules: `84.00` stands right of and below `合计`,
    // `49.00` below `小计`, 购置费 is blank, then 运行费 49.00 and 机关运行经费预算数 1,067.92.
    let ws = import("shanghai-xinfang-2026.pdf");
    let t = table(&ws, TableKind::ThreePublic);
    let row = &t.rows[0];
    let under = |word: &str| {
        let c = t
            .columns
            .iter()
            .position(|c| c.label.ends_with(word))
            .unwrap_or_else(|| panic!("no column {word}: {:?}", t.columns));
        row.text(c).to_string()
    };
    assert_eq!(t.columns.len(), 7, "{:?}", t.columns);
    assert_eq!(under("合计"), "84.00");
    assert_eq!(under("因公出国(境)费"), "30.00");
    assert_eq!(under("公务接待费"), "5.00");
    assert_eq!(under("小计"), "49.00");
    assert_eq!(under("购置费"), "");
    assert_eq!(under("运行费"), "49.00");
    assert_eq!(under("算数"), "1,067.92");
    // p8, 收入预算总表: 事业收入, 事业单位经营收入 and 其他收入 are three blank columns, not
    // one column named after all of them; 267,027,339 is 财政拨款收入.
    let income = table(&ws, TableKind::IncomeSummary);
    let labels: Vec<&str> = income.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels[4..],
        [
            "合计",
            "财政拨款收入",
            "收入预算/事业收入",
            "事业单位/经营收入",
            "其他收入"
        ]
    );
    assert_eq!(income.rows[0].text(5), "267,027,339");
}

#[test]
fn codes_left_of_a_centred_header_are_that_header_s_column() {
    // 长春 预算表6 p11: the codes (`301`, `30101`) start at the left edge, left of the centred
    // `科目编码`; they are its column, not a column of their own.
    let ws = import("changchun-xinfang-2026.pdf");
    let t = table(&ws, TableKind::BasicEconomic);
    assert_eq!(t.columns[0].label, "科目编码");
    assert_eq!(t.columns[0].meaning, ColumnMeaning::Code);
    assert_eq!(t.rows[1].text(0), "301");
    assert_eq!(t.rows[1].text(1), "工资福利支出");
}

#[test]
fn profile_parts_that_are_not_duties_keep_their_headings() {
    // p3: 一、主要职责 (one sentence, no numbered duties), 二、部门机构设置, 三、部门预算构成.
    let ws = import("guangzhou-xuanchuanbu-2026.pdf");
    assert_eq!(ws.profile.heading, "一、主要职责");
    assert!(ws.profile.duties.is_empty(), "{:?}", ws.profile.duties);
    let paragraphs = &ws.profile.paragraphs;
    let at = |text: &str| paragraphs.iter().position(|p| p == text);
    let offices = at("二、部门机构设置").expect("机构设置 heading kept");
    let units = at("三、部门预算构成").expect("预算构成 heading kept");
    assert!(offices < units);
    assert!(paragraphs[units + 1].starts_with("本部门预算为汇总预算"));
}

#[test]
fn columns_set_apart_from_page_to_page_stay_apart() {
    // 广州卫健委 表12 (p31–113): each page sets the columns a little apart (其他资金 ends at
    // 565.4 pt on p31, at 548.0 on p61), the goal text starts where 其他资金 ends on another
    // page, and on p43 `0.00 43,250.56` touches the goal (`…0.00 43,250.56善医院…`). On
    // p33 a name's wrapped line (`项目`) stands left of its first. Every figure stays under
    // its own word: each row adds up, and no goal holds a figure pair.
    let ws = import("guangzhou-weijianwei-2026.pdf");
    let t = table(&ws, TableKind::ProjectExpenditure);
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels.len(), 9, "{labels:?}");
    assert_eq!(&labels[6..], ["财政专/户拨款", "其他资金", "绩效目标"]);
    // The header wraps its words in their cells: `一般公共预` / `算` is 一般公共预算.
    let meanings: Vec<ColumnMeaning> = t.columns.iter().map(|c| c.meaning).collect();
    assert_eq!(
        meanings[3..6],
        [
            ColumnMeaning::GeneralPublic,
            ColumnMeaning::GovernmentFund,
            ColumnMeaning::StateCapital
        ]
    );
    let figure = |row: &budget_workbench::model::TableRow, i: usize| {
        row.cells[i]
            .as_ref()
            .and_then(|a| a.value())
            .unwrap_or_else(|| panic!("p{} column {i}: {:?}", row.page, row.cells))
    };
    assert!(t.rows.len() > 500, "{}", t.rows.len());
    for row in &t.rows {
        // 总计 = 合计 + 财政专户拨款 + 其他资金; 合计 = the three 财政拨款 columns.
        assert_eq!(
            figure(row, 1),
            figure(row, 2) + figure(row, 6) + figure(row, 7),
            "p{} {:?}",
            row.page,
            row.cells
        );
        assert_eq!(
            figure(row, 2),
            figure(row, 3) + figure(row, 4) + figure(row, 5),
            "p{} {:?}",
            row.page,
            row.cells
        );
        assert!(
            !row.text(8).contains("0.00 "),
            "p{} {}",
            row.page,
            row.text(8)
        );
    }
    // p40: 广州市胸科医院's 医疗业务支出, 43,250.56 万元 all 其他资金.
    let row = t
        .rows
        .iter()
        .find(|r| r.page == 40 && r.text(0) == "医疗业务支出")
        .expect("p40 医疗业务支出");
    assert_eq!(row.text(7), "43,250.56");
    assert!(
        row.text(8)
            .starts_with("通过开展医疗业务支出项目，保障医疗物资供应，改善医院环境")
    );
}

#[test]
fn last_year_s_column_is_not_this_year_s_total() {
    // 重庆办公厅 p15: 2026年一般公共预算支出情况表 prints `2025年预算数` (15,635.80 in 合计)
    // before 2026's 总计 (18,417.70). The earlier year is there to compare with.
    let ws = import("chongqing-bangongting-2026.pdf");
    let t = ws
        .tables
        .iter()
        .find(|t| t.title.contains("一般公共预算支出情况表"))
        .expect("the table on p15");
    let total = t.column(ColumnMeaning::Total).expect("a total column");
    assert_eq!(t.rows[0].text(total), "18,417.70", "{:?}", t.columns);
    let earlier = t
        .columns
        .iter()
        .find(|c| c.label.starts_with("2025年"))
        .unwrap();
    assert_eq!(earlier.meaning, ColumnMeaning::Other);
}

#[test]
fn a_cell_line_starting_with_zhu_is_not_a_note() {
    // 广州卫健委 表12 p52: `南沙医院急诊科中心` / `注射室更新改造项目` is one project's name,
    // its goal `…全部` / `改造内容，提升医疗就医环境。`; the table's note is only `注：…`.
    let ws = import("guangzhou-weijianwei-2026.pdf");
    let t = table(&ws, TableKind::ProjectExpenditure);
    assert_eq!(t.note, "注：根据各单位实际预算编制情况编列。");
    let row = t
        .rows
        .iter()
        .find(|r| r.text(0) == "南沙医院急诊科中心注射室更新改造项目")
        .expect("p52 project");
    assert_eq!((row.page, row.text(1)), (52, "99.64"));
    assert!(
        row.text(8)
            .ends_with("完成临床科室提出来的全部改造内容，提升医疗就医环境。")
    );
}

#[test]
fn an_untitled_project_list_is_read_as_projects_not_kept_as_notes() {
    // 广州宣传部 p27 (重点项目绩效目标, a 项目 / 预算数 / 绩效目标 list with no table title):
    // its projects are read, and its lines are not also left over as unplaced text.
    let ws = import("guangzhou-xuanchuanbu-2026.pdf");
    let listed = ws
        .performance
        .projects
        .iter()
        .find(|p| p.name == "广州游戏电竞产业扶持资金")
        .expect("the list's first project");
    assert!(listed.goals[0].starts_with("加快落实省、市关于推动游戏电竞工作高"));
    for note in &ws.notes {
        assert!(
            !note.text.contains("预算数（单位：万元）") && !note.text.contains("游戏电竞"),
            "{}",
            note.text
        );
    }
}
