//! The seed document is the standard for completeness: nothing in it may be lost.
//! These tests read the published text itself and look for each line and figure in the
//! seed workspace, independently of the importer that produced it.

use budget_workbench::model::Workspace;
use budget_workbench::store;

const SEED_TEXT: &str = include_str!("../sample-data/fagaiju-2021.txt");

fn seed_text() -> String {
    SEED_TEXT.replace("\r\n", "\n")
}

fn workspace() -> Workspace {
    store::load(std::path::Path::new("sample-data/fagaiju-2021.json")).expect("seed workspace")
}

/// Every string in the saved workspace, one per line.
fn haystack(workspace: &Workspace) -> String {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(&store::to_json(workspace)).unwrap();
    let mut out = String::new();
    walk(&value, &mut out);
    out
}

fn trim_all(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Strips Word artefacts: `[bookmark: …]` and `[footnoteRef:N]`, keeping the footnote body.
fn without_artefacts(line: &str) -> String {
    let mut out = line.to_string();
    while let Some(start) = out.find("[bookmark:") {
        let Some(len) = out[start..].find(']') else {
            break;
        };
        out.replace_range(start..start + len + 1, "");
    }
    while let Some(start) = out.find("[footnoteRef:") {
        let Some(len) = out[start..].find(']') else {
            break;
        };
        out.replace_range(start..start + len + 1, "");
    }
    out
}

/// Leading numbering such as `一、`, `（一）`, `1、`, `1．`, `1.` — stored as a separate field.
fn without_numbering(text: &str) -> &str {
    let t = trim_all(text);
    let numerals = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if let Some(rest) = t.strip_prefix('（')
        && let Some(end) = rest.find('）')
        && rest[..end].chars().all(numerals)
    {
        return trim_all(&rest[end + '）'.len_utf8()..]);
    }
    let digits_end = t.find(|c: char| !numerals(c)).unwrap_or(t.len());
    if digits_end > 0 {
        let rest = &t[digits_end..];
        for sep in ["、", "．", "."] {
            if let Some(body) = rest.strip_prefix(sep) {
                return trim_all(body);
            }
        }
    }
    t
}

/// Table header labels: the workspace represents these as field names, not text.
const STRUCTURAL_LABELS: &[&str] = &[
    "单位：万元",
    "项目编码",
    "专项资金名称",
    "项目名称",
    "预算规模及资金用途",
    "预算数",
    "其中：财政资金",
    "其他资金",
    "资金支出计划（%）",
    "3月底",
    "6月底",
    "10月底",
    "12月底",
    "绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "指标值",
    "指标值确定依据",
    "职责活动",
    "年度预算数",
    "内容描述",
    "绩效指标",
    "评价标准",
    "优",
    "良",
    "中",
    "差",
    "政府采购项目来源",
    "采购物品名称",
    "政府采购目录序号",
    "数量  单位",
    "数量",
    "单价",
    "政府采购金额",
    "预算资金",
    "总计",
    "当年部门预算安排资金",
    "其他渠道资金",
    "合计",
    "一般公共预算拨款",
    "基金预算拨款",
    "财政专户核拨",
    "其他来源收入",
    "合　计",
    "项   目",
    "价值（金额单位：万元）",
];

#[test]
fn every_line_of_the_seed_is_in_the_workspace() {
    let ws = workspace();
    let hay = haystack(&ws);
    let mut missing = Vec::new();
    for (index, raw) in seed_text().lines().enumerate() {
        let line = without_artefacts(raw);
        let text = trim_all(&line);
        if text.is_empty() || STRUCTURAL_LABELS.contains(&text) {
            continue;
        }
        // A footnote body `[1: 备注：…]` follows its anchor and is stored as the footnote's text.
        let (text, footnote) = match text.find("[1:") {
            Some(at) => (
                trim_all(&text[..at]),
                Some(trim_all(text[at + "[1:".len()..].trim_end_matches(']'))),
            ),
            None => (text, None),
        };
        if let Some(body) = footnote
            && !hay.contains(body)
        {
            missing.push(format!("{}: footnote {}", index + 1, body));
        }
        let found = text.is_empty()
            || hay.contains(text)
            || hay.contains(without_numbering(text))
            // Cells such as `编制部门：发改局` are stored as the value after the label.
            || text
                .split_once('：')
                .is_some_and(|(_, value)| !value.is_empty() && hay.contains(trim_all(value)));
        if !found {
            missing.push(format!("{}: {}", index + 1, text));
        }
    }
    assert!(
        missing.is_empty(),
        "lines of the seed not in the workspace:\n{}",
        missing.join("\n")
    );
}

/// Number tokens such as `1377.92`, `3118.5`, `000`, `52.606911`.
fn number_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            tokens.push(current.trim_end_matches('.').to_string());
            current.clear();
        }
    }
    tokens
}

