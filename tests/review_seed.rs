use budget_workbench::report::{self, Lang};
use budget_workbench::review;
use budget_workbench::store;

#[test]
fn print_seed() {
    let ws = store::sample();
    let f = review::check(&ws);
    println!("{}", report::findings_text(&f, Lang::Zh, false));
}
