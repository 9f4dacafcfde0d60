//! The importer against the seed document and variants of it.

use std::path::PathBuf;

use budget_workbench::import::{import_file, import_text};
use budget_workbench::store;

const SEED: &str = include_str!("../sample-data/fagaiju-2021.txt");

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/fagaiju-2021.json")
}

/// `UPDATE_SAMPLE=1 cargo test --test import regenerate` rewrites the sample from the seed.
#[test]
fn regenerate() {
    if std::env::var("UPDATE_SAMPLE").is_err() {
        return;
    }
    let outcome = import_text(SEED, "fagaiju-2021.txt").expect("seed imports");
    std::fs::write(sample_path(), store::to_json(&outcome.workspace)).expect("write sample");
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
}

fn import(text: &str) -> budget_workbench::model::Workspace {
    import_text(text, "fagaiju-2021.txt")
        .expect("imports")
        .workspace
}

fn seed() -> budget_workbench::model::Workspace {
    import(SEED)
}

#[test]
fn seed_gives_exactly_the_sample() {
    let outcome = import_text(SEED, "fagaiju-2021.txt").expect("seed imports");
    let sample_text = std::fs::read_to_string(sample_path()).expect("sample exists");
    let sample = store::parse_str(&sample_text, "fagaiju-2021.json").expect("sample loads");
    assert_eq!(outcome.workspace, sample);
    assert_eq!(store::to_json(&outcome.workspace), sample_text);
    assert_eq!(store::SAMPLE_JSON, sample_text);
    // The seed is fully placed: no leftovers.
    assert!(
        outcome.workspace.notes.is_empty(),
        "{:?}",
        outcome.workspace.notes
    );
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
}

/// Counts the graded indicators of the matrix straight from the text: every table row of
/// the matrix whose last five cells (indicator and 优/良/中/差) are not all blank.
fn count_matrix_rows(text: &str) -> usize {
    let start = text
        .find("部门职责-工作活动绩效目标")
        .expect("matrix title");
    let end = text
        .find("六、政府采购预算情况")
        .expect("procurement heading");
    text[start..end]
        .split("\n\n")
        .filter(|block| !block.contains("\t评价标准") && !block.contains("\t优\n"))
        .filter(|block| {
            let cells: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix('\t')).collect();
            cells.len() >= 5
                && cells[cells.len() - 5..]
                    .iter()
                    .any(|c| !c.trim().is_empty())
        })
        .count()
}

