//! Amounts at the edge of exact decimals (about 7.9 × 10^28): no amount in any field, loaded
//! or typed, panics a command or a screen. Sums too large to add become a `sum.too_large`
//! finding; differences too large to compute are written out.

use budget_workbench::i18n::Lang;
use budget_workbench::model::Workspace;
use budget_workbench::tui::app::App;
use budget_workbench::tui::keymap::{Keymap, TabId};
use budget_workbench::tui::theme::Theme;
use budget_workbench::tui::ui;
use budget_workbench::{report, review, store, summary};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

const MAX: &str = "79228162514264337593543950335";

/// Keys whose strings are not figures.
const NOT_FIGURES: [&str; 2] = ["format", "year"];

/// The sample with every figure (a string that reads as a number, or a run of digits inside
/// an indicator value such as `≥95%`) replaced by the next of `values`, in turn.
fn sample_with(values: &[String]) -> Workspace {
    fn walk(v: &mut Value, key: &str, values: &[String], next: &mut usize) {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    walk(child, k, values, next);
                }
            }
            Value::Array(items) => {
                for child in items {
                    walk(child, key, values, next);
                }
            }
            Value::String(s)
                if !NOT_FIGURES.contains(&key) && s.contains(|c: char| c.is_ascii_digit()) =>
            {
                let figure = &values[*next % values.len()];
                *next += 1;
                *s = if budget_workbench::model::amount::read_decimal(s).is_some() {
                    figure.clone()
                } else {
                    // Inside text: the first run of digits becomes the figure.
                    let start = s.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                    let end = s[start..]
                        .find(|c: char| !c.is_ascii_digit() && c != '.')
                        .map_or(s.len(), |e| start + e);
                    format!(
                        "{}{}{}",
                        &s[..start],
                        figure.trim_start_matches('-'),
                        &s[end..]
                    )
                };
            }
            _ => {}
        }
    }
    let mut json = serde_json::to_value(store::sample()).unwrap();
    walk(&mut json, "", values, &mut 0);
    store::parse_str(&json.to_string(), "edge.json").expect("still a workspace")
}

fn app(ws: Workspace) -> App {
    App::new(
        ws,
        Some("edge.json".into()),
        Lang::Zh,
        false,
        Theme::new(false, false),
        Keymap::default(),
    )
}

/// Every command's output and every screen at 80×24, in both languages.
fn run_everything(ws: Workspace) {
    let findings = review::check(&ws);
    let _ = report::findings_text(&findings, Lang::Zh, true);
    let _ = report::findings_json(&findings);
    let rows = review::grades::grade_report(&ws);
    let _ = report::grades_text(&rows, Lang::En, false);
    let _ = report::grades_json(&rows);
    let _ = summary::to_text(&summary::summarize(&ws), Lang::Zh);
    let _ = store::to_json(&ws);
    let mut app = app(ws);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for tab in [
        TabId::Summary,
        TabId::ThreePublic,
        TabId::Projects,
        TabId::Activities,
        TabId::Findings,
    ] {
        app.tab = tab;
        terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
    }
}

/// Figures at and near the limits, and ordinary ones between them.
fn figure() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(MAX.to_string()),
        Just(format!("-{MAX}")),
        Just("1000000000000000000000000000".to_string()),
        Just("0.0000000000000000000000000001".to_string()),
        Just("7922816251426433759354395033.5".to_string()),
        (any::<i64>(), 0u32..=28)
            .prop_map(|(m, scale)| rust_decimal::Decimal::new(m, scale).to_string()),
        (1u32..=29).prop_map(|digits| "9".repeat(digits as usize)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_figure_panics_a_command_or_a_screen(values in prop::collection::vec(figure(), 1..6)) {
        run_everything(sample_with(&values));
    }
}

#[test]
fn every_figure_at_the_limit_is_reviewed_without_a_panic() {
    for figure in [
        MAX.to_string(),
        format!("-{MAX}"),
        "1000000000000000000000000000".into(),
    ] {
        run_everything(sample_with(&[figure]));
    }
}

