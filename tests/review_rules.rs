use budget_workbench::model::Workspace;
use budget_workbench::report::{self, Lang};
use budget_workbench::review::{self, Finding};
use budget_workbench::store;

fn clean() -> Workspace {
    store::parse_str(include_str!("fixtures/review_clean.json"), "review_clean.json").expect("fixture")
}

#[test]
fn print_clean() {
    let f: Vec<Finding> = review::check(&clean());
    println!("{}", report::findings_text(&f, Lang::Zh, false));
    println!("{}", report::grades_text(&report::grade_report(&clean()), Lang::Zh, false));
}