#[test]
fn spot_checks_against_the_seed() {
    let ws = seed();
    assert_eq!(ws.meta.title, "发改局部门预算情况说明");
    assert_eq!(ws.meta.department, "发改局");
    assert_eq!(ws.meta.year, Some(2021));

    // Profile: 16 numbered duties; the matrix has 12 duty rows (十二–十四 are absent there)
    // and 15 work activities.
    assert_eq!(ws.profile.level, "副县级");
    assert_eq!(ws.profile.nature, "行政");
    assert_eq!(ws.profile.funding_form, "财政拨款");
    assert_eq!(ws.profile.offices.len(), 5);
    assert_eq!(ws.profile.duties.len(), 16);
    let matrix = &ws.performance.matrix;
    assert_eq!(matrix.duties.len(), 12);
    assert_eq!(ws.activities().count(), 15);
    let numbers: Vec<&str> = matrix.duties.iter().map(|d| d.number.as_str()).collect();
    assert_eq!(numbers.last(), Some(&"十五"));
    assert_eq!(matrix.footnote_refs, vec!["1".to_string()]);
    assert_eq!(matrix.unit, "万元");

    // Project tables.
    let projects = &ws.performance.projects;
    assert_eq!(projects.len(), 8);
    assert_eq!(projects[0].code, "000-9999-JSN-XN2D");
    assert_eq!(projects[0].name_label, "专项资金名称");
    assert_eq!(projects[3].name_label, "项目名称");
    assert!(
        projects
            .iter()
            .all(|p| p.code.len() == 17 && p.code.contains('-'))
    );
    assert_eq!(projects[1].spending_plan.march, None);
    assert_eq!(
        projects[1].spending_plan.june.as_ref().map(|a| a.text()),
        Some("30.00")
    );
    assert_eq!(projects[0].goals, vec!["1、按时发放", "2、发放完成"]);
    let supervise = &projects[5].indicators;
    assert_eq!(supervise.len(), 7);
    assert_eq!(supervise[5].value, "≥3次 ");
    assert_eq!(supervise[5].level1, "效果指标");
    assert_eq!(
        supervise[1].level1, "产出指标",
        "carried down through a merged cell"
    );
    assert_eq!(projects[0].indicators[0].name, "按时发放 ");
    let split_row = &projects[6].indicators[2];
    assert_eq!(split_row.name, "编制覆盖率");
    assert_eq!(split_row.value, "≥90%");
    assert_eq!(projects[6].indicators[4].basis, "");

    // Graded indicators: the same count as the matrix rows in the text.
    let graded = ws.graded_indicators().count();
    assert_eq!(graded, count_matrix_rows(SEED));
    assert_eq!(graded, 58);
    let find = |name: &str| {
        ws.activities()
            .flat_map(|(_, a)| a.indicators.iter())
            .find(|i| i.name == name)
            .cloned()
            .expect(name)
    };
    assert_eq!(
        find("用户数量").standards(),
        ["1万家", "8千家", "6千家", "3千家"]
    );
    assert_eq!(
        find("文件档案管理").standards(),
        ["档案整理齐全", "", "", "档案未整理"]
    );
    let multi_line = &matrix.duties[5].activities[0];
    assert!(multi_line.content.starts_with("改造提升全县传统产业水平"));
    assert_eq!(multi_line.content.lines().count(), 5);
    assert_eq!(multi_line.indicators.len(), 7);

    // Figures.
    let o = &ws.overview;
    assert_eq!(o.revenue.total.as_ref().map(|a| a.text()), Some("1377.92"));
    assert_eq!(o.revenue.sources[0].name, "一般公共预算拨款");
    assert_eq!(
        o.expenditure.personnel.as_ref().map(|a| a.text()),
        Some("580.17")
    );
    assert_eq!(
        o.expenditure.public_admin.as_ref().map(|a| a.text()),
        Some("29.41")
    );
    assert_eq!(
        o.expenditure.projects.as_ref().map(|a| a.text()),
        Some("768.34")
    );
    assert_eq!(o.expenditure.change, "增加27.82%");
    let r = &ws.running_costs;
    assert_eq!(r.items.len(), 11);
    assert_eq!(r.items[0].name, "办公费");
    assert_eq!(r.items[5].name, "公务用车运行维护费");
    assert_eq!(r.items[5].amount.as_ref().map(|a| a.text()), Some("4.5"));
    assert_eq!(r.items[10].amount.as_ref().map(|a| a.text()), Some("0.36"));
    let t = &ws.three_public;
    assert_eq!(t.total.as_ref().map(|a| a.text()), Some("6"));
    assert_eq!(t.items.len(), 3);
    assert_eq!(t.items[0].children.len(), 2);
    assert!(t.items.iter().all(|i| i.change == "与上年持平"));
    let goals = &ws.performance.itemised_goals.items;
    assert_eq!(goals.len(), 3);
    assert_eq!(goals[0].computations.len(), 4);
    assert_eq!(
        goals[0].stated_total.as_ref().map(|a| a.text()),
        Some("450")
    );
    let coal = &goals[1].computations[0];
    assert_eq!(coal.quantity.as_ref().map(|a| a.text()), Some("3118.5"));
    assert_eq!(coal.unit_price_unit, "元/吨");
    assert_eq!(coal.amount.as_ref().map(|a| a.text()), Some("220"));

    // Procurement and assets.
    let p = &ws.procurement;
    assert_eq!(p.department, "107发改局");
    assert_eq!(p.rows.len(), 2);
    assert_eq!(
        (p.rows[0].item.as_str(), p.rows[0].catalogue_code.as_str()),
        ("桌", "A060206")
    );
    assert_eq!(
        (p.rows[1].item.as_str(), p.rows[1].catalogue_code.as_str()),
        ("椅", "A060303")
    );
    assert_eq!(p.subtotals[0].label, "发改局小计");
    assert!(p.stated_total.is_some());
    let a = &ws.assets;
    assert_eq!(a.total.value.as_ref().map(|v| v.text()), Some("52.606911"));
    assert_eq!(a.total.quantity.as_ref().map(|v| v.text()), Some("- -"));
    let general = &a.categories[1];
    assert_eq!(
        (general.number.as_str(), general.name.as_str()),
        ("二", "通用设备")
    );
    let car = &general.of_which[0];
    assert_eq!(car.name, "汽车");
    assert_eq!(car.quantity.as_ref().map(|v| v.text()), Some("1"));
    assert_eq!(car.value.as_ref().map(|v| v.text()), Some("7.021627"));
    let relics = &a.categories[3];
    assert_eq!(relics.of_which.len(), 2);
    assert_eq!(relics.of_which[1].name, "陈列品");
    assert_eq!(relics.value, None);
    assert_eq!(a.paragraphs.len(), 1);

    assert_eq!(ws.glossary.entries.len(), 3);
    assert_eq!(ws.glossary.entries[2].term, "机关运行费");
    assert_eq!(ws.footnotes.len(), 1);
    assert!(
        ws.footnotes[0]
            .text
            .starts_with("备注：表中的年度预算数为项目支出")
    );
    assert_eq!(ws.other_notes.paragraphs.len(), 1);
}