#[test]
fn two_items_at_the_limit_are_too_large_to_add() {
    let text = format!(
        r#"{{"format":"1.0","meta":{{"department":"d"}},
        "overview":{{"expenditure":{{"personnel":"{MAX}","public_admin":"{MAX}","projects":"0","total":"1"}}}}}}"#
    );
    let ws = store::parse_str(&text, "t.json").unwrap();
    let findings = review::check(&ws);
    let too_large: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "sum.too_large")
        .collect();
    assert_eq!(too_large.len(), 1, "{findings:#?}");
    assert_eq!(too_large[0].pointer, "/overview/expenditure/total");
    assert!(too_large[0].message_en.contains("too large to add"));
    assert!(
        findings.iter().all(|f| f.rule != "sum.mismatch"),
        "an unchecked total is not called wrong"
    );
}

#[test]
fn a_typed_figure_at_the_limit_draws_and_reviews() {
    use budget_workbench::tui::edit::{Edit, Refusal, Target};
    use budget_workbench::tui::i18n::Msg;
    let mut app = app(store::sample());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for pointer in [
        "/overview/expenditure/personnel",
        "/overview/expenditure/prior_year",
        "/overview/revenue/sources/0/amount",
        "/running_costs/items/0/amount",
        "/three_public/items/1/amount",
        "/procurement/rows/0/amounts/total",
        "/assets/categories/0/value",
    ] {
        for typed in ["1000000000000000000000000000", MAX] {
            let target = Target::Figure(pointer.parse().unwrap());
            let value = target.read_input(typed).expect("a number is accepted");
            app.perform(Edit::Set { target, value }, Msg::EditedCell);
            for tab in [TabId::Summary, TabId::ThreePublic, TabId::Findings] {
                app.tab = tab;
                terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
            }
        }
        // Beyond exact decimals: refused, not stored as a number that cannot be added.
        let target = Target::Figure(pointer.parse().unwrap());
        assert_eq!(
            target.read_input("792281625142643375935439503350"),
            Err(Refusal::NotANumber)
        );
    }
    assert!(app.findings.iter().any(|f| f.rule == "sum.too_large"));
}

/// The published documents' tables at the edge: every figure of every table of each vendored
/// PDF set to the largest or the most negative decimal, alternately, and every prose figure
/// to 28 nines. `check`, every command and every screen report, never panic (a 28-digit
/// amount crashed the program once).
#[test]
fn published_tables_at_the_edge_are_checked_without_a_panic() {
    use budget_workbench::import::import_file;
    use budget_workbench::model::Amount;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    for name in [
        "changchun-xinfang-2026.pdf",
        "shanghai-xinfang-2026.pdf",
        "guangzhou-xuanchuanbu-2026.pdf",
        "chongqing-bangongting-2026.pdf",
        "wuxi-tongjiju-2026.pdf",
    ] {
        let mut ws = import_file(&fixtures.join(name))
            .expect("imports")
            .workspace;
        let mut flip = false;
        for table in &mut ws.tables {
            for row in &mut table.rows {
                for cell in row.cells.iter_mut().flatten() {
                    if cell.value().is_some() {
                        flip = !flip;
                        let edge = if flip {
                            "79228162514264337593543950335"
                        } else {
                            "-79228162514264337593543950335"
                        };
                        *cell = Amount::parse(edge);
                    }
                }
            }
        }
        for page in &mut ws.source.pages {
            for line in &mut page.lines {
                let edged: String = line
                    .split(|c: char| c.is_ascii_digit())
                    .collect::<Vec<_>>()
                    .join("9999999999999999999999999999");
                *line = edged;
            }
        }
        let findings = review::check(&ws);
        assert!(!findings.is_empty(), "{name}: figures at the edge disagree");
        run_everything(ws.clone());
        let mut app = app(ws);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for &tab in TabId::ALL {
            app.tab = tab;
            terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
        }
    }
}