#[test]
fn every_figure_of_the_seed_is_in_the_workspace() {
    let ws = workspace();
    let hay_tokens: std::collections::HashSet<String> =
        number_tokens(&haystack(&ws)).into_iter().collect();
    let mut missing: Vec<String> = number_tokens(&without_artefacts(&seed_text()))
        .into_iter()
        .filter(|t| !hay_tokens.contains(t))
        .collect();
    missing.sort();
    missing.dedup();
    // Header labels (3月底 …) carry the only numbers that are structure, not data.
    missing.retain(|t| !["3", "6", "10", "12"].contains(&t.as_str()));
    assert!(
        missing.is_empty(),
        "figures of the seed not in the workspace: {missing:?}"
    );
}

/// The value after `label` in the prose, up to the next non-number character.
fn figure_after(text: &str, label: &str) -> String {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("{label} in seed"))
        + label.len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

#[test]
fn budget_figures_match_the_prose() {
    let ws = workspace();
    let text = seed_text();
    let text_of = |a: &Option<budget_workbench::model::Amount>| {
        a.as_ref().map(|a| a.text().to_string()).unwrap_or_default()
    };
    let e = &ws.overview.expenditure;
    assert_eq!(
        text_of(&ws.overview.revenue.total),
        figure_after(&text, "收入预算：")
    );
    assert_eq!(text_of(&e.personnel), figure_after(&text, "人员经费"));
    assert_eq!(
        text_of(&e.public_admin),
        figure_after(&text, "日常公用经费")
    );
    assert_eq!(text_of(&e.projects), figure_after(&text, "项目支出"));
    assert_eq!(text_of(&e.total), figure_after(&text, "合计总支出"));
    assert_eq!(
        text_of(&ws.running_costs.total),
        figure_after(&text, "安排机关运行经费")
    );
    assert_eq!(
        text_of(&ws.three_public.total),
        figure_after(&text, "经费预算安排")
    );
    // Running-cost items in the order the prose lists them: `办公费5.4万元、邮电费4.6万元、…`.
    let list_start = text.find("（其中办公费").expect("running cost list") + "（其中".len();
    let list_end = list_start + text[list_start..].find('）').unwrap();
    let stated: Vec<(String, String)> = text[list_start..list_end]
        .split('、')
        .map(|part| {
            let name: String = part.chars().take_while(|c| !c.is_ascii_digit()).collect();
            (name.clone(), figure_after(part, &name))
        })
        .collect();
    let items: Vec<(String, String)> = ws
        .running_costs
        .items
        .iter()
        .map(|i| (i.name.clone(), text_of(&i.amount)))
        .collect();
    assert_eq!(items, stated);
}

#[test]
fn tables_match_the_text() {
    let ws = workspace();
    let text = seed_text();
    let lines: Vec<&str> = text.lines().map(trim_all).collect();
    // Project codes: the cell after each `项目编码` cell.
    let codes: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[0] == "项目编码")
        .map(|w| w[1])
        .collect();
    let ws_codes: Vec<&str> = ws
        .performance
        .projects
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(ws_codes, codes);
    // Duties of the matrix: lines such as `一、组织编制…` inside the matrix, after its title.
    let matrix_start = lines
        .iter()
        .position(|l| l.contains("工作活动绩效目标"))
        .unwrap();
    let matrix_end = lines
        .iter()
        .position(|l| l.starts_with("六、政府采购"))
        .unwrap();
    let duty_names: Vec<&str> = lines[matrix_start..matrix_end]
        .iter()
        .filter(|l| {
            let n = without_numbering(l);
            n.len() < l.len() && !l.starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|l| without_numbering(l))
        .collect();
    let ws_duties: Vec<&str> = ws
        .performance
        .matrix
        .duties
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(ws_duties, duty_names);
    // Every 优 standard in the matrix text is the cell after an indicator name; count rows by
    // the `<` or `≥` family is fragile, so compare the total of the four-standard rows instead:
    // each indicator row in the text is 5 consecutive cells (name + 4 standards) preceded by
    // four blank cells or by the activity's cells.
    let graded: usize = ws.graded_indicators().count();
    let blank_led_rows = text
        [text.find("工作活动绩效目标").unwrap()..text.find("六、政府采购").unwrap()]
        .split("\n\n")
        .filter(|row| row.starts_with("\t\n\t\n\t\n\t\n\t") && row.lines().count() == 9)
        // The header row (blank cells, then 优 良 中 差) has no indicator name.
        .filter(|row| {
            row.lines()
                .nth(4)
                .is_some_and(|name| !trim_all(name).is_empty())
        })
        .count();
    let activities: usize = ws
        .performance
        .matrix
        .duties
        .iter()
        .map(|d| d.activities.len())
        .sum();
    // Each activity row carries its first indicator; the others are blank-led rows.
    assert_eq!(graded, blank_led_rows + activities);
}