#[test]
fn crlf_and_bom_give_the_same_workspace() {
    let crlf = SEED.replace('\n', "\r\n");
    assert_eq!(import(&crlf), seed());
    assert_eq!(import(&format!("\u{feff}{crlf}")), seed());
}

#[test]
fn extra_blank_lines_give_the_same_workspace() {
    let mut text = String::new();
    for line in SEED.lines() {
        text.push_str(line);
        text.push('\n');
        // After every paragraph line and every row break; a lone tab is a blank cell.
        if !line.starts_with('\t') {
            text.push('\n');
        }
    }
    assert_eq!(import(&text), seed());
}

/// The seed cut at its nine section headings (block 0 is the title).
fn blocks() -> Vec<String> {
    let headings = [
        "一、部门职责",
        "二、部门预算总体情况",
        "三、机关运行经费",
        "四、“三公”经费",
        "五、绩效信息",
        "六、政府采购预算情况",
        "七、国有资产预算情况",
        "八、名词解释",
        "九、其他情况说明",
    ];
    let mut out = vec![String::new()];
    for line in SEED.lines() {
        if headings.iter().any(|h| line.starts_with(h)) {
            out.push(String::new());
        }
        let last = out.last_mut().expect("a block");
        last.push_str(line);
        last.push('\n');
    }
    assert_eq!(out.len(), 10);
    out
}

#[test]
fn a_removed_section_is_empty_and_the_rest_intact() {
    let b = blocks();
    let without: String = b
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 4)
        .map(|(_, s)| s.as_str())
        .collect();
    let ws = import(&without);
    let full = seed();
    assert_eq!(ws.three_public, Default::default());
    assert_eq!(ws.profile, full.profile);
    assert_eq!(ws.overview, full.overview);
    assert_eq!(ws.running_costs, full.running_costs);
    assert_eq!(ws.performance, full.performance);
    assert_eq!(ws.procurement, full.procurement);
    assert_eq!(ws.assets, full.assets);
    assert_eq!(ws.glossary, full.glossary);
    assert_eq!(ws.meta, full.meta);
}

#[test]
fn reordered_sections_give_the_same_workspace() {
    let b = blocks();
    let order = [0, 1, 5, 2, 3, 4, 8, 9, 6, 7];
    let text: String = order.iter().map(|&i| b[i].as_str()).collect();
    assert_eq!(import(&text), seed());
}

#[test]
fn a_duplicated_project_table_is_one_more_table() {
    let start = SEED.find("[bookmark: _Toc42586643]2、").expect("table 2");
    let end = SEED.find("[bookmark: _Toc42586644]3、").expect("table 3");
    let copy = SEED[start..end]
        .replace("000-9999-JSN-60RT", "000-9999-JSN-COPY")
        .replace("普查、调查专项经费", "复制的专项经费");
    let text = format!("{}{}{}", &SEED[..end], copy, &SEED[end..]);
    let ws = import(&text);
    let full = seed();
    let projects = &ws.performance.projects;
    assert_eq!(projects.len(), 9);
    assert_eq!(projects[2].code, "000-9999-JSN-COPY");
    assert_eq!(projects[2].name, "复制的专项经费");
    assert_eq!(projects[2].title, "复制的专项经费绩效目标表");
    assert_eq!(
        projects[2].indicators,
        full.performance.projects[1].indicators
    );
    assert_eq!(projects[3], full.performance.projects[2]);
    assert_eq!(ws.performance.matrix, full.performance.matrix);
}

