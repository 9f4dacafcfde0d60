// Temporary: dump lines with span positions and rules of pages.
use budget_workbench::import::pdf::{layout, read};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap();
    let from: u32 = args[2].parse().unwrap();
    let to: u32 = args[3].parse().unwrap();
    let pages = read::read_pages(&bytes).unwrap();
    for p in &pages {
        if p.number < from || p.number > to {
            continue;
        }
        println!("=== page {} {}x{}", p.number, p.width, p.height);
        let h = p.rules.iter().filter(|r| r.is_horizontal()).count();
        let v = p.rules.iter().filter(|r| r.is_vertical()).count();
        println!("rules: {} h={} v={}", p.rules.len(), h, v);
        if args.len() > 4 {
            for r in &p.rules {
                if r.is_horizontal() || r.is_vertical() {
                    println!("  R {:?}", r);
                }
            }
        }
        for l in layout::lines_of(p) {
            let s: Vec<String> = l
                .spans
                .iter()
                .map(|s| format!("[{}-{}]{}", s.x0, s.x1, s.text))
                .collect();
            println!("{:3} y={} {}", l.number, l.baseline, s.join(" "));
        }
    }
}