#[test]
fn a_table_without_its_title_is_still_found() {
    let text = SEED.replace(
        "[bookmark: _Toc42586644]3、企业突出贡献奖绩效目标表\n",
        "\n",
    );
    let ws = import(&text);
    let full = seed();
    assert_eq!(ws.performance.projects.len(), 8);
    let untitled = &ws.performance.projects[2];
    assert_eq!(untitled.title, "");
    assert_eq!(untitled.code, "000-9999-JSN-40R6");
    assert_eq!(untitled.indicators, full.performance.projects[2].indicators);
    assert_eq!(ws.performance.projects[1], full.performance.projects[1]);
    // The only warning: a project table without a title is fine, nothing becomes a note.
    assert!(ws.notes.is_empty(), "{:?}", ws.notes);
}

#[test]
fn changed_numbers_are_read_with_separators() {
    let text = SEED
        .replace("1377.92", "1,388.00")
        .replace("580.17", "581.30");
    let ws = import(&text);
    let total = ws.overview.revenue.total.expect("revenue total");
    assert_eq!(total.text(), "1,388.00");
    assert_eq!(total.value(), Some(rust_decimal::Decimal::new(138800, 2)));
    assert_eq!(
        ws.overview.expenditure.total.as_ref().map(|a| a.text()),
        Some("1,388.00")
    );
    assert_eq!(
        ws.overview.expenditure.personnel.as_ref().map(|a| a.text()),
        Some("581.30")
    );
    assert_eq!(
        ws.overview.revenue.sources[0]
            .amount
            .as_ref()
            .map(|a| a.text()),
        Some("1,388.00")
    );
}

/// Swaps full-width numbering and colons for half-width ones: （一）→(一), 、→. after a
/// leading number, ：→:.
fn half_width(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line
            .replace('（', "(")
            .replace('）', ")")
            .replace('：', ":");
        let body = line.trim_start_matches(['\t', '\u{3000}', ' ']);
        let numeral_end = body
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
            .map(|(i, _)| i);
        if let Some(i) = numeral_end
            && i > 0
            && (body[i..].starts_with('、') || body[i..].starts_with('．'))
        {
            let prefix = line.len() - body.len() + i;
            let sep_len = body[i..].chars().next().map_or(0, char::len_utf8);
            line.replace_range(prefix..prefix + sep_len, ".");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn half_width_punctuation_reads_the_same_structure() {
    let text = half_width(SEED);
    assert!(text.contains("(一)公务用车购置及运行费"));
    assert!(text.contains("\u{3000}\u{3000}1.经济社会发展"));
    let ws = import(&text);
    let full = seed();
    assert_eq!(ws.meta, full.meta);
    assert_eq!(ws.profile.duties.len(), 16);
    assert_eq!(ws.profile.duties_heading, "发改局主要职责:");
    assert_eq!(ws.overview.revenue.total, full.overview.revenue.total);
    assert_eq!(
        ws.overview.expenditure.reason,
        full.overview.expenditure.reason
    );
    assert_eq!(ws.running_costs.items, full.running_costs.items);
    assert_eq!(ws.three_public.items.len(), 3);
    assert_eq!(ws.three_public.items[0].children.len(), 2);
    assert_eq!(ws.three_public.items[2].name, "因公出国(境)费");
    let goals = &ws.performance.itemised_goals.items;
    assert_eq!(goals.len(), 3);
    assert_eq!(
        goals[1].computations,
        full.performance.itemised_goals.items[1].computations
    );
    assert_eq!(ws.performance.projects.len(), 8);
    for (a, b) in ws
        .performance
        .projects
        .iter()
        .zip(&full.performance.projects)
    {
        assert_eq!(a.code, b.code);
        assert_eq!(a.number, b.number);
        assert_eq!(a.unit, "万元");
        assert_eq!(a.budget, b.budget);
        assert_eq!(a.spending_plan, b.spending_plan);
        assert_eq!(a.indicators.len(), b.indicators.len());
    }
    assert_eq!(ws.performance.matrix.duties.len(), 12);
    assert_eq!(ws.activities().count(), 15);
    assert_eq!(ws.procurement.rows, full.procurement.rows);
    assert_eq!(ws.assets.total, full.assets.total);
    assert_eq!(ws.assets.compiled_by, "发改局");
    assert_eq!(ws.assets.categories.len(), 6);
    assert_eq!(ws.glossary.entries.len(), 3);
    assert_eq!(ws.glossary.entries[0].term, "基本支出");
    assert!(ws.notes.is_empty(), "{:?}", ws.notes);
}

#[test]
fn text_that_is_no_budget_is_refused() {
    let poem = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n";
    let error = import_text(poem, "poem.txt").expect_err("a poem is no budget");
    assert!(
        error.message.contains("not a budget explanation"),
        "{error}"
    );
    assert!(error.to_string().starts_with("poem.txt: "));
    let json = store::SAMPLE_JSON;
    assert!(import_text(json, "sample.json").is_err());
    assert!(import_text("", "empty.txt").is_err());
    assert!(import_text("\n \n\t\n", "blank.txt").is_err());
}

#[test]
fn unplaceable_text_becomes_a_note_and_a_warning() {
    let text = SEED.replacen(
        "五、绩效信息\n",
        "五、绩效信息\n这一行不属于任何部分。\n",
        1,
    );
    let outcome = import_text(&text, "x.txt").expect("imports");
    let notes = &outcome.workspace.notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "这一行不属于任何部分。");
    assert_eq!(notes[0].line, Some(36));
    assert_eq!(outcome.warnings.len(), 1);
    assert_eq!(outcome.warnings[0].line, 36);
}

#[test]
fn files_are_read_as_utf8_with_clear_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("seed.txt");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(SEED.replace('\n', "\r\n").as_bytes());
    std::fs::write(&good, &bytes).expect("write");
    assert_eq!(
        import_file(&good).expect("imports").workspace.profile,
        seed().profile
    );

    let bad = dir.path().join("gbk.txt");
    let mut bytes = "一、部门职责\n第二行ab".as_bytes().to_vec();
    bytes.push(0xB7);
    bytes.extend(b"\n");
    std::fs::write(&bad, &bytes).expect("write");
    let error = import_file(&bad).expect_err("not UTF-8");
    assert_eq!((error.line, error.column), (Some(2), Some(6)));
    assert!(error.message.contains("not UTF-8"), "{error}");
    assert!(error.to_string().contains("gbk.txt:2:6:"), "{error}");

    let missing = dir.path().join("missing.txt");
    assert!(import_file(&missing).is_err());
    assert!(import_file(dir.path()).is_err());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn on_arbitrary_text(text in "(\\PC|\t|\n|\r|　|、|（|）|：){0,400}") {
            let _ = import_text(&text, "random.txt");
        }

        #[test]
        fn on_budget_like_fragments(parts in prop::collection::vec(
            prop::sample::select(vec![
                "一、部门职责", "五、绩效信息", "\t", "\t项目编码", "\t一级指标", "\t优", "\t差",
                "\t　　1、x", "\t一、y", "", "x", "1、z绩效目标表", "（一）a：5家，每家1万元",
                "\t合　计", "\t其中：汽车", "[footnoteRef:1] [1: n]", "[bookmark: a", "\t单位：万元",
                "六、政府采购预算情况", "七、国有资产预算情况", "\t1,2", "合计9万元",
            ]), 0..120)) {
            let _ = import_text(&parts.join("\n"), "fragments.txt");
        }

        #[test]
        fn on_the_seed_with_lines_deleted(keep in prop::collection::vec(any::<bool>(), 1681)) {
            let text: String = SEED
                .lines()
                .zip(keep.iter().chain(std::iter::repeat(&true)))
                .filter(|(_, k)| **k)
                .map(|(l, _)| format!("{l}\n"))
                .collect();
            let _ = import_text(&text, "deleted.txt");
        }
    }
}
